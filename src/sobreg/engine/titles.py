"""Field titles, help lines and types by dotted path, in the user's language, from the models."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from sobreg.i18n import current_language
from sobreg.models.common import field_help, field_title
from sobreg.models.layout import FOLDERS, model_for


def type_members(annotation: Any) -> list[Any]:
    """The non-None members of a (possibly optional, annotated or list) type: `list[str] | None`
    → [list[str]], `Kind | None` → [Kind]."""
    if typing.get_origin(annotation) is typing.Annotated:
        return type_members(typing.get_args(annotation)[0])
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return [m for a in typing.get_args(annotation) for m in type_members(a)]
    return [] if annotation is type(None) else [annotation]


def model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, list, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = model_in(arg)
            if found is not None:
                return found
    return None


def title(item_type: str, dotted: str, lang: str | None = None) -> str:
    """`inventory.evidence.level` → `Inventering › Evidensläge › Evidensnivå`."""
    lang = lang or current_language()
    model: type[BaseModel] | None = model_for(item_type) if item_type in FOLDERS else None
    parts = []
    for part in dotted.split("."):
        if model is None or part.isdigit():
            parts.append(part)
            continue
        name = "from_" if part == "from" else part
        parts.append(field_title(model, name, lang))
        info = model.model_fields.get(name)
        model = model_in(info.annotation) if info else None
    return " › ".join(parts)


def leaf(item_type: str, dotted: str) -> tuple[type[BaseModel], str, FieldInfo]:
    """The model, name and field info of the last part of a dotted path (KeyError if none)."""
    model: type[BaseModel] | None = model_for(item_type)
    parts = dotted.split(".")
    for part in parts[:-1]:
        info = model.model_fields[part] if model else None
        model = model_in(info.annotation) if info else None
    if model is None:
        raise KeyError(dotted)
    return model, parts[-1], model.model_fields[parts[-1]]


def short_title(item_type: str, dotted: str, lang: str | None = None) -> str:
    """The title of the field itself, without its parents: `Evidensnivå`."""
    model, name, _ = leaf(item_type, dotted)
    return field_title(model, name, lang or current_language())


def help_line(item_type: str, dotted: str, lang: str | None = None) -> str:
    """The field's description, or "" when it only repeats the title."""
    model, name, _ = leaf(item_type, dotted)
    lang = lang or current_language()
    text = field_help(model, name, lang)
    return "" if text == field_title(model, name, lang) else text
