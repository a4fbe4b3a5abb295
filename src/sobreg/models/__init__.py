"""models: the pydantic models of every registry file, and the registry's layout and id patterns.

Imports nothing of sobreg but `sobreg.errors`. The model classes load lazily (PEP 562): the
layout and patterns serve the cached read path, which must not pay for pydantic.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sobreg.models.evaluation import EvaluationMethod
    from sobreg.models.nomination import Nomination
    from sobreg.models.process import ProcessDefinition
    from sobreg.models.program import Program
    from sobreg.models.roles import RolesFile
    from sobreg.models.sources import SourcesFile

_LAZY = {
    "EvaluationMethod": "sobreg.models.evaluation",
    "Nomination": "sobreg.models.nomination",
    "ProcessDefinition": "sobreg.models.process",
    "Program": "sobreg.models.program",
    "RolesFile": "sobreg.models.roles",
    "SourcesFile": "sobreg.models.sources",
}

__all__ = [
    "EvaluationMethod",
    "Nomination",
    "ProcessDefinition",
    "Program",
    "RolesFile",
    "SourcesFile",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        found = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = found  # asked once per file validated: later lookups skip this hook
        return found
    raise AttributeError(f"module 'sobreg.models' has no attribute {name!r}")
