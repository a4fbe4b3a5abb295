"""The nomination form (nomineringsmall, routine step a) as questions, and their answers checked.

The questions carry only what the form adds to the models: their order and when each is asked.
Titles and help lines come from the models, closed sets from their enums, and whether a question
may be left empty from what `process.yaml` requires at step a. Nothing here prints: the CLI asks.
"""

from __future__ import annotations

import enum
import typing
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import TypeAdapter, ValidationError

from sobreg.engine.collation import fold
from sobreg.engine.process import get_path, holds, unmet
from sobreg.engine.titles import help_line, leaf, short_title, title, type_members
from sobreg.i18n import t
from sobreg.models.common import value_labels
from sobreg.models.nomination import FORM_FIELDS
from sobreg.models.patterns import as_sobreg_error, message_key
from sobreg.models.process import ProcessDefinition, Requirement

Answers = dict[str, Any]
HAS_SOB_CONTACT = "anchoring.has_sob_contact"  # a question of the form, not a field of the file


# When a question is asked, as data (path -> the answers that ask it; None is "not given"), so
# that the published form (`reporting.formpage`) evaluates the same conditions in the
# browser. "Idén förankras hos verksamhetschef": asked of employees and contracted providers (and
# of a nominator who gave no role), not of a council, research group or the administration.
Condition = dict[str, tuple[Any, ...]]
_PURCHASE: Condition = {"request": ("purchase",)}
_ANCHORED: Condition = {"nominator.role": ("employee", "contracted_provider", None)}


@dataclass(frozen=True)
class Question:
    path: str
    when: Condition | None = None
    default: str | None = None  # key of a default the CLI knows (git's user.name/user.email)


QUESTIONS: tuple[Question, ...] = (
    Question("title"),
    Question("kind"),
    Question("request"),
    Question("existing_program.name", when=_PURCHASE),
    Question("existing_program.supplier", when=_PURCHASE),
    Question("nominator.name", default="user.name"),
    Question("nominator.email", default="user.email"),
    Question("nominator.unit"),
    Question("nominator.role"),
    Question("need"),
    Question("target_group.description"),
    Question("target_group.children"),
    Question("target_group.child_safety_considered", when={"target_group.children": (True,)}),
    Question("usage"),
    Question("anchoring.head_of_unit", when=_ANCHORED),
    Question(HAS_SOB_CONTACT),
    Question("anchoring.sob_contact.name", when={HAS_SOB_CONTACT: (True,)}),
    Question("anchoring.sob_contact.email", when={HAS_SOB_CONTACT: (True,)}),
    Question("costs.development_sek", when={"request": ("new",)}),
    Question("costs.other_sek"),
    Question("costs.financing"),
    Question("patient_involvement"),
    Question("evaluation_plan"),
)


class AnswerError(ValueError):
    """An answer that cannot be taken, with the reason in the user's language."""


@dataclass(frozen=True)
class Field:
    """A question as the CLI shows it."""

    path: str
    kind: str  # text | int | bool | choice
    title: str
    help: str
    required: bool
    choices: tuple[tuple[str, str], ...] = ()  # (value, label)


def _adapter(path: str) -> TypeAdapter[Any]:
    _, _, info = leaf("nomination", path)
    annotation: Any = info.annotation
    if info.metadata:
        annotation = Annotated[(annotation, *info.metadata)]
    return TypeAdapter(annotation)


def _choices(path: str, member: Any) -> tuple[tuple[str, str], ...]:
    if isinstance(member, type) and issubclass(member, enum.Enum):
        values = [str(m.value) for m in member]
    else:
        values = [str(v) for v in typing.get_args(member)]
    _, name, info = leaf("nomination", path)
    prefix = value_labels(info) or name
    return tuple((v, t(f"{prefix}.{v}")) for v in values)


def _required(process: ProcessDefinition, path: str, answers: Answers) -> bool:
    if path == "title":
        return True
    step = process.step(process.rules("nomination").first_step)
    return any(req.field == path and holds(_nested(answers), req.when) for req in step.requires)


def describe(process: ProcessDefinition, question: Question, answers: Answers) -> Field:
    """How to ask `question`, given the answers so far."""
    if question.path == HAS_SOB_CONTACT:
        return Field(HAS_SOB_CONTACT, "bool", t("form.has_sob_contact"), "", True)
    _, _, info = leaf("nomination", question.path)
    members = type_members(info.annotation)
    member = members[0] if members else str
    kind = "text"
    choices: tuple[tuple[str, str], ...] = ()
    if member is bool:
        kind = "bool"
    elif member is int:
        kind = "int"
    elif typing.get_origin(member) is typing.Literal or (
        isinstance(member, type) and issubclass(member, enum.Enum)
    ):
        kind, choices = "choice", _choices(question.path, member)
    return Field(
        question.path,
        kind,
        heading(question.path),
        help_line("nomination", question.path),
        _required(process, question.path, answers),
        choices,
    )


def heading(path: str) -> str:
    """A question's title: the field's own, or with its parents when another question has the
    same one ("Namn" of the nominator and of the SoB contact person)."""
    short = short_title("nomination", path)
    same = [q for q in QUESTIONS if q.path != HAS_SOB_CONTACT
            and short_title("nomination", q.path) == short]  # fmt: skip
    return title("nomination", path) if len(same) > 1 else short


