"""JSON Schemas exported from the models, draft-07 so that yaml-language-server reads them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from sobreg.models import (
    EvaluationMethod,
    Nomination,
    ProcessDefinition,
    Program,
    RolesFile,
    SourcesFile,
)
from sobreg.models.assessment import COMPUTED, FILLED, Assessment
from sobreg.models.nomination import FORM_FIELDS
from sobreg.store.editing import PROTECTED
from sobreg.store.files import read_bytes
from sobreg.store.yamlio import atomic_write

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
SCHEMA_MODELS: dict[str, type[BaseModel]] = {
    "nomination": Nomination,
    "program": Program,
    "process": ProcessDefinition,
    "evaluation": EvaluationMethod,
    "roles": RolesFile,
    "sources": SourcesFile,
}


def _draft07(node: Any) -> Any:
    # Pydantic writes 2020-12 style `$defs`; draft-07 readers expect `definitions`. `const` and
    # `anyOf` with null are understood by both.
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$defs":
                out["definitions"] = _draft07(value)
            elif key == "$ref" and isinstance(value, str):
                out[key] = value.replace("#/$defs/", "#/definitions/")
            else:
                out[key] = _draft07(value)
        return out
    if isinstance(node, list):
        return [_draft07(v) for v in node]
    return node


def _nullable(node: Any, definitions: dict[str, Any]) -> Any:
    """`anyOf: [X, {type: null}]` (pydantic's optional field) said so that a validator's message
    is about X: a wrong value in an optional field otherwise reads "'stöd' is not of type
    'null'" (check-jsonschema's best match), as if the field had to be empty."""
    if isinstance(node, list):
        return [_nullable(v, definitions) for v in node]
    if not isinstance(node, dict):
        return node
    node = {k: _nullable(v, definitions) for k, v in node.items()}
    branches = node.get("anyOf")
    if not isinstance(branches, list) or {"type": "null"} not in branches or len(branches) != 2:
        return node
    other = next(b for b in branches if b != {"type": "null"})
    rest = {k: v for k, v in node.items() if k != "anyOf"}
    target = other
    if "$ref" in other:
        target = definitions.get(other["$ref"].rsplit("/", 1)[-1], {})
    if "enum" in target:  # a closed set: its values, and null
        kept = {k: v for k, v in target.items() if k not in ("title", "description", "type")}
        return {**rest, **kept, "enum": [*target["enum"], None]}
    if "$ref" not in other and isinstance(other.get("type"), str):
        return {**rest, **other, "type": [other["type"], "null"]}
    # Anything else (a nested mapping): null, or the branch itself, whose errors are then its own.
    return {**rest, "if": {"type": "null"}, "then": True, "else": other}


def build(name: str) -> dict[str, Any]:
    model = SCHEMA_MODELS[name]
    schema = _draft07(model.model_json_schema(by_alias=True, mode="validation"))
    schema = _nullable(schema, schema.get("definitions", {}))
    return {"$schema": DRAFT_07, "$id": f"{name}.schema.json", **schema}


def nomination_form() -> dict[str, Any]:
    """What `nominate --from-file` takes: the form's fields only, the title required."""
    schema = build("nomination")
    properties = {k: v for k, v in schema["properties"].items() if k in FORM_FIELDS}
    return {**schema, "$id": "nomination-form.schema.json", "title": "Nomineringsmall",
            "properties": properties, "required": ["title"]}  # fmt: skip


def assessment() -> dict[str, Any]:
    """What `assess --from-file` takes: an assessment without what sobreg computes or fills."""
    schema = _draft07(Assessment.model_json_schema(by_alias=True, mode="validation"))
    schema = _nullable(schema, schema.get("definitions", {}))
    properties = {k: v for k, v in schema["properties"].items() if k not in COMPUTED}
    required = [k for k in schema.get("required", []) if k not in (*COMPUTED, *FILLED)]
    return {"$schema": DRAFT_07, "$id": "assessment.schema.json", **schema,
            "properties": properties, "required": required}  # fmt: skip


def follow_up(process: Any) -> dict[str, Any]:
    """What `follow-up --from-file` takes: the fields `process.yaml` defines (life.follow_up),
    with their labels; `year` comes from the command line."""
    measure: dict[str, Any] = {
        "type": "object",
        "properties": {"instrument": {"type": "string", "minLength": 1},
                       "result": {"type": ["string", "number"]}},
        "required": ["instrument", "result"],
        "additionalProperties": False,
    }  # fmt: skip
    properties: dict[str, Any] = {}
    for field in process.life.follow_up if process.life else []:
        one: dict[str, Any] = {
            "count": {"type": "integer", "minimum": 0},
            "measure": dict(measure),
            "text": {"type": "string"},
            "choice": {"enum": list(field.choices)},
        }[field.type]
        if not field.required:  # left out, or written as null, as sobreg takes it
            if "enum" in one:
                one = {**one, "enum": [*one["enum"], None]}
            else:
                one = {**one, "type": [one["type"], "null"]}
        label = field.label
        one = {"title": label.sv, "title_en": getattr(label, "en", None) or label.sv, **one}
        if field.instruments:
            one["description"] = ", ".join(i.name for i in field.instruments)
        properties[field.key] = one
    required = [f.key for f in process.life.follow_up if f.required] if process.life else []
    return {"$schema": DRAFT_07, "$id": "follow-up.schema.json", "title": "Uppföljning",
            "type": "object", "properties": properties, "required": required,
            "additionalProperties": False}  # fmt: skip


def step_input(item_type: str) -> dict[str, Any]:
    """What `advance --from-file` and `set --from-file` take for an item: any of its fields,
    none required (a step's checklist says what must be there to leave it, not the file)."""
    schema = build(item_type)
    properties = {k: v for k, v in schema["properties"].items() if k not in PROTECTED}
    return {**schema, "$id": f"{item_type}-input.schema.json", "properties": properties,
            "required": []}  # fmt: skip


def documents(process: Any) -> dict[str, dict[str, Any]]:
    """Every schema `sobreg schema` writes, by name: the registry's files and the input files."""
    found = {name: build(name) for name in SCHEMA_MODELS}
    found["nomination-form"] = nomination_form()
    found["assessment"] = assessment()
    if process is not None:  # the follow-up's fields are the registry's own
        found["follow-up"] = follow_up(process)
    found["nomination-input"] = step_input("nomination")
    found["program-input"] = step_input("program")
    return found


def render(name: str) -> str:
    """A registry file's schema as written (`nomination`, `program`, ...)."""
    return _text(build(name))


def _text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def texts(process: Any) -> dict[str, str]:
    """Every schema `documents` gives, as its file's text."""
    return {name: _text(schema) for name, schema in documents(process).items()}


def stale(out_dir: Path, process: Any) -> list[str]:
    """Names of schema files in `out_dir` that are missing or differ from the models."""
    names = []
    for name, schema in documents(process).items():
        path = out_dir / f"{name}.schema.json"
        if read_bytes(path) != _text(schema).encode("utf-8"):
            names.append(name)
    return names


def write(out_dir: Path, process: Any) -> list[Path]:
    written = []
    for name, schema in documents(process).items():
        path = out_dir / f"{name}.schema.json"
        atomic_write(path, _text(schema))
        written.append(path)
    return written
