"""The program a build or purchase decision creates, as plain data."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sobreg.engine.process import get_path
from sobreg.errors import RefusedError
from sobreg.models.ids import is_program_id, slugify

if TYPE_CHECKING:  # an annotation only: a write need not build the process models' classes
    from sobreg.models.process import CreateProgram


def new_program(
    nomination: dict[str, Any], rule: CreateProgram, entry: dict[str, Any], today: dt.date
) -> dict[str, Any]:
    """The data of the program a build or purchase decision creates."""
    wanted = get_path(nomination, rule.id_from)
    sources = [rule.name_from] if isinstance(rule.name_from, str) else rule.name_from
    named = next((v for v in (get_path(nomination, f) for f in sources) if v), None)
    name = str(named or nomination.get("title") or "")
    program_id = str(wanted) if wanted else slugify(name)
    if not program_id or not is_program_id(program_id):
        raise RefusedError("advance.program_id_invalid", id=program_id or "-")
    origin = rule.origin_map.get(str(get_path(nomination, rule.origin_from)), "nomination")
    data: dict[str, Any] = {
        "id": program_id,
        "created": today,
        "name": name,
    }
    for target, source in rule.copy_fields.items():
        value = get_path(nomination, source)
        if value is not None:
            data[target] = value
    data |= {
        "step": rule.step,
        "status": rule.status,
        "origin": origin,
        "nomination": nomination["id"],
        "history": [{k: v for k, v in entry.items() if v is not None}],
    }
    return data


def replacement(value: Any, names: dict[str, str]) -> tuple[str | None, str | None]:
    """(the id of a program in this registry, the name a reader sees) of `deactivation.
    replaced_by`: a local id, another registry's `SOURCE:ID`, or `{name: ...}` for one outside."""
    if isinstance(value, dict):
        name = value.get("name")
        return None, str(name) if name else None
    if not value:
        return None, None
    text = str(value)
    if ":" in text:
        return None, text
    return text, names.get(text, text)
