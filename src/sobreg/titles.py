"""Field titles by dotted path, in the user's language, taken from the models."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel

from sobreg.i18n import current_language
from sobreg.models.common import field_title
from sobreg.registry import MODELS


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, list, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None


def title(item_type: str, dotted: str, lang: str | None = None) -> str:
    """`inventory.evidence.level` → `Inventering › Evidensläge › Evidensnivå`."""
    lang = lang or current_language()
    model: type[BaseModel] | None = MODELS.get(item_type)
    parts = []
    for part in dotted.split("."):
        if model is None or part.isdigit():
            parts.append(part)
            continue
        name = "from_" if part == "from" else part
        parts.append(field_title(model, name, lang))
        info = model.model_fields.get(name)
        model = _model_in(info.annotation) if info else None
    return " › ".join(parts)
