"""The one Jinja environment: shipped templates, overridden by `templates/` beside the registry."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sobreg.i18n import current_language, t
from sobreg.i18n import local as pick_language
from sobreg.store import cache
from sobreg.store.files import make_folder
from sobreg.store.registry import git_dir
from sobreg.store.resources import resource

_ESCAPED = (".html", ".htm", ".xml", ".svg")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def publisher_of(process: Any) -> dict[str, Any] | None:
    """Who publishes the pages, as they name them (process.yaml's `publisher`), or None."""
    found = getattr(process, "publisher", None)
    if found is None:
        return None
    unit = found.unit.model_dump() if found.unit else None
    catalogue = found.catalogue.rstrip("/") + "/" if found.catalogue else None
    return {"name": pick_language(found.name.model_dump()),
            "unit": pick_language(unit) if unit else None, "email": found.email,
            "catalogue": catalogue}  # fmt: skip


def oneline(value: Any) -> str:
    """Text on one line without control characters (a name in a plain-text list)."""
    return " ".join(_CONTROL.sub(" ", str(value)).split())


def number(value: Any) -> str:
    """A number as people write it: 61 rather than 61.0, 60,5 in Swedish; – for none."""
    if value is None:
        return "–"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = f"{value:.1f}" if isinstance(value, float) else str(value)
    return text.replace(".", ",") if current_language() == "sv" else text


def md_text(value: Any) -> str:
    """Markdown paragraphs kept, but inert if the Markdown is rendered as HTML."""
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def md_cell(value: Any) -> str:
    """Text safe in a Markdown table cell, and inert if the Markdown is rendered as HTML."""
    text = oneline(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("|", "\\|")


def escaped(name: str | None) -> bool:
    """HTML-like templates are escaped, `.j2` suffix or not: `annual.html.j2` is HTML."""
    return bool(name) and str(name).removesuffix(".j2").endswith(_ESCAPED)


def environment(registry_root: Path | None = None) -> Any:
    # Lazy: Jinja loads only for the commands that render a template.
    from jinja2 import (
        ChoiceLoader,
        Environment,
        FileSystemBytecodeCache,
        FileSystemLoader,
        StrictUndefined,
    )

    loaders = []
    if registry_root is not None:
        local = registry_root.parent / "templates"
        if local.is_dir() and local.resolve() != resource("templates").resolve():
            loaders.append(FileSystemLoader(str(local)))
    loaders.append(FileSystemLoader(str(resource("templates"))))
    # Compiling the templates took ~0.03 s of every report; Jinja keeps the compiled code in the
    # cache (kind `templates`), checked against each template's source, by a key that mixes in
    # the fingerprint as every cache key does.
    folder = cache.folder(git_dir(registry_root), "templates") if registry_root else None
    compiled = None
    if folder is not None and registry_root is not None:
        root = registry_root

        class Keyed(FileSystemBytecodeCache):
            def get_cache_key(self, name: str, filename: str | None = None) -> str:
                return cache.key(root, "template", name, filename or "")

        try:
            compiled = Keyed(str(make_folder(folder)))
        except OSError:
            compiled = None  # a cache that cannot be written only costs time
    env = Environment(
        loader=ChoiceLoader(loaders),
        bytecode_cache=compiled,
        # Everything from registry files is escaped in HTML (docs/architecture.md).
        autoescape=escaped,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # Templates say nothing in a language of their own: words come from the catalogue.
    env.globals.update(t=t, local=pick_language, lang=current_language())
    env.filters.update(cell=md_cell, oneline=oneline, md_text=md_text, number=number)
    env.filters["isodate"] = lambda d: d.isoformat() if hasattr(d, "isoformat") else (d or "–")
    return env


def render(template: str, registry_root: Path | None = None, **context: Any) -> str:
    return str(environment(registry_root).get_template(template).render(**context))
