"""`publish --sources all`: one national catalogue over this registry and every source.

Each program appears once: a regional program that names the national assessment it relies on
(`national: {source, id}`) is merged with that national program, and regions that name the same
one are merged with each other. A program's page says which regions use it, the latest national
statement with its date, and which regions have open nominations for a similar need. Every
source's data is dated on the page, and a source that could not be fetched is said to be stale.

Built from the item summaries only (no file is parsed), with the same redaction, escaping and
atomic swap as the regional catalogue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sobreg.engine.collation import fold, swedish
from sobreg.engine.reviews import latest_assessment
from sobreg.errors import RefusedError
from sobreg.i18n import t
from sobreg.models.ids import is_program_id
from sobreg.reporting.catalogue import MARKER, redact, target_folder
from sobreg.reporting.national import label_of
from sobreg.reporting.search import Candidates
from sobreg.reporting.templates import environment, publisher_of
from sobreg.store.files import Build
from sobreg.store.registry import Registry
from sobreg.store.sourcelist import listed
from sobreg.validation.sources import SourceView, read
from sobreg.validation.summaries import summaries

SIMILAR_LIMIT = 10


@dataclass
class Origin:
    """A registry the catalogue draws on: this one or a source."""

    name: str
    label: str
    kind: str
    fetched_at: str | None = None
    ok: bool = True
    local: bool = False

    def as_view(self) -> dict[str, Any]:
        fetched = self.fetched_at[:10] if self.fetched_at else None
        return {"name": self.name, "label": self.label, "kind": self.kind, "fetched": fetched,
                "ok": self.ok, "local": self.local,
                "stale": not self.local and (not self.ok or fetched is None)}  # fmt: skip


@dataclass
class Group:
    """One program as the catalogue shows it, and every registry's copy of it."""

    key: tuple[str, str]
    members: list[tuple[Origin, dict[str, Any]]] = field(default_factory=list)

    @property
    def page(self) -> str:
        return f"programs/{self.key[0]}--{self.key[1]}.html"

    def anchor(self) -> dict[str, Any]:
        """The copy whose name and kind the catalogue shows: the national one, else the first."""
        national = [d for o, d in self.members if o.kind == "national"]
        return national[0] if national else self.members[0][1]


def _origins(registry: Registry, views: list[SourceView]) -> tuple[Origin, list[Origin]]:
    local = listed(registry).get("local") or {}
    here = Origin(local.get("name") or "local", local.get("label") or t("search.local"),
                  local.get("kind") or "region", local=True)  # fmt: skip
    return here, [Origin(v.name, v.label, v.kind, v.fetched_at, v.ok) for v in views]


def _groups(items: Iterable[tuple[Origin, dict[str, Any]]]) -> list[Group]:
    groups: dict[tuple[str, str], Group] = {}
    for origin, data in items:
        item_id = str(data.get("id"))
        if not is_program_id(item_id):  # ids become file names
            raise RefusedError("publish.bad_id", id=item_id[:80])
        link = data.get("national")
        key = (origin.name, item_id)
        if origin.kind != "national" and isinstance(link, dict) and link.get("source"):
            key = (str(link["source"]), str(link.get("id")))
        groups.setdefault(key, Group(key)).members.append((origin, data))
    return list(groups.values())


def _statement(method: Any, group: Group) -> dict[str, Any] | None:
    """The latest national statement over the group's copies (the national copy's first)."""
    best: tuple[str, Origin, dict[str, Any]] | None = None
    for origin, data in sorted(group.members, key=lambda m: m[0].kind != "national"):
        latest = latest_assessment(data)
        date = str(latest.get("date") or "") if latest else ""
        if latest and (best is None or date > best[0]):
            best = (date, origin, latest)
    if best is None:
        return None
    date, origin, latest = best
    return {
        "date": date or None, "source": origin.label,
        "grade": label_of(method, "evidence", latest.get("evidence_grade")),
        "recommendation": label_of(method, "recommendation", latest.get("recommendation")),
        "next_review": latest.get("next_review"),
    }  # fmt: skip


