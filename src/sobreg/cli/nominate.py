"""`sobreg nominate` (the nomination form in a terminal, or from a file) and `sobreg search`."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from sobreg.cli.common import (
    ActorOpt,
    JsonOpt,
    LangOpt,
    RegistryOpt,
    SkipOpt,
    apply,
    command_help,
    current_registry,
    echo,
    echo_json,
    table,
)
from sobreg.cli.workflow import FromFileOpt, read_mapping
from sobreg.errors import EXIT_OK, EXIT_REFUSED, UsageError
from sobreg.i18n import t
from sobreg.store.files import read_text


class Interview:
    """Asks the form's questions on a terminal; every answer is checked before the next one."""

    def __init__(self, process: Any, defaults: dict[str, str | None], stderr: bool) -> None:
        # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
        from rich.console import Console

        self.process = process
        self.defaults = defaults
        self.out = Console(stderr=stderr, highlight=False)

    def _input(self, prompt: str) -> str:
        try:
            return str(self.out.input(prompt, markup=False))
        except EOFError:
            raise KeyboardInterrupt from None  # Ctrl-D: the person left the form

    def say(self, text: str = "", style: str | None = None) -> None:
        self.out.print(text, style=style, markup=False, highlight=False)

    def ask(self, field: Any, default: str | None) -> Any:
        # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
        from sobreg.engine.form import AnswerError, parse

        self.say()
        self.say(field.title + ("" if field.required else f" ({t('form.optional')})"), "bold")
        if field.help:
            self.say(f"  {field.help}", "dim")
        for number, (_, label) in enumerate(field.choices, 1):
            self.say(f"  {number}) {label}")
        hint = {"bool": f" [{t('form.yes_no_hint')}]"}.get(field.kind, "")
        if default:
            hint += f" [{default}]"
        while True:
            raw = self._input(f"{hint.strip()} › " if hint else "› ")
            try:
                return parse(field, raw, default)
            except AnswerError as exc:
                self.say(f"  ✗ {exc}", "red")

    def run(self) -> dict[str, Any]:
        self.say(t("form.intro"), "bold")
        answers: dict[str, Any] = {}
        self.fill(answers)
        return answers

    def fill(self, answers: dict[str, Any]) -> None:
        """Asks every question that applies and has no answer yet, in the form's order."""
        # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
        from sobreg.engine.form import unanswered

        while pending := unanswered(answers):
            self.answer(pending[0], answers)

    def answer(self, question: Any, answers: dict[str, Any], again: bool = False) -> None:
        """Asks one question (`again`: with its current answer as the default) and says at once
        what the answer means for step a."""
        # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
        from sobreg.engine.form import HAS_SOB_CONTACT, blocker, describe

        field = describe(self.process, question, answers)
        default = self.defaults.get(question.default or "")
        if again and answers.get(question.path) is not None:
            default = _as_typed(answers[question.path])
        answers[question.path] = self.ask(field, default)
        if question.path == HAS_SOB_CONTACT and answers[question.path] is False:
            self.say(f"  {t('form.no_sob_contact')}", "yellow")
        req = blocker(self.process, question.path, answers)
        if req is not None:
            self.say(f"  ⚠ {t('form.blocks', field=field.title, expected=_shown(req.equals))}",
                     "yellow")  # fmt: skip

    def review(self, answers: dict[str, Any], similar: Any) -> bool:
        """The summary, until the person saves (True) or leaves without saving (False); an
        answer may be changed, by its number, as often as needed."""
        # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
        from sobreg.engine.form import REVIEW_CHOICES, Field, applying, review_choice

        hits = similar(answers)
        _similar(self, hits)
        while True:
            questions = _summary(self, answers)
            self.say()
            self.say(t("form.confirm"), "bold")
            for at, label in enumerate(REVIEW_CHOICES, 1):
                self.say(f"  {at}) {t(f'form.review.{label}')}")
            while (choice := review_choice(self._input("› "))) is None:
                self.say(f"  ✗ {t('form.choice', count=len(REVIEW_CHOICES))}", "red")
            if choice == "save":
                return True
            if choice == "quit":
                leave = Field("discard", "bool", t("form.discard"), "", True)
                if self.ask(leave, None):
                    return False
                continue
            self.say()
            self.say(t("form.which", count=len(questions)), "bold")
            while (picked := _number(self._input("› "), len(questions))) is None:
                self.say(f"  ✗ {t('form.which_range', count=len(questions))}", "red")
            question = questions[picked - 1]
            self.answer(question, answers, again=True)
            kept = applying(answers)
            answers.clear()
            answers.update(kept)
            self.fill(answers)
            if question.path in ("title", "need", "target_group.description"):
                _similar(self, similar(answers))


def _number(raw: str, count: int) -> int | None:
    """A number from 1 to `count`, or None."""
    text = raw.strip()
    return int(text) if text.isdigit() and 1 <= int(text) <= count else None


