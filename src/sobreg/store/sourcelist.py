"""`registry/sources.yaml` read as plain data, validated once per text (kept with the other
definitions, `store/definitions`)."""

from __future__ import annotations

from typing import Any

from sobreg.errors import RefusedError
from sobreg.models.layout import model_for
from sobreg.store import definitions, yamlio
from sobreg.store.registry import Registry, git_dir


def listed(registry: Registry) -> dict[str, Any]:
    """sources.yaml as plain data (`{"local": …, "sources": [...]}`), validated by its model;
    the validated form is kept by the file's text and the fingerprint (a newer model validates
    an unchanged file again), so a warm read loads no pydantic."""
    path = registry.root / "sources.yaml"
    if not path.is_file():
        return {"local": None, "sources": []}
    shown = registry.rel(path)
    text = yamlio.read_text(path, shown)
    found = git_dir(registry.root)
    kept = definitions.cached(found, registry.root, "sources.yaml", text)
    if isinstance(kept, dict):
        return dict(kept)
    # Lazy: pydantic only when sources.yaml changed since it was last validated.
    from pydantic import ValidationError

    data = yamlio.load_safe(text, shown)
    try:
        model = model_for("sources.yaml").model_validate(data)
    except ValidationError as exc:
        raise RefusedError("registry.definition_invalid", path=shown) from exc
    plain = model.model_dump(mode="json", exclude={"description"})
    definitions.keep(found, registry.root, "sources.yaml", text, plain)
    return plain
