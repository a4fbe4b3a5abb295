"""The registry's layout: which folder holds which item type, the definition files beside them,
and the model that governs each kind of file."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic import BaseModel

FOLDERS = {"nomination": "nominations", "program": "programs"}
FOLDER_KINDS = {folder: kind for kind, folder in FOLDERS.items()}
# The definitions beside the items.
SPECIAL_FILES = ("process.yaml", "evaluation.yaml", "roles.yaml", "sources.yaml")
SCHEMA_NAMES = {
    "nomination": "nomination",
    "program": "program",
    "process.yaml": "process",
    "evaluation.yaml": "evaluation",
    "roles.yaml": "roles",
    "sources.yaml": "sources",
}


_MODELS = {
    "nomination": "Nomination",
    "program": "Program",
    "process.yaml": "ProcessDefinition",
    "evaluation.yaml": "EvaluationMethod",
    "roles.yaml": "RolesFile",
    "sources.yaml": "SourcesFile",
}


@cache
def model_for(kind: str) -> type[BaseModel]:
    """The model of an item type or a definition file (looked up once a process: it is asked
    for every file validated)."""
    # Lazy: only a file that is actually validated needs pydantic; cached reads never do.
    from sobreg import models

    found: type[BaseModel] = getattr(models, _MODELS[kind])
    return found


def kind_of_rel(rel: str) -> str | None:
    """'nomination', 'program', a definition file's name, or None for a path relative to the
    registry (posix separators) that sobreg does not govern."""
    parts = rel.split("/")
    if len(parts) == 1 and parts[0] in SPECIAL_FILES:
        return parts[0]
    if len(parts) == 2 and parts[1].endswith((".yaml", ".yml")):
        return FOLDER_KINDS.get(parts[0])
    return None
