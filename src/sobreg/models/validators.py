"""A model's validator without the control-character pattern on its texts, for data read from
bytes that cannot hold a control character (`yamlfast.control_free`).

Every text field refuses control characters by a pattern that pydantic's core checks on each
string: ~3.7 µs of the ~19 µs a registry file's validation takes. A file whose bytes hold no byte
that starts a control character and no backslash (so no escape that makes one) cannot give a
string that holds one, whichever reader reads it; its data is validated by the same core schema
with that pattern taken out, so it is accepted or refused exactly as by the model, with the same
errors (`tests/models/test_validators.py` compares the two). The model's instance is built by the
model's own class and validators.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from pydantic import BaseModel
from pydantic_core import SchemaValidator

from sobreg.models.patterns import CONTROL_FREE


@cache
def without_control_pattern(model: type[BaseModel]) -> SchemaValidator:
    """`model`'s validator, its texts' control-character pattern left out (built once a
    process, ~0.5 ms)."""
    model.model_rebuild()  # built on first use (`defer_build`): its schema is complete now
    schema = _without(model.__pydantic_core_schema__)
    try:
        # The nested models' schemas are compiled from this one, not taken from their classes'
        # own validators, which hold the pattern.
        return SchemaValidator(schema, None, _use_prebuilt=False)
    except TypeError:  # a pydantic-core without prebuilt validators (or that names it otherwise)
        return SchemaValidator(schema)


def _without(node: Any) -> Any:
    """A copy of a core schema's dicts and lists, without the pattern `CONTROL_FREE`."""
    if isinstance(node, dict):
        copied = {key: _without(value) for key, value in node.items()}
        if copied.get("type") == "str" and copied.get("pattern") == CONTROL_FREE:
            del copied["pattern"]
        return copied
    if isinstance(node, list):
        return [_without(value) for value in node]
    return node
