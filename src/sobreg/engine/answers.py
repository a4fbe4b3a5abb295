"""A value typed on the command line (`--set KEY=VALUE`) as the field takes it, the way the
nomination form takes an answer: `ja`/`nej`/`j`/`n` for a yes/no field, a label or its beginning
(`stöd`, `inköp`) for a closed set; and a wrong key or value refused there, naming the option and
the nearest valid ones, not later at a line of the file the person never wrote.
"""

from __future__ import annotations

import enum
import typing
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from sobreg.engine.collation import fold
from sobreg.engine.titles import leaf, type_members
from sobreg.errors import RefusedError
from sobreg.i18n import catalogue_has, nearest, t
from sobreg.models.common import value_labels
from sobreg.models.patterns import message_key

YES = frozenset({"j", "ja", "y", "yes", "true"})
NO = frozenset({"n", "nej", "no", "false"})


def field_paths(model: type[BaseModel], prefix: str = "") -> list[str]:
    """Every dotted path of `model`'s fields, nested models included."""
    found = []
    for name, info in model.model_fields.items():
        key = info.alias or name
        path = f"{prefix}{key}"
        found.append(path)
        for member in type_members(info.annotation):
            if isinstance(member, type) and issubclass(member, BaseModel):
                found += field_paths(member, f"{path}.")
    return found


def choices(item_type: str, path: str) -> list[tuple[str, str]] | None:
    """The closed set of a field as (value, label in the user's language), or None."""
    _, name, info = leaf(item_type, path)
    for member in type_members(info.annotation):
        if typing.get_origin(member) is typing.Literal:
            values = [str(v) for v in typing.get_args(member)]
        elif isinstance(member, type) and issubclass(member, enum.Enum):
            values = [str(m.value) for m in member]
        else:
            continue
        prefix = value_labels(info) or name
        return [(v, t(f"{prefix}.{v}") if catalogue_has(f"{prefix}.{v}") else v) for v in values]
    return None


def typed(item_type: str, key: str, value: Any, model: type[BaseModel]) -> Any:
    """`value` for the field `key` of an item, as the form would take it; RefusedError naming
    `--set KEY=VALUE`, what the field takes and the nearest valid key or value."""
    try:
        _, _, info = leaf(item_type, key)
    except KeyError:
        if any(part.isdigit() for part in key.split(".")):
            return value  # an element of a list: validated with the whole item
        raise RefusedError("set.unknown_field", key=key,
                           near=nearest(key, field_paths(model))) from None  # fmt: skip
    members = type_members(info.annotation)
    if value is None:
        return value
    if bool in members and isinstance(value, str):
        word = value.strip().casefold()
        if word in YES or word in NO:
            return word in YES
        raise RefusedError("set.bad_bool", key=key, value=value[:100])
    closed = choices(item_type, key)
    if closed is not None and isinstance(value, str | int) and not isinstance(value, bool):
        word = fold(str(value))
        for choice, label in closed:
            if word in (fold(choice), fold(label)):
                return choice
        begun = [c for c, label in closed if len(word) >= 2 and fold(label).startswith(word)]
        if len(begun) == 1:
            return begun[0]
        shown = [f"{c} ({label})" if label != c else c for c, label in closed]
        near = nearest(str(value), [c for c, _ in closed] + [label for _, label in closed])
        raise RefusedError("set.bad_choice", key=key, value=str(value)[:100], expected=shown,
                           near=[_value_of(n, closed) for n in near][:1])  # fmt: skip
    if list in [typing.get_origin(m) or m for m in members] and not isinstance(value, list):
        raise RefusedError("set.not_list", key=key, value=str(value)[:100])
    mapping = [m for m in members if isinstance(m, type) and issubclass(m, BaseModel)]
    if mapping and len(mapping) == len(members) and not isinstance(value, dict):
        example = ", ".join(f"{name}: …" for name in list(mapping[0].model_fields)[:2])
        raise RefusedError("set.not_mapping", key=key, value=str(value)[:100],
                           example=f"{{{example}}}")  # fmt: skip
    return value


def _value_of(word: str, closed: list[tuple[str, str]]) -> str:
    for choice, label in closed:
        if word in (choice, label):
            return choice
    return word


def check_scalar(item_type: str, key: str, value: Any) -> None:
    """A scalar value checked against its field's type on its own, so a wrong one is named at
    the option that gave it."""
    if isinstance(value, dict | list) or value is None:
        return
    try:
        _, _, info = leaf(item_type, key)
    except KeyError:
        return
    annotation: Any = info.annotation
    if info.metadata:
        annotation = typing.Annotated[(annotation, *info.metadata)]
    try:
        TypeAdapter(annotation).validate_python(value)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        ctx = {k: str(v)[:200] for k, v in (err.get("ctx") or {}).items()}
        why = t(f"pyd.{message_key(err['type'], key)}", msg=err["msg"], **ctx)
        raise RefusedError("set.bad_value_for", key=key, value=str(value)[:100], why=why) from None
