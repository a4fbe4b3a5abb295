"""National statements on regional programs: a program names the national assessment it relies
on (`national: {source, id}`), and `show`, `due` and the catalogue say that statement's evidence
grade, recommendation and date, and whether it is newer than the region's own assessment.

The statement is read from the fetched source (its summary: no file is parsed), so it is as old
as the last `sources fetch`, and says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sobreg.engine.reviews import latest_assessment
from sobreg.engine.timeline import as_date
from sobreg.reporting.statements import scale_label
from sobreg.store.registry import Registry
from sobreg.validation.sources import SourceView, read

if TYPE_CHECKING:
    from sobreg.models import EvaluationMethod


class Statements:
    """The national sources' programs, read once, looked up by (source, id)."""

    def __init__(self, registry: Registry, views: list[SourceView] | None = None) -> None:
        self.registry = registry
        self._views = views
        self._index: dict[tuple[str, str], dict[str, Any]] | None = None
        self._sources: dict[str, SourceView] = {}

    def _load(self) -> dict[tuple[str, str], dict[str, Any]]:
        if self._index is None:
            views = self._views if self._views is not None else read(self.registry)
            self._sources = {v.name: v for v in views}
            self._index = {
                (v.name, str(data.get("id"))): data
                for v in views
                for kind, data in v.items
                if kind == "program"
            }
        return self._index

    def of(self, program: dict[str, Any]) -> dict[str, Any] | None:
        """The national statement a program relies on, with labels; None when it names none.
        `found` is False when the source or the program is not (yet) in the fetched data."""
        link = program.get("national")
        if not isinstance(link, dict) or not link.get("source") or not link.get("id"):
            return None
        source, item_id = str(link["source"]), str(link["id"])
        index = self._load()
        view = self._sources.get(source)
        found = index.get((source, item_id))
        result: dict[str, Any] = {
            "source": source, "id": item_id,
            "source_label": view.label if view else source,
            "fetched_at": view.fetched_at if view else None,
            "found": found is not None, "name": (found or {}).get("name"),
            "evidence_grade": None, "recommendation": None, "date": None,
            "next_review": None, "own_date": None, "newer": False,
        }  # fmt: skip
        own = latest_assessment(program)
        own_date = as_date(own.get("date")) if own else None
        result["own_date"] = own_date.isoformat() if own_date else None
        latest = latest_assessment(found) if found else None
        if latest is None:
            return result
        method = self.registry.evaluation
        date = as_date(latest.get("date"))
        result.update(
            evidence_grade_value=latest.get("evidence_grade"),
            recommendation_value=latest.get("recommendation"),
            evidence_grade=label_of(method, "evidence", latest.get("evidence_grade")),
            recommendation=label_of(method, "recommendation", latest.get("recommendation")),
            date=date.isoformat() if date else None,
            next_review=str(latest.get("next_review") or "") or None,
            # Newer than the region's own data: the region never assessed it, or earlier.
            newer=bool(date and (own_date is None or date > own_date)),
        )
        return result


def label_of(method: EvaluationMethod | None, which: str, value: Any) -> str | None:
    if value is None:
        return None
    if method is None:
        return str(value)
    scale = method.evidence_grades if which == "evidence" else method.recommendations
    return scale_label(method, scale, value)
