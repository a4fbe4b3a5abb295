"""Many pages rendered from one template into a folder: shared with forked children when there
are many (`store.parallel`, as the item cache shares the files it reads).

A new catalogue's 4,000 program pages are most of a publish: rendering them and creating their
files both split across the cores. Each page is written whole by the process that rendered it,
into the build folder that is swapped in only when every page is there (reporting/catalogue).
A page that could not be rendered is rendered again by this process at the end, so its error is
raised as it would be without children (an exception need not survive the way back from one).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sobreg.store.files import write_text
from sobreg.store.parallel import share

if TYPE_CHECKING:
    from jinja2 import Template

PARALLEL_FROM = 400  # below this many pages, forking children costs more than it saves
# Set before forking: the children inherit the template, the pages and the common context.
_JOB: dict[str, Any] = {}


def _write(template: Template, path: Path, context: dict[str, Any], common: dict[str, Any]) -> None:
    write_text(path, template.render(**context, **common))
    also = context.get(ALSO)
    if also is not None:  # a file that goes with the page (its open-data record), made alike
        write_text(also[0], also[1])


# A page's context may carry (path, text) of a file written with it, by the same process.
ALSO = "_also"


def _page(index: int) -> bool:
    """Render and write one page; whether it failed (then it is rendered again at the end)."""
    path, context = _JOB["pages"][index]
    try:
        _write(_JOB["template"], path, context, _JOB["common"])
    except Exception:
        return True
    return False


def write_pages(
    template: Template, pages: list[tuple[Path, dict[str, Any]]], common: dict[str, Any]
) -> None:
    """Render `template` with each page's context and `common`, into each page's path."""
    processes = min(os.cpu_count() or 1, 8)
    if len(pages) < PARALLEL_FROM or processes < 2:
        for path, context in pages:
            _write(template, path, context, common)
        return
    _JOB.update(template=template, pages=pages, common=common)
    try:
        failed = share(list(range(len(pages))), _page, processes)
    finally:
        _JOB.clear()
    for (path, context), bad in zip(pages, failed, strict=True):
        if bad:
            _write(template, path, context, common)
