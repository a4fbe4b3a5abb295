"""Render report data: JSON and CSV directly, text, Markdown and HTML through the templates."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import TYPE_CHECKING, Any

from sobreg.i18n import local, t
from sobreg.reporting import charts
from sobreg.reporting.templates import environment, publisher_of

if TYPE_CHECKING:
    from sobreg.models import ProcessDefinition
    from sobreg.store.registry import Registry

FORMATS = ("text", "md", "html", "json", "csv")
# The key figures in the order people read them (docs/cli.md's counts, flattened).
FIGURES = (
    "programs_produced",
    "programs_produced_by_kind.stod",
    "programs_produced_by_kind.behandling",
    "nominations_received",
    "nominations_decided.build",
    "nominations_decided.purchase",
    "nominations_decided.reject",
    "nominations_decided.not_feasible",
    "programs_deactivated",
    "active_programs",
    "inventory_overdue",
    "versions_released",
    "significant_changes",
    "units_adopting",
    "follow_up_coverage.active",
    "follow_up_coverage.with_follow_up",
)


FOLLOW_UP_COLUMNS = (
    "patients_started",
    "patients_completed",
    "patient_experience",
    "outcome",
    "quality_registry",
    "assessment",
)


def _default(value: Any) -> Any:
    # Dates as ISO strings: the one JSON writer of every command's --json output and reports.
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def as_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=_default) + "\n"


def figures(data: dict[str, Any]) -> list[tuple[str, int]]:
    found = []
    for key in FIGURES:
        value: Any = data
        for part in key.split("."):
            value = value[part]
        found.append((key, int(value)))
    return found


def as_csv(data: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["year", "key", "label", "value"])
    for key, value in figures(data):
        writer.writerow([data["year"], key, t("report.key." + key), value])
    # The follow-up figures, one row a program and figure, in the same four columns.
    for row in data.get("follow_up", []):
        for field in FOLLOW_UP_COLUMNS:
            if row.get(field) is not None:
                label = f"{row['name']}: {t('report.follow_up.' + field)}"
                writer.writerow([data["year"], f"follow_up.{row['id']}.{field}", label, row[field]])
    return out.getvalue()


def _shown_follow_up(
    process: ProcessDefinition, rows: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Follow-up rows with the choices' values said as process.yaml labels them."""
    labels = {
        f.key: {value: local(label.model_dump()) for value, label in f.choices.items()}
        for f in (process.life.follow_up if process.life else [])
        if f.choices
    }
    return [
        {k: labels.get(k, {}).get(str(v), v) if v is not None else None for k, v in row.items()}
        for row in rows
    ]


def _steps(process: ProcessDefinition, by_step: dict[str, int]) -> list[tuple[str, str, int]]:
    return [(s.id, local(s.name.model_dump()), by_step.get(s.id, 0)) for s in process.steps]


def render(fmt: str, data: dict[str, Any], registry: Registry, generated: dt.date) -> str:
    """The annual report in `fmt` (one of FORMATS; `text` is the plain-text template)."""
    if fmt == "json":
        return as_json(data)
    if fmt == "csv":
        return as_csv(data)
    env = environment(registry.root)
    per_year = {str(y): n for y, n in data["produced_per_year"].items()}
    context = {
        "r": data,
        "figures": figures(data),
        "follow_up_columns": FOLLOW_UP_COLUMNS,
        "follow_up_rows": _shown_follow_up(registry.process, data.get("follow_up", [])),
        "generated": generated,
        "publisher": publisher_of(registry.process) if fmt == "html" else None,
        # Step names come from process.yaml, read only for the format that shows them.
        "steps": _steps(registry.process, data["by_step"]) if fmt == "html" else [],
        "per_year_chart": charts.bars(per_year or {str(data["year"]): 0}),
        "step_chart": charts.bars(
            {
                f"{step} {name}": count
                for step, name, count in _steps(registry.process, data["by_step"])
            }
        ),
        # Bars named as people name the programs, not by id.
        "started_chart": charts.bars(
            {str(f["name"]): int(f["patients_started"] or 0) for f in data.get("follow_up", [])}
        ),
    }
    name = {"text": "report/annual.txt.j2", "md": "report/annual.md.j2"}.get(
        fmt, "report/annual.html.j2"
    )
    return str(env.get_template(name).render(**context))