def _view(
    group: Group,
    method: Any,
    nominations: Candidates,
    origins: dict[tuple[str, str], dict[str, Any]],
) -> dict[str, Any]:
    anchor = group.anchor()
    name = str(anchor.get("name") or anchor.get("id"))
    kind = anchor.get("kind")
    regions: list[dict[str, Any]] = []
    for origin, data in group.members:
        if origin.kind != "region":
            continue
        units = [u.get("name") for u in data.get("units") or []
                 if isinstance(u, dict) and not u.get("ended")]  # fmt: skip
        regions.append({"origin": origin.as_view(), "id": data.get("id"),
                        "status": data.get("status"), "units": units,
                        "status_label": t(f"status.{data.get('status')}")})  # fmt: skip
    using = sorted({str(r["origin"]["label"]) for r in regions
                    if r["status"] in ("active", "in_production")})  # fmt: skip
    # The need a program answers: its name, and the nominations it came from in each region.
    queries = [name] + [
        str(origins[(o.name, str(d["nomination"]))].get("title") or "")
        for o, d in group.members
        if d.get("nomination") and (o.name, str(d["nomination"])) in origins
    ]
    best: dict[tuple[str, str], tuple[float, Origin, dict[str, Any]]] = {}
    for query in queries:
        for (origin, data), score in nominations.like(query, SIMILAR_LIMIT):
            key = (origin.name, str(data.get("id")))
            if key not in best or score > best[key][0]:
                best[key] = (score, origin, data)
    ranked = sorted(best.values(), key=lambda x: (-x[0], x[1].name, str(x[2].get("id"))))
    similar = [
        {"origin": origin.as_view(), "id": data.get("id"), "title": data.get("title"),
         "score": round(score)}
        for score, origin, data in ranked[:SIMILAR_LIMIT]
    ]  # fmt: skip
    national = [o.as_view() for o, _ in group.members if o.kind == "national"]
    return redact({
        "page": group.page, "name": name, "kind": kind,
        "kind_label": t(f"kind.{kind}") if kind else "–",
        "regions": regions, "using": using,
        "national_source": national[0] if national else None,
        "statement": _statement(method, group), "similar": similar,
        "search": fold(" ".join([name, *(str(d.get("id")) for _, d in group.members)])),
    })  # fmt: skip


def publish_all(registry: Registry, out: Path, generated: dt.date) -> tuple[int, int]:
    """Write the national catalogue to `out`; returns the number of programs in it and of the
    sources it drew on."""
    views = read(registry)  # their names, checked by sources.yaml's model, become file names
    target = target_folder(out, registry)
    here, origins = _origins(registry, views)
    items: list[tuple[Origin, dict[str, Any]]] = []
    open_nominations: list[tuple[Origin, dict[str, Any]]] = []
    every_nomination: dict[tuple[str, str], dict[str, Any]] = {}
    every = [(here, summaries(registry, words=True))]
    every += [(origin, view.items) for origin, view in zip(origins, views, strict=True)]
    for origin, found in every:
        for kind, data in found:
            if kind == "program":
                items.append((origin, data))
                continue
            every_nomination[(origin.name, str(data.get("id")))] = data
            if data.get("status") == "open" and origin.kind == "region":
                open_nominations.append((origin, data))
    method = registry.evaluation
    nominations = Candidates(open_nominations)
    pages = [_view(g, method, nominations, every_nomination) for g in _groups(items)]
    pages.sort(key=lambda p: swedish(p["name"]))
    env = environment(registry.root)
    common = {"generated": generated, "sources": [here.as_view(), *(o.as_view() for o in origins)],
              "publisher": publisher_of(registry.process), "open_data": False}  # fmt: skip
    build = Build(target)
    try:
        build.folder("programs")
        index = env.get_template("catalogue/national.html.j2")
        build.write("index.html", index.render(rows=pages, root="", **common))
        page = env.get_template("catalogue/national_program.html.j2")
        for view in pages:
            build.write(view["page"], page.render(p=view, root="../", **common))
        statement_page = env.get_template("catalogue/accessibility.html.j2")
        build.write("tillganglighet.html", statement_page.render(root="", **common))
        build.write(MARKER, "{}\n")
        build.swap_in(generated.isoformat())
    except BaseException:
        build.abandon()
        raise
    return len(pages), len(views)
