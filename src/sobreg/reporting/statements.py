"""A program's facts and latest statement (utlåtande) as plain values with labels resolved.

Used by `show --statement` and by `publish`. Labels come from the method (`evaluation.yaml`) and
the catalogue, so templates only lay out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sobreg.engine.process import get_path
from sobreg.engine.programs import replacement
from sobreg.engine.reviews import latest_assessment
from sobreg.engine.timeline import as_date, date_at
from sobreg.i18n import local, t

if TYPE_CHECKING:
    from sobreg.models import EvaluationMethod


def scale_label(method: EvaluationMethod, scale: str, value: Any) -> str:
    for entry in method.scales.get(scale, []):
        if entry.value == value:
            return local(entry.label.model_dump())
    return str(value) if value is not None else "–"


def facts(
    program: dict[str, Any], names: dict[str, str], parts: list[str] | None = None
) -> dict[str, Any]:
    """What a reader needs to know about a program, whatever its step."""
    deactivation = program.get("deactivation") or {}
    replaced_by, replaced_by_name = replacement(deactivation.get("replaced_by"), names)
    kind = program.get("kind")
    device = get_path(program, "production.medical_device.is_device")
    return {
        "id": program.get("id"),
        "name": program.get("name") or program.get("id"),
        "kind": kind,
        "kind_label": t(f"kind.{kind}") if kind else "–",
        "status": program.get("status"),
        "status_label": t(f"status.{program.get('status')}"),
        "origin_label": t(f"origin.{program.get('origin')}"),
        "published": date_at(program, "implementation.published"),
        "units": list((program.get("implementation") or {}).get("units") or []),
        "languages": list((program.get("production") or {}).get("languages") or []),
        "language_names": [
            _language(code) for code in (program.get("production") or {}).get("languages") or []
        ],
        "inactive": program.get("status") == "inactive",
        "deactivated": as_date(deactivation.get("date")),
        "reason_label": t(f"reason.{deactivation['reason']}") if deactivation.get("reason") else "",
        "replaced_by": replaced_by,
        "replaced_by_name": replaced_by_name,
        "council": program.get("council"),
        "owner": get_path(program, "implementation.owner"),
        "medical_device": t(f"medical_device.{device}") if device else None,
        "recommended": _recommended(program, parts or []),
        "significant_version": program.get("significant_version"),
        "latest_version": _latest_version(program),
        "version_unreviewed": _unreviewed(program),
        "units_in_use": _units_in_use(program),
    }


def _recommended(program: dict[str, Any], parts: list[str]) -> list[dict[str, Any]]:
    """The recommended parts (process.yaml's `recommended` requirements, h and i in VGR's
    routine: "rekommenderas"), each done or not done with its reason."""
    found = []
    for part in parts:
        value = get_path(program, part)
        if not isinstance(value, dict):
            continue
        # Lazy: the titles come from the models, which an unchanged catalogue page never loads.
        from sobreg.engine.titles import title

        done = value.get("done") is not False
        found.append({
            "label": t("recommended.part", title=title("program", part)),
            "state": t("recommended.done") if done else t("recommended.not_done"),
            "reason": None if done else value.get("reason_not_done"),
        })  # fmt: skip
    return found


def _language(code: Any) -> str:
    """A language code as a reader says it (sv → svenska); an unknown code as it is."""
    key = f"language.{code}"
    name = t(key)
    return str(code) if name == key else name


def _latest_version(program: dict[str, Any]) -> str | None:
    versions = [v for v in program.get("versions") or [] if isinstance(v, dict)]
    return str(versions[-1].get("version")) if versions else None


def _unreviewed(program: dict[str, Any]) -> bool:
    """A significant version the latest national assessment has not assessed."""
    version = program.get("significant_version")
    if not version:
        return False
    latest = latest_assessment(program)
    return latest is None or str(latest.get("program_version") or "") != str(version)


def _units_in_use(program: dict[str, Any]) -> list[str]:
    """The units named at implementation and those that adopted it since, still using it."""
    named = [str(u) for u in (program.get("implementation") or {}).get("units") or []]
    for unit in program.get("units") or []:
        if isinstance(unit, dict) and not unit.get("ended") and unit.get("name") not in named:
            named.append(str(unit.get("name")))
    return named


def assessment_view(method: EvaluationMethod, assessment: dict[str, Any]) -> dict[str, Any]:
    """The latest assessment with every value given its label from the method."""
    criteria = {c.id: c for c in method.criteria}
    template = method.templates.get(str(assessment.get("template")))
    scores = assessment.get("scores") or {}
    order = template.criteria if template else list(scores)
    parts = assessment.get("parts") or {}
    return {
        "date": as_date(assessment.get("date")),
        "method_title": local(method.title.model_dump()),
        "method_version": assessment.get("method_version"),
        "template_label": local(template.name.model_dump()) if template else "–",
        "parts": [
            {
                "name": local(p.name.model_dump()),
                "date": as_date((parts.get(p.id) or {}).get("date")),
                "summary": (parts.get(p.id) or {}).get("summary"),
            }
            for p in method.parts
            if p.id in parts
        ],
        "criteria": [
            {
                "name": local(criteria[c].name.model_dump()) if c in criteria else c,
                "score": scale_label(method, criteria[c].scale, (scores.get(c) or {}).get("score"))
                if c in criteria
                else str((scores.get(c) or {}).get("score")),
                "note": (scores.get(c) or {}).get("note"),
            }
            for c in order
            if c in scores
        ],
        "evidence_grade": scale_label(
            method, method.evidence_grades, assessment.get("evidence_grade")
        ),
        "recommendation": scale_label(
            method, method.recommendations, assessment.get("recommendation")
        ),
        "recommendation_value": assessment.get("recommendation"),
        "evidence_grade_value": assessment.get("evidence_grade"),
        "statement": assessment.get("statement") or "",
        # Roles and organisations only: a statement names what competence judged, not who.
        "assessors": [
            {
                "role": a.get("role") or t("statement.assessor"),
                "organisation": a.get("organisation"),
            }
            for a in assessment.get("assessors") or []
            if isinstance(a, dict)
        ],
        "program_version": assessment.get("program_version"),
        "next_review": as_date(assessment.get("next_review")),
    }


def statement(
    method: EvaluationMethod,
    program: dict[str, Any],
    names: dict[str, str],
    parts: list[str] | None = None,
) -> dict[str, Any]:
    """Facts and the latest assessment (None when the program was never assessed); `parts` are
    the recommended parts of the process shown as done or not done."""
    latest = latest_assessment(program)
    return {
        "program": facts(program, names, parts),
        "assessment": assessment_view(method, latest) if latest else None,
        "triggers": [local(x.model_dump()) for x in method.re_review.triggers],
        "interval_months": method.re_review.interval_months,
    }