def asked(question: Question, answers: Answers) -> bool:
    when = question.when or {}
    return all(answers.get(path) in values for path, values in when.items())


def blocker(process: ProcessDefinition, path: str, answers: Answers) -> Requirement | None:
    """The requirement of step a an answer fails (`anchoring.head_of_unit: nej` of an employee),
    so the form can say so at once instead of `check` later; None when it leaves a."""
    step = process.step(process.rules("nomination").first_step)
    value = answers.get(path)
    for req in step.requires:
        if req.field != path or req.equals is None or value is None or value == req.equals:
            continue
        if holds(_nested(answers), req.when):
            return req
    return None


def unanswered(answers: Answers) -> list[Question]:
    """The questions that apply to `answers` and have no answer yet, in the form's order (after
    a changed answer: `request: purchase` now asks for the existing program)."""
    return [q for q in QUESTIONS if asked(q, answers) and q.path not in answers]


def applying(answers: Answers) -> Answers:
    """`answers` without those to questions that no longer apply (a purchase's program after
    `request` was changed to new), asked again from the start in the form's order."""
    kept: Answers = {}
    for question in QUESTIONS:
        if question.path in answers and asked(question, kept):
            kept[question.path] = answers[question.path]
    return kept


def shown_answers(answers: Answers) -> list[Question]:
    """The questions a summary numbers: those that apply, answered or left empty."""
    return [q for q in QUESTIONS if asked(q, answers)]


# What the person can do at the summary: the form's last question.
REVIEW_CHOICES = ("save", "change", "quit")


def review_choice(raw: str) -> str | None:
    """The summary's answer: 1 / j / ja: save; 2: change an answer; 3 / n / nej: quit."""
    word = raw.strip().casefold()
    if word in _YES or word == "1":
        return "save"
    if word == "2":
        return "change"
    if word in _NO or word == "3":
        return "quit"
    for choice in REVIEW_CHOICES:
        if word in (choice, t(f"form.review.{choice}").casefold()):
            return choice
    return None


_YES = {"j", "ja", "y", "yes"}
_NO = {"n", "nej", "no"}


def parse(field: Field, raw: str, default: str | None = None) -> Any:
    """The value of an answer, or AnswerError saying why it cannot be taken."""
    text = raw.strip()
    if not text and default:
        text = default
    if not text:
        if field.required:
            raise AnswerError(t("form.required"))
        return None
    if field.kind == "bool":
        word = text.casefold()
        if word in _YES:
            return True
        if word in _NO:
            return False
        raise AnswerError(t("form.yes_no"))
    if field.kind == "choice":
        word = text.casefold()
        for number, (choice, label) in enumerate(field.choices, 1):
            if word in (str(number), choice.casefold(), label.casefold()):
                return choice
        # The beginning of one label only ("nytt", "inköp", "medarbetare"): that one.
        begun = [choice for choice, label in field.choices
                 if len(word) >= 2 and fold(label).startswith(fold(word))]  # fmt: skip
        if len(begun) == 1:
            return begun[0]
        raise AnswerError(t("form.choice", count=len(field.choices)))
    if field.path == HAS_SOB_CONTACT:
        return text
    value: Any = text
    if field.kind == "int":
        digits = text.replace(" ", "").replace("\u00a0", "").removesuffix("kr").strip()
        try:
            value = int(digits)
        except ValueError:
            raise AnswerError(t("form.int")) from None
    try:
        return _adapter(field.path).validate_python(value)
    except ValidationError as exc:
        err = as_sobreg_error(exc.errors(include_url=False)[0])
        if message_key(err["type"], field.path) == "email":
            raise AnswerError(t("form.email")) from None
        ctx = {k: str(v)[:200] for k, v in (err.get("ctx") or {}).items()}
        why = t(f"pyd.{err['type']}", msg=err["msg"], **ctx)
        why = why[:1].upper() + why[1:]  # a sentence of its own, with its full stop
        raise AnswerError(why if why.endswith((".", "?", "!")) else f"{why}.") from None


def _nested(answers: Answers) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for path, value in answers.items():
        if path == HAS_SOB_CONTACT or value is None:
            continue
        node = out
        *parents, last = path.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = value
    return out


def fields_of(answers: Answers) -> dict[str, Any]:
    """The answers as the nomination's fields (nested mappings, unanswered left out)."""
    data = _nested(answers)
    if answers.get(HAS_SOB_CONTACT) is False:
        data.setdefault("anchoring", {})["sob_contact"] = None
    return data


def unanswered_in_file(process: ProcessDefinition, data: dict[str, Any]) -> list[tuple[str, str]]:
    """What a filled-in nomination form (`nominate --from-file`'s file, or the published form's)
    lacks of what the person nominating answers at step a, as (path, "missing" | "blocks"): an
    answer not given, or given and keeping the nomination at a (head of unit not anchored). The
    checklist's own rule (`unmet`, as `check` applies it), over the form's fields."""
    step = process.step(process.rules("nomination").first_step)
    asked_here = [r for r in step.requires if r.field.split(".", 1)[0] in FORM_FIELDS]
    found: list[tuple[str, str]] = []
    for missing in unmet(data, asked_here):
        value = get_path(data, missing.field)
        given = value is not None and not (isinstance(value, str) and not value.strip())
        found.append((missing.field, "blocks" if given else "missing"))
    return found
