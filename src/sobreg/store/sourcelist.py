"""`registry/sources.yaml` read as plain data, and the small caches of what was read from the
sources, under `.git/sobreg/`: marshal files replaced atomically, rebuilt when missing or
foreign."""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from pathlib import Path
from typing import Any

from sobreg.errors import RefusedError
from sobreg.models.layout import model_for
from sobreg.store import yamlio
from sobreg.store.registry import Registry, git_dir

VERSION = 1


def cache_folder(registry: Registry) -> Path | None:
    found = git_dir(registry.root)
    return found / "sobreg" if found else None


def load(file: Path) -> Any:
    try:
        with file.open("rb") as handle:
            return marshal.loads(handle.read())
    except Exception:  # missing, foreign or corrupt: built afresh
        return None


def store(file: Path, value: Any) -> None:
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".sources-", dir=file.parent)
        with os.fdopen(fd, "wb") as handle:
            marshal.dump(value, handle)
        os.replace(tmp, file)
    except OSError:
        return  # a cache that cannot be written only costs time


def listed(registry: Registry) -> dict[str, Any]:
    """sources.yaml as plain data (`{"local": …, "sources": [...]}`), validated by its model;
    the validated form is kept by the file's bytes, so a warm read loads no pydantic."""
    path = registry.root / "sources.yaml"
    if not path.is_file():
        return {"local": None, "sources": []}
    raw = path.read_bytes()
    digest = hashlib.blake2b(raw, digest_size=16).hexdigest()
    folder = cache_folder(registry)
    cache = folder / f"sources-spec-v{VERSION}.marshal" if folder else None
    found = load(cache) if cache else None
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
        store(cache, {"digest": digest, "data": plain})
    return plain
