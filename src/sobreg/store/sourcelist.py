"""`registry/sources.yaml` read as plain data, validated once per text, and where the sources'
read caches are kept (`.git/sobreg/`)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from sobreg.errors import RefusedError
from sobreg.models.layout import model_for
from sobreg.store import kept, yamlio
from sobreg.store.codekey import code_key
from sobreg.store.registry import Registry, git_dir

VERSION = 2  # 2: keyed by sobreg's code too


def cache_folder(registry: Registry) -> Path | None:
    found = git_dir(registry.root)
    return found / "sobreg" if found else None


def listed(registry: Registry) -> dict[str, Any]:
    """sources.yaml as plain data (`{"local": …, "sources": [...]}`), validated by its model;
    the validated form is kept by the file's bytes and sobreg's code (a newer model validates an
    unchanged file again), so a warm read loads no pydantic."""
    path = registry.root / "sources.yaml"
    if not path.is_file():
        return {"local": None, "sources": []}
    raw = path.read_bytes()
    digest = hashlib.blake2b(code_key().encode() + b"\0" + raw, digest_size=16).hexdigest()
    folder = cache_folder(registry)
    cache = folder / f"sources-spec-v{VERSION}.marshal" if folder else None
    found = kept.load_marshal(cache)
    if isinstance(found, dict) and found.get("digest") == digest:
        return dict(found["data"])
    # Lazy: pydantic only when sources.yaml changed since it was last validated.
    from pydantic import ValidationError

    shown = registry.rel(path)
    data = yamlio.load_safe(yamlio.decode(raw, shown), shown)
    try:
        model = model_for("sources.yaml").model_validate(data)
    except ValidationError as exc:
        raise RefusedError("registry.definition_invalid", path=shown) from exc
    plain = model.model_dump(mode="json", exclude={"description"})
    if cache is not None:
        kept.store_marshal(cache, {"digest": digest, "data": plain})
    return plain
