"""Other registries' items, read from fetched git objects as untrusted input.

A source's files pass the same checks as this registry's own: the size limit (checked on the
size git records, before the bytes are read), the YAML reader's refusals (anchors, aliases,
tags, several documents) and the models. A file that fails is left out and named, the rest of
the source is read. What was read is kept per source in the cache (kind `sources`), keyed by
the source's commit and the fingerprint: a fetched commit never changes, so a warm command
reads one small file per source and starts no parser.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sobreg.audit import sources as git_sources
from sobreg.audit.repo import Git
from sobreg.engine.summary import summary
from sobreg.errors import Issue, RefusedError, YamlProblem
from sobreg.models.layout import FOLDERS, kind_of_rel, model_for
from sobreg.store import cache, yamlio
from sobreg.store.names import printable
from sobreg.store.registry import Registry, git_dir
from sobreg.store.sourcelist import listed

BATCH = 2000  # blobs read per `git cat-file` round: bounds memory for a large source


@dataclass
class SourceView:
    """One source as this registry last fetched it."""

    name: str
    label: str
    kind: str
    commit: str | None = None
    fetched_at: str | None = None  # when the data held was fetched (ISO, UTC); None: never
    ok: bool = True  # the last fetch succeeded
    error: str | None = None
    items: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    refused: list[Issue] = field(default_factory=list)

    def fetched_date(self) -> dt.date | None:
        return dt.datetime.fromisoformat(self.fetched_at).date() if self.fetched_at else None

    def age_days(self, today: dt.date) -> int | None:
        fetched = self.fetched_date()
        return (today - fetched).days if fetched else None


def untrusted(shown: str, kind: str, stem: str, raw: bytes) -> tuple[list[Issue], Any]:
    """A source's file: its problems, and its data (as read) when it has none."""
    # Lazy: pydantic loads only when a source's files are read anew (after a fetch).
    from pydantic import ValidationError

    from sobreg.validation.modelissues import pydantic_issues

    try:
        text = yamlio.decode(raw, shown)
        data = yamlio.load_safe(text, shown)
    except YamlProblem as exc:
        return [Issue(exc.path, exc.line, exc.col, "", exc.key, dict(exc.params))], None
    if not isinstance(data, dict):
        return [Issue(shown, 1, 1, "", "validate.not_mapping", {})], None
    try:
        model_for(kind).model_validate(data)
    except ValidationError as exc:
        return pydantic_issues(shown, text, exc), None
    if data.get("id") != stem:
        return [Issue(shown, 1, 1, "id", "validate.id_mismatch",
                      {"id": data.get("id"), "stem": printable(stem)})], None  # fmt: skip
    return [], data


def _build(git: Git, name: str) -> tuple[list[Any], list[Any]]:
    items: list[Any] = []
    refused: list[Any] = []
    wanted = []
    for entry in git_sources.tree(git, name, tuple(FOLDERS.values())):
        kind = kind_of_rel(entry.path)
        if kind not in FOLDERS:
            continue
        shown = f"{name}:{git_sources.REGISTRY}/{printable(entry.path)}"
        if not entry.regular:
            refused.append((shown, 1, 1, "", "validate.not_regular", {}))
        elif entry.size > yamlio.MAX_FILE_BYTES:
            params = {"size": entry.size, "limit": yamlio.MAX_FILE_BYTES}
            refused.append((shown, 1, 1, "", "yaml.too_large", params))
        else:
            wanted.append((entry, kind, shown))
    for start in range(0, len(wanted), BATCH):
        chunk = wanted[start : start + BATCH]
        found = git_sources.blobs(git, [entry.sha for entry, _, _ in chunk])
        for entry, kind, shown in chunk:
            stem = Path(entry.path).stem
            issues, data = untrusted(shown, kind, stem, found.get(entry.sha, b""))
            if data is not None:
                items.append((kind, summary(kind, data)))
            refused += [(i.path, i.line, i.col, i.field, i.key, i.params) for i in issues]
    return items, refused


def fetched_key(registry: Registry) -> str:
    """What every source's view depends on besides sobreg's code: sources.yaml, the commit each
    source's ref holds and what its last fetch found (a kept answer's key, reporting/answers)."""
    git = Git(registry.root)
    return repr((listed(registry), git_sources.commits(git), git_sources.read_state(git.git_dir)))


def read(registry: Registry, names: list[str] | None = None) -> list[SourceView]:
    """Every source of sources.yaml (or those named) as last fetched, its items read from the
    cache when its commit was read before."""
    spec = listed(registry)
    chosen = [s for s in spec["sources"] if names is None or s["name"] in names]
    if not chosen:
        return []
    git = Git(registry.root)
    refs = git_sources.commits(git)
    state = git_sources.read_state(git.git_dir)
    found = git_dir(registry.root)
    views = []
    for source in chosen:
        name = source["name"]
        known = state.get(name, {})
        view = SourceView(name, source["label"], source["kind"], refs.get(name),
                          known.get("fetched_at"), bool(known.get("ok", True)),
                          known.get("error"))  # fmt: skip
        if view.commit is not None:
            key = cache.key(registry.root, view.commit)
            file = cache.file(found, "sources", f"{name}.marshal")
            cached = cache.load_marshal(file)
            if isinstance(cached, dict) and cached.get("key") == key:
                items, refused = cached["items"], cached["refused"]
            else:
                items, refused = _build(git, name)
                if file is not None:
                    cache.store_marshal(file, {"key": key, "items": items, "refused": refused})
            view.items = [(kind, data) for kind, data in items]
            view.refused = [Issue(*entry) for entry in refused]
        views.append(view)
    return views


def item(registry: Registry, name: str, item_id: str) -> tuple[dict[str, Any], SourceView]:
    """One item of a source, whole, read from its fetched commit (refused when invalid)."""
    views = read(registry, [name])
    if not views:
        raise RefusedError("sources.unknown", name=printable(name)[:60])
    view = views[0]
    if view.commit is None:
        raise RefusedError("sources.not_fetched", name=name)
    # Lazy: item ids decide the folder; checked before any path is built from them.
    from sobreg.models.ids import item_type_of

    kind = item_type_of(item_id)
    rel = f"{FOLDERS[kind]}/{item_id}.yaml"
    git = Git(registry.root)
    entries = [e for e in git_sources.tree(git, name, (FOLDERS[kind],)) if e.path == rel]
    shown = f"{name}:{git_sources.REGISTRY}/{rel}"
    if not entries:
        raise RefusedError("sources.no_item", id=item_id, name=name)
    entry = entries[0]
    if not entry.regular or entry.size > yamlio.MAX_FILE_BYTES:
        raise RefusedError("sources.item_refused", id=item_id, name=name)
    raw = git_sources.blobs(git, [entry.sha]).get(entry.sha, b"")
    issues, data = untrusted(shown, kind, item_id, raw)
    if data is None:
        raise RefusedError("sources.item_refused", id=item_id, name=name, issues=issues)
    return data, view
