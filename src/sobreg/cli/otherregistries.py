"""What `show`, `check` and `due` say about other registries: a source's item shown read-only,
other regions' similar open nominations at the step that compares regions, and the national
statement a program relies on."""

from __future__ import annotations

from typing import Any

from sobreg.errors import UsageError
from sobreg.i18n import t


def split_source(item_id: str) -> tuple[str, str] | None:
    """`skane:N-2026-001` → ("skane", "N-2026-001"); None for an id of this registry."""
    if ":" not in item_id:
        return None
    source, _, rest = item_id.partition(":")
    if not source or not rest:
        raise UsageError("sources.bad_ref", ref=item_id[:80])
    return source, rest


def compares_regions(reg: Any, data: dict[str, Any]) -> bool:
    """Whether the item stands at a step whose checklist asks about other regions."""
    step = data.get("step")
    process = reg.process
    return bool(step and process.has_step(step) and process.step(step).compare_regions)


def other_regions(reg: Any, data: dict[str, Any]) -> list[Any]:
    # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
    from sobreg.reporting.search import other_regions as find

    return find(reg, data)


def other_regions_json(hits: list[Any]) -> list[dict[str, Any]]:
    keys = ("source", "id", "title", "score", "fetched_at")
    return [{key: getattr(h, key) for key in keys} for h in hits]


def other_regions_lines(hits: list[Any]) -> list[str]:
    if not hits:
        return [t("regions.none")]
    lines = [t("regions.title", count=len(hits))]
    for hit in hits:
        lines.append(f"  {hit.source}:{hit.id}  {hit.title}  ({hit_source(hit)})")
    return lines


def national_lines(found: dict[str, Any] | None) -> list[str]:
    """The national statement a program relies on, as lines under the program."""
    # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
    from sobreg.cli.sources import age

    if found is None:
        return []
    head = t("national.title", source=found["source_label"], id=found["id"])
    if not found["found"]:
        return [head, "  " + t("national.missing", age=age(found["fetched_at"]))]
    if found["date"] is None:
        return [head, "  " + t("national.not_assessed", age=age(found["fetched_at"]))]
    lines = [
        head,
        "  " + t("national.grade", grade=found["evidence_grade"]),
        "  " + t("national.recommendation", recommendation=found["recommendation"]),
        "  " + t("national.date", date=found["date"]),
        "  " + t("national.fetched", age=age(found["fetched_at"])),
    ]
    if found["newer"]:
        own = found["own_date"]
        lines.append("  " + (t("national.newer", date=found["date"], own=own) if own
                             else t("national.newer_no_own", date=found["date"])))  # fmt: skip
    return lines


def hit_type(hit: Any) -> str:
    """What a hit is: a program, a nomination, or a national assessment."""
    return t("search.type.national") if hit.national else t(f"search.type.{hit.type}")


def hit_source(hit: Any) -> str:
    """Where a hit comes from and how old that data is; this registry's own say so."""
    # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
    from sobreg.cli.sources import age

    if hit.source is None:
        return t("search.local")
    return f"{hit.source_label} ({age(hit.fetched_at)})"
