"""The one Jinja environment: shipped templates, overridden by `templates/` beside the registry."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sobreg.resources import resource


def environment(registry_root: Path | None = None) -> Any:
    from jinja2 import (
        ChoiceLoader,
        Environment,
        FileSystemLoader,
        StrictUndefined,
        select_autoescape,
    )

    loaders = []
    if registry_root is not None:
        local = registry_root.parent / "templates"
        if local.is_dir() and local.resolve() != resource("templates").resolve():
            loaders.append(FileSystemLoader(str(local)))
    loaders.append(FileSystemLoader(str(resource("templates"))))
    return Environment(
        loader=ChoiceLoader(loaders),
        # Everything that comes from registry files is escaped in HTML output (DESIGN.md §6).
        autoescape=select_autoescape(
            enabled_extensions=("html", "htm", "xml", "svg"), default=False
        ),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(template: str, registry_root: Path | None = None, **context: Any) -> str:
    return str(environment(registry_root).get_template(template).render(**context))