def _as_typed(value: Any) -> str:
    """A current answer as the person would type it, to keep it with Enter."""
    if isinstance(value, bool):
        return t("word.yes") if value else t("word.no")
    return str(value)


def _shown(value: Any) -> str:
    # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
    from sobreg.cli.items import scalar

    return scalar(value)


def _summary(interview: Interview, answers: dict[str, Any]) -> list[Any]:
    """The answers, numbered for "change an answer"; the questions in that order."""
    # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
    from sobreg.engine.form import HAS_SOB_CONTACT, blocker, describe, shown_answers

    interview.say()
    interview.say(t("form.summary"), "bold")
    questions = shown_answers(answers)
    for number, question in enumerate(questions, 1):
        value = answers.get(question.path)
        field = describe(interview.process, question, answers)
        shown = "–" if value is None else dict(field.choices).get(str(value), _shown(value))
        if question.path == HAS_SOB_CONTACT:
            shown = _shown(value)
        mark = " ⚠" if blocker(interview.process, question.path, answers) else ""
        interview.say(f"  {number:>2}. {field.title.rstrip('?')}: {shown}{mark}")
    return questions


def _similar(interview: Interview, hits: list[Any]) -> None:
    # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
    from sobreg.cli.otherregistries import hit_source, hit_type

    interview.say()
    if not hits:
        interview.say(t("form.no_similar"), "bold")
        return
    interview.say(t("form.similar", count=len(hits)), "bold")
    for hit in hits:
        kind = hit_type(hit)
        where = f"{hit.source}:{hit.id}" if hit.source else hit.id
        interview.say(
            f"  {where}  {hit.title}  ({kind}, {t('form.similarity', score=round(hit.score))})"
        )
        if hit.source:
            interview.say(f"      {hit_source(hit)}", "dim")


def nominate(
    from_file: FromFileOpt = None,
    as_json: JsonOpt = False,
    registry: RegistryOpt = None,
    actor: ActorOpt = None,
    lang: LangOpt = None,
) -> int:
    # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
    from sobreg.audit.repo import git_config
    from sobreg.operations.nominate import check_fields, create

    apply(lang, registry, actor)
    if from_file is None and not sys.stdin.isatty():
        raise UsageError("nominate.no_terminal")
    reg, who = current_registry(writes=True)
    if from_file is not None:
        fields = read_mapping(from_file)
        text = read_text(from_file)
        check_fields(reg.process, fields, str(from_file), text)
    else:
        # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
        from sobreg.engine.form import fields_of
        from sobreg.reporting.search import similar

        defaults = {key: git_config(key, reg.root) for key in ("user.name", "user.email")}
        interview = Interview(reg.process, defaults, stderr=as_json)
        answers = interview.run()
        if not interview.review(answers, lambda found: similar(reg, fields_of(found))):
            echo(t("form.not_saved"), err=True)
            return EXIT_REFUSED
        fields = fields_of(answers)
    created = create(reg, fields, who)
    # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
    from sobreg.audit.repo import Git

    shown = Git(reg.root).rel(created.path)
    if as_json:
        echo_json({"id": created.id, "path": shown})
    else:
        echo(t("nominate.done", id=created.id, path=shown, commit=created.commit[:10]))
    return EXIT_OK


def search(
    text: Annotated[str, typer.Argument(metavar=t("metavar.text"))],
    limit: Annotated[int, typer.Option("--limit", min=1, max=1000, help=t("opt.limit"))] = 20,
    local_only: Annotated[bool, typer.Option("--local", help=t("opt.local"))] = False,
    as_json: JsonOpt = False,
    skip_invalid: SkipOpt = False,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
) -> int:
    # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
    from sobreg.cli.otherregistries import hit_source, hit_type
    from sobreg.reporting.search import search

    apply(lang, registry)
    if not text.strip():
        raise UsageError("search.empty")
    reg, _ = current_registry(skip_invalid=skip_invalid)
    hits = search(reg, text[:500], limit=limit, local_only=local_only)
    if as_json:
        echo_json([h.as_json() for h in hits])
        return EXIT_OK
    headers = [t("col.id"), t("col.title"), t("col.type"), t("col.status"), t("col.score"),
               t("col.source")]  # fmt: skip
    rows = [
        [
            f"{h.source}:{h.id}" if h.source else h.id,
            h.title,
            hit_type(h),
            t(f"status.{h.status}"),
            f"{h.score:.0f}",
            hit_source(h),
        ]
        for h in hits
    ]
    if not hits:
        echo(t("search.none", text=text[:100]))
        return EXIT_OK
    table(headers, rows, t("search.title", count=len(hits)))
    return EXIT_OK


def register(app: typer.Typer) -> None:
    app.command("nominate", help=command_help("nominate"))(nominate)
    app.command("search", help=command_help("search"))(search)
