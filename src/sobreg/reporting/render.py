"""Render report data: JSON and CSV directly, text, Markdown and HTML through the templates."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import TYPE_CHECKING, Any

from sobreg.i18n import local, t
from sobreg.reporting import charts
from sobreg.reporting.templates import environment

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
    "programs_deactivated",
    "active_programs",
    "inventory_overdue",
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
    return out.getvalue()


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
        "generated": generated,
        # Step names come from process.yaml, read only for the format that shows them.
        "steps": _steps(registry.process, data["by_step"]) if fmt == "html" else [],
        "per_year_chart": charts.bars(per_year or {str(data["year"]): 0}),
        "step_chart": charts.bars(data["by_step"]),
    }
    name = {"text": "report/annual.txt.j2", "md": "report/annual.md.j2"}.get(
        fmt, "report/annual.html.j2"
    )
    return str(env.get_template(name).render(**context))
