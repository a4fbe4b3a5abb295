"""Every closed set's values have a label in Swedish and in English (issue 34, item 2): no
enum value reaches a reader as a raw code."""

from __future__ import annotations

import enum
import typing

import pytest
from pydantic import BaseModel

from sobreg.engine.titles import type_members
from sobreg.i18n import catalogue
from sobreg.models.common import value_labels
from sobreg.models.nomination import Nomination
from sobreg.models.program import Program


def _closed_sets(model: type[BaseModel], seen: set[type]) -> list[tuple[str, str, list[str]]]:
    """(field, labels' prefix, values) of every closed set in `model`, nested ones included."""
    found = []
    for name, info in model.model_fields.items():
        for member in type_members(info.annotation):
            if typing.get_origin(member) is list:
                member = typing.get_args(member)[0]
            if typing.get_origin(member) is typing.Literal:
                values = [str(v) for v in typing.get_args(member)]
            elif isinstance(member, type) and issubclass(member, enum.Enum):
                values = [str(m.value) for m in member]
            elif isinstance(member, type) and issubclass(member, BaseModel):
                if member not in seen:
                    seen.add(member)
                    found += _closed_sets(member, seen)
                continue
            else:
                continue
            found.append((name, value_labels(info) or name, values))
    return found


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("model", [Nomination, Program])
def test_every_value_of_every_closed_set_has_a_label(model: type[BaseModel], lang: str) -> None:
    sets = _closed_sets(model, set())
    assert sets  # the walk finds them
    missing = [f"{prefix}.{value}" for _, prefix, values in sets for value in values
               if catalogue(lang).gettext(f"{prefix}.{value}") == f"{prefix}.{value}"]  # fmt: skip
    assert missing == []
