"""Files shipped with sobreg: templates, schemas and the default process and evaluation method.

In a wheel they sit inside the package (hatchling force-include); in a source checkout or an
editable install they are read from the repository's top level, where people edit them.
"""

from __future__ import annotations

from pathlib import Path

# This module sits in sobreg/store/; the shipped files are found from the package root.
_PACKAGE = Path(__file__).resolve().parent.parent
_REPO = _PACKAGE.parent.parent

_IN_REPO = {
    "templates": "templates",
    "schemas": "schemas",
    "defaults/process.yaml": "registry/process.yaml",
    "defaults/evaluation.yaml": "registry/evaluation.yaml",
}


def resource(name: str) -> Path:
    """Path of a shipped resource such as `templates` or `defaults/process.yaml`."""
    packaged = _PACKAGE / name
    if packaged.exists():
        return packaged
    return _REPO / _IN_REPO[name]
