"""`sources fetch`: bring every other registry's data up to date, and read it once so that
later commands find it read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sobreg.audit import sources as git_sources
from sobreg.audit.actor import now
from sobreg.audit.repo import Git
from sobreg.errors import RefusedError
from sobreg.store.registry import Registry
from sobreg.store.sourcelist import listed
from sobreg.validation import sources


@dataclass
class Report:
    fetched: git_sources.Fetched
    label: str
    items: int
    refused: list[Any]

    def as_json(self) -> dict[str, Any]:
        found = self.fetched.as_json()
        found.update(label=self.label, items=self.items, refused=len(self.refused))
        return found


def fetch(registry: Registry, accept_rewrite: tuple[str, ...] = ()) -> list[Report]:
    """Fetch every source; each is reported, a failing one does not stop the others. A source
    rewritten since the last fetch keeps its earlier state unless `accept_rewrite` names it."""
    named = listed(registry)["sources"]
    if not named:
        raise RefusedError("sources.none", path=registry.rel(registry.root / "sources.yaml"))
    specs = [git_sources.Spec(s["name"], s["url"], s["branch"]) for s in named]
    unknown = [n for n in accept_rewrite if n not in {s.name for s in specs}]
    if unknown:
        raise RefusedError("sources.unknown", name=unknown[0])
    results = git_sources.fetch(Git(registry.root), specs, now(), accept_rewrite)
    views = {v.name: v for v in sources.read(registry)}
    labels = {s["name"]: s["label"] for s in named}
    return [
        Report(r, labels[r.name], len(views[r.name].items), views[r.name].refused) for r in results
    ]
