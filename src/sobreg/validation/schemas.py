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


def build(name: str) -> dict[str, Any]:
    model = SCHEMA_MODELS[name]
    schema = _draft07(model.model_json_schema(by_alias=True, mode="validation"))
    return {"$schema": DRAFT_07, "$id": f"{name}.schema.json", **schema}


def render(name: str) -> str:
    return json.dumps(build(name), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def stale(out_dir: Path) -> list[str]:
    """Names of schema files in `out_dir` that are missing or differ from the models."""
    names = []
    for name in SCHEMA_MODELS:
        path = out_dir / f"{name}.schema.json"
        if not path.is_file() or path.read_text(encoding="utf-8") != render(name):
            names.append(name)
    return names


def write(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMA_MODELS:
        path = out_dir / f"{name}.schema.json"
        atomic_write(path, render(name))
        written.append(path)
    return written
