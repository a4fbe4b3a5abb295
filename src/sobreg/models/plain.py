"""Validated definitions as plain objects, for the commands that only read them.

A definition (`process.yaml`, `evaluation.yaml`, `roles.yaml`) is validated once by its pydantic
model and then used, and kept (`store/definitions.py`), in this form: the same attribute names,
`model_dump()` and the same query methods (`step`, `rules`, `roles_of`, ...), with no pydantic
behind them. Importing pydantic's `BaseModel` alone costs ~0.07 s, more than the rest of a warm
`status`; a command that reads the process never needs it. Imports nothing of sobreg.

The query methods live here, in mixins the pydantic models inherit too, so both forms answer
alike (`tests/models/test_plain.py` compares them on the registry's own definitions).
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Any

# The query methods answer in `Any`: naming the models here, even for the type checker only,
# would make a cycle of models/plain and the models that inherit its mixins.
Step = Any
ItemRules = Any


class Plain:
    """One validated model's fields as attributes, in the model's field order."""

    def __init__(self, fields: dict[str, Any]) -> None:
        self.__dict__.update(fields)

    def model_dump(self) -> dict[str, Any]:
        return {name: _dump(value) for name, value in self.__dict__.items()}

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.__dict__ == self.__dict__

    def __hash__(self) -> int:
        return id(self)

    def __repr__(self) -> str:
        fields = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items())
        return f"{type(self).__name__}({fields})"


def _dump(value: Any) -> Any:
    if isinstance(value, Plain):
        return value.model_dump()
    if isinstance(value, dict):
        return {k: _dump(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dump(v) for v in value]
    return value


class ProcessQueries:
    """What commands ask of the process definition."""

    if TYPE_CHECKING:
        steps: list[Any]
        items: dict[str, Any]

    def rules(self, item: str) -> ItemRules:
        return self.items[item]

    def step(self, step_id: str) -> Step:
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)

    def has_step(self, step_id: str | None) -> bool:
        return any(s.id == step_id for s in self.steps)

    def steps_of(self, item: str) -> list[Step]:
        return [s for s in self.steps if s.item == item]

    def index(self, step_id: str) -> int:
        return [s.id for s in self.steps].index(step_id)


class RolesQueries:
    """What commands ask of `roles.yaml`."""

    if TYPE_CHECKING:
        people: dict[str, Any]

    def roles_of(self, email: str) -> list[str]:
        for address, person in self.people.items():
            if address.casefold() == email.casefold():
                return person.roles
        return []


class PlainProcess(ProcessQueries, Plain):
    pass


class PlainRoles(RolesQueries, Plain):
    pass


_MIRRORS: dict[str, type[Plain]] = {"ProcessDefinition": PlainProcess, "RolesFile": PlainRoles}


def plain(value: Any) -> Any:
    """A validated model (and everything in it) as plain objects, dicts, lists and values."""
    fields = getattr(type(value), "model_fields", None)
    if isinstance(fields, dict):
        mirror = _MIRRORS.get(type(value).__name__, Plain)
        return mirror({name: plain(getattr(value, name)) for name in fields})
    if isinstance(value, dict):
        return {plain(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, tuple):
        return tuple(plain(v) for v in value)
    if isinstance(value, Enum):
        return value.value  # an enum of the models would bring pydantic back with it
    return value
