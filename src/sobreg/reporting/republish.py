"""What `publish` keeps between runs, so that a republish costs what changed, not the registry.

Two stores, both keyed by everything their content is computed from, so a stale entry is never
used: the programs' redacted views in the cache (kind `views`; key: the fingerprint, the program
file's content key, the name of the program it is replaced by, evaluation.yaml and the
language), and each published page's key in the published folder's marker file (the view's key,
the date it says it was generated, and the templates); the index's rows are kept by the same
key as their page (`indexrows`). A page whose key is unchanged is
hard-linked from the previous catalogue into the new one instead of rendered, so the new folder
is still complete before it is swapped in. A missing, foreign or corrupt store is rebuilt.
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
from pathlib import Path
from typing import Any

from sobreg.i18n import current_language
from sobreg.store import cache
from sobreg.store.files import read_bytes, read_text
from sobreg.store.itemcache import ItemCache
from sobreg.store.registry import Registry, git_dir
from sobreg.store.resources import resource


class Views:
    """The programs' redacted views, by key; saved when one was added."""

    def __init__(self, registry: Registry) -> None:
        method = registry.root / "evaluation.yaml"
        self.base = cache.key(registry.root, read_bytes(method) or b"", current_language())
        self.registry = registry
        self.items_seen: ItemCache | None = None  # for `content_key`: the summaries gave no keys
        self.items = cache.CacheMap(cache.file(git_dir(registry.root), "views", "programs.pickle"))
        self.used: set[str] = set()

    def content_key(self, path: str) -> str:
        """A program file's content key, read and hashed only when its stat changed."""
        if self.items_seen is None:
            self.items_seen = ItemCache(self.registry)
        root = str(self.registry.root.resolve()) + os.sep
        rel = path[len(root) :] if path.startswith(root) else path
        return self.items_seen.key(path, rel.replace(os.sep, "/"))[0]

    def key(self, content: str, elsewhere: str | None) -> str:
        """The key of a program's view: its file's content key and what the view takes from
        elsewhere (as one string)."""
        key = cache.digest(self.base, content, elsewhere or "")
        self.used.add(key)
        return key

    def get(self, key: str) -> Any:
        found = self.items.get(key)
        # Kept pickled, each on its own: a republish unpickles the views it renders, not 4,000.
        return pickle.loads(found) if isinstance(found, bytes) else found

    def put(self, key: str, view: Any) -> None:
        self.items.put(key, pickle.dumps(view, protocol=pickle.HIGHEST_PROTOCOL))

    def save(self) -> None:
        if self.items_seen is not None:
            self.items_seen.save(self.items_seen.known_keys())
        self.items.save(self.used)


def templates_key(registry_root: Path) -> str:
    """A hash of every template a page may be rendered from (shipped and local)."""
    folders = [resource("templates"), registry_root.parent / "templates"]
    parts: list[str | bytes] = []
    for folder in folders:
        if folder.is_dir():
            # The templates and the files a page takes as they are (the form's script and style).
            for file in sorted(f for f in folder.rglob("*") if f.suffix in (".j2", ".js", ".css")):
                parts += [file.relative_to(folder).as_posix(), read_bytes(file) or b""]
    return cache.digest(*parts)


def page_key(view_key: str, generated: str, templates: str) -> str:
    return cache.digest(view_key, generated, templates)


def form_key(base: str, records: str, generated: str, templates: str) -> str:
    """The nomination form's key: the definitions, sobreg's code and the language (`base`, as a
    view's), the catalogue's items as the form lists them, the date and the templates."""
    return cache.digest(base, records, generated, templates)


def old_pages(target: Path, marker: str) -> dict[str, str]:
    """The page keys the previous catalogue in `target` was built with (none if unknown)."""
    with contextlib.suppress(Exception):
        data = json.loads(read_text(target / marker))
        pages = data.get("pages") if isinstance(data, dict) else None
        if isinstance(pages, dict):
            return {str(k): str(v) for k, v in pages.items()}
    return {}


def marker_text(pages: dict[str, str]) -> str:
    return json.dumps({"sobreg": "publish", "pages": pages}, sort_keys=True, indent=0) + "\n"
