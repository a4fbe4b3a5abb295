"""Record a national assessment on a program, checked against the method in `evaluation.yaml`.

The method decides everything checked here (template per kind, criteria, scales, assessors
required, the parts, the re-review interval), so changing the method changes behaviour.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from sobreg.audit import repo as audit
from sobreg.audit.transaction import commit_files, writing
from sobreg.engine.process import acting_role, entry
from sobreg.errors import Issue, RefusedError
from sobreg.i18n import local, t
from sobreg.models import EvaluationMethod
from sobreg.models.assessment import COMPUTED, Assessment
from sobreg.operations.advance import context, held_roles, seal_entries, validated
from sobreg.reporting.statements import scale_label
from sobreg.reporting.templates import oneline
from sobreg.store import editing, yamlio
from sobreg.store.registry import Item, Registry
from sobreg.validation.modelissues import pydantic_issues

# Set by sobreg, never taken from the file: the rule computes it.


@dataclass
class Recorded:
    id: str
    commit: str
    next_review: dt.date


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` plus whole months; the 31st becomes the month's last day where there is none."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_review(method: EvaluationMethod, assessed: dt.date) -> dt.date:
    return add_months(assessed, method.re_review.interval_months)


def _person(value: str | None) -> str:
    return " ".join((value or "").split()).casefold()


def _not_independent(program: dict[str, Any], assessor: dict[str, Any]) -> str | None:
    """Why an assessor is not independent of the program (None when they are)."""
    name, email = _person(assessor.get("name")), _person(assessor.get("email"))
    group = ((program.get("project") or {}).get("group")) or []
    for member in group:
        if isinstance(member, dict) and name and _person(member.get("name")) == name:
            return "in_project_group"
    reviewer = (program.get("content_review") or {}).get("reviewer") or {}
    if name and _person(reviewer.get("name")) == name:
        return "is_content_reviewer"
    if email and _person(reviewer.get("email")) == email:
        return "is_content_reviewer"
    return None


def template_for(method: EvaluationMethod, kind: str | None) -> str | None:
    for name, template in method.templates.items():
        if kind in template.kinds:
            return name
    return None


Why = tuple[str, dict[str, Any]]  # a message key and its parameters


def _why(key: str, **params: Any) -> Why:
    return key, params


def problems(
    method: EvaluationMethod, program: dict[str, Any], data: dict[str, Any]
) -> list[tuple[list[str | int], Why]]:
    """Everything in `data` the method refuses, each with where it is (a path into `data`)."""
    found: list[tuple[list[str | int], Why]] = []
    scales = {name: [v.value for v in values] for name, values in method.scales.items()}

    def on_scale(loc: list[str | int], value: Any, scale: str) -> None:
        if value not in scales[scale]:
            found.append((loc, _why("assess.not_on_scale", value=str(value)[:80],
                                 allowed=", ".join(scales[scale]))))  # fmt: skip

    if data.get("method_version") != method.version:
        found.append((["method_version"], _why("assess.method_version", version=method.version)))
    template = method.templates.get(str(data.get("template")))
    if template is None:
        found.append((["template"], _why("assess.template", allowed=", ".join(method.templates))))
    elif program.get("kind") and program["kind"] not in template.kinds:
        found.append((["template"], _why("assess.template_kind", kind=program["kind"])))
    else:
        criteria = {c.id: c for c in method.criteria}
        scores = data.get("scores") or {}
        for missing in [c for c in template.criteria if c not in scores]:
            name = local(criteria[missing].name.model_dump())
            found.append((["scores"], _why("assess.score_missing", criterion=missing, name=name)))
        for key, value in scores.items():
            if key not in template.criteria:
                found.append((["scores", key], _why("assess.score_unknown", criterion=str(key))))
            elif isinstance(value, dict):
                on_scale(["scores", key, "score"], value.get("score"), criteria[key].scale)
    on_scale(["evidence_grade"], data.get("evidence_grade"), method.evidence_grades)
    on_scale(["recommendation"], data.get("recommendation"), method.recommendations)
    parts = data.get("parts") or {}
    for part in method.parts:
        if part.required and not (parts.get(part.id) or {}).get("date"):
            name = local(part.name.model_dump())
            found.append((["parts"], _why("assess.part_missing", part=part.id, name=name)))
    for key in parts:
        if key not in [p.id for p in method.parts]:
            found.append((["parts", key], _why("assess.part_unknown", part=str(key))))
    assessors = [a for a in data.get("assessors") or [] if isinstance(a, dict)]
    names = {_person(a.get("name")) for a in assessors}
    if len(names) < method.assessors_required:
        found.append((["assessors"], _why("assess.too_few", required=method.assessors_required,
                                       count=len(names))))  # fmt: skip
    for i, assessor in enumerate(assessors):
        why = _not_independent(program, assessor)
        if why:
            found.append((["assessors", i, "name"],
                          _why(f"assess.{why}", name=oneline(assessor.get("name")))))  # fmt: skip
    return found


def _refuse(key: str, source: str, text: str | None, found: list[tuple[list[Any], Why]]) -> None:
    doc = None
    if text is not None:
        try:
            doc = yamlio.load_roundtrip(text, source)
        except yamlio.YamlProblem:
            doc = None
    issues = []
    for loc, (why, params) in found:
        line, col = yamlio.position(doc, loc) if doc is not None else (1, 1)
        issues.append(Issue(source, line, col, ".".join(str(p) for p in loc), why, params))
    raise RefusedError(key, path=source, issues=issues)


def prepare(
    method: EvaluationMethod,
    program: dict[str, Any],
    data: dict[str, Any],
    source: str,
    text: str | None,
) -> dict[str, Any]:
    """The assessment to record: defaults filled, shape and method checked, next review set."""
    given = [k for k in COMPUTED if k in data]
    if given:
        _refuse("assess.invalid", source, text, [([k], _why("assess.computed")) for k in given])
    filled = dict(data)
    filled.setdefault("method_version", method.version)
    if "template" not in filled and (name := template_for(method, program.get("kind"))):
        filled["template"] = name
    try:
        model = Assessment.model_validate(filled)
    except ValidationError as exc:
        issues = sorted(pydantic_issues(source, text, exc), key=lambda i: (i.line, i.col, i.field))
        raise RefusedError("assess.invalid", path=source, issues=issues) from None
    found = problems(method, program, filled)
    if found:
        _refuse("assess.invalid", source, text, found)
    # The model's own dump: dates as dates whether the file was YAML or JSON, fields in order.
    record = model.model_dump(exclude_none=True)
    record["next_review"] = next_review(method, model.date)
    return record


def assess(
    registry: Registry, item: Item | str, data: dict[str, Any], actor: str, source: str,
    text: str | None = None,
) -> Recorded:  # fmt: skip
    """Append an assessment to the program's `assessments` and commit it."""
    method = registry.evaluation
    if method is None:
        raise RefusedError("assess.no_method")
    item = registry.item(item)
    program_id, path = item.id, item.path
    with writing(registry, path) as git:
        original, doc = registry.load_roundtrip(item)
        edited = editing.Edited(doc)  # the one conversion of the document to data
        program = edited.data
        record = prepare(method, program, data, source, text)
        edited.append("assessments", record)
        # The assessment is an event of the program's own trail too, sealed into its chain.
        step, status = program.get("step"), str(program.get("status"))
        ctx = context(registry, actor, None)
        recorded = entry(ctx, "assess", step, step, status, note=record["date"].isoformat())
        # With roles.yaml, only the national competence group records its assessments.
        recorded["role"] = acting_role(registry.process, recorded, held_roles(registry, actor))
        edited.apply_transition(step, status, [recorded])
        seal_entries(edited, 1)
        validated(registry, path, doc, program, "program")
        new_text = yamlio.like(original, yamlio.dump_roundtrip(doc))
        grade = scale_label(method, method.recommendations, record["recommendation"])
        day = record["date"].isoformat()
        subject = t("commit.assess", id=program_id, date=day, recommendation=grade)
        step = program.get("step")
        sha = commit_files(git, {path: new_text}, audit.message(subject, program_id, "assess",
                                                                step, step), actor)  # fmt: skip
        return Recorded(program_id, sha, record["next_review"])
