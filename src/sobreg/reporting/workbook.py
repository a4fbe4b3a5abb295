"""The annual report as an Excel workbook (`report --format xlsx`): the key figures and each
table of the report on a sheet of its own, with headings in the reader's language, dates as
dates and counts as numbers, so the region's own follow-up spreadsheet can take them as they are.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

from sobreg.i18n import local, t
from sobreg.models.process import ProcessDefinition
from sobreg.reporting.render import FOLLOW_UP_COLUMNS, figures

Table = tuple[str, list[str], list[list[Any]]]  # sheet's title key, headings, rows


def _label(prefix: str, value: Any) -> Any:
    return t(f"{prefix}.{value}") if value else None


def tables(data: dict[str, Any], process: ProcessDefinition) -> list[Table]:
    """The report's tables, each as its sheet shows it."""
    name, kind, date, days = t("col.title"), t("col.kind"), t("report.date"), t("report.days")
    steps = {s.id: local(s.name.model_dump()) for s in process.steps}
    return [
        ("report.xlsx.figures", [t("report.measure"), t("report.count")],
         [[t("report.key." + key), value] for key, value in figures(data)]),
        ("report.xlsx.produced", [name, kind, t("report.published")],
         [[p["name"], _label("kind", p["kind"]), p["published"]] for p in data["produced"]]),
        ("report.xlsx.per_year", [t("report.year"), t("report.count")],
         [[int(y), n] for y, n in sorted(data["produced_per_year"].items())]),
        ("report.xlsx.decided", [t("col.id"), name, t("report.outcome"), date, days],
         [[d["id"], d["title"], _label("outcome", d["outcome"]), d["date"], d["days"]]
          for d in data["decided"]]),
        ("report.xlsx.by_step", [t("col.step"), t("report.step_name"), t("report.count")],
         [[s, steps.get(s, s), n] for s, n in data["by_step"].items()]),
        ("report.xlsx.overdue", [t("col.id"), name, days],
         [[o["id"], o["title"], o["days"]] for o in data["overdue"]]),
        ("report.xlsx.deactivated", [name, date, t("report.reason"), t("report.replaced_by")],
         [[d["name"], d["date"], _label("reason", d["reason"]), d["replaced_by"]]
          for d in data["deactivated"]]),
        ("report.xlsx.reviews_due", [name, t("report.next_review"), t("report.reason")],
         [[r["name"], r["next_review"], t("due.reason." + r["reason"])]
          for r in data["reviews_due"]]),
        ("report.xlsx.follow_up",
         [name, *(t("report.follow_up." + c) for c in FOLLOW_UP_COLUMNS)],
         [[row["name"], *(row.get(c) for c in FOLLOW_UP_COLUMNS)]
          for row in data.get("follow_up", [])]),
    ]  # fmt: skip


def workbook(data: dict[str, Any], process: ProcessDefinition, generated: dt.date) -> bytes:
    """The report as the bytes of an .xlsx file."""
    # Lazy: openpyxl is loaded by this format alone.
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for key, headings, rows in tables(data, process):
        sheet = book.create_sheet(t(key)[:31])  # Excel's limit on a sheet's name
        sheet.append([t("report.title", year=data["year"])])
        sheet["A1"].font = Font(bold=True)
        sheet.append(headings)
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([_cell(value) for value in row])
        for column, width in _widths(headings, rows).items():
            sheet.column_dimensions[column].width = width
        sheet.freeze_panes = "A3"
        for cells in sheet.iter_rows(min_row=3):
            for cell in cells:
                if isinstance(cell.value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
    book.properties.title = t("report.title", year=data["year"])
    book.properties.created = dt.datetime.combine(generated, dt.time())
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(value: Any) -> Any:
    """A value as a cell takes it: dates and numbers as they are, a mapping (an outcome measured
    with its instrument) as its values joined, text as text."""
    if isinstance(value, dict):
        return " ".join(str(v) for v in value.values() if v is not None)
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return value


def _widths(headings: Sequence[str], rows: list[list[Any]]) -> dict[str, float]:
    # Lazy: as in `workbook`.
    from openpyxl.utils import get_column_letter

    found = {}
    for index, heading in enumerate(headings):
        longest = max([len(str(heading)), *(len(str(_cell(r[index]) or "")) for r in rows)])
        found[get_column_letter(index + 1)] = min(60.0, longest + 2.0)
    return found
