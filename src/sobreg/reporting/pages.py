"""Many pages rendered from one template into a folder: in worker processes when there are many.

A new catalogue's 4,000 program pages are most of a publish: rendering them and creating their
files both split across the cores. Each page is written whole by the process that rendered it,
into the build folder that is swapped in only when every page is there (reporting/catalogue).
A page a worker could not render is rendered again here, so its error is raised as it would be
without workers (an exception need not survive the way back from a worker).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jinja2 import Template

PARALLEL_FROM = 400  # below this many pages, starting workers costs more than it saves
# Set before forking: the workers inherit the template, the pages and the common context.
_JOB: dict[str, Any] = {}


def _write(template: Template, path: Path, context: dict[str, Any], common: dict[str, Any]) -> None:
    path.write_text(template.render(**context, **common), encoding="utf-8")


def _batch(indexes: range) -> list[int]:
    """Render and write some of the pages; the indexes of those that failed."""
    template, pages, common = _JOB["template"], _JOB["pages"], _JOB["common"]
    failed = []
    for index in indexes:
        path, context = pages[index]
        try:
            _write(template, path, context, common)
        except Exception:  # rendered again by the parent, which raises it as its own
            failed.append(index)
    return failed


def write_pages(
    template: Template, pages: list[tuple[Path, dict[str, Any]]], common: dict[str, Any]
) -> None:
    """Render `template` with each page's context and `common`, into each page's path."""
    workers = min(os.cpu_count() or 1, 8)
    if len(pages) < PARALLEL_FROM or workers < 2:
        for path, context in pages:
            _write(template, path, context, common)
        return
    # Lazy: only a publish of many new pages forks workers.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    size = max(50, len(pages) // (workers * 4))
    batches = [range(at, min(at + size, len(pages))) for at in range(0, len(pages), size)]
    _JOB.update(template=template, pages=pages, common=common)
    try:
        with ProcessPoolExecutor(workers, multiprocessing.get_context("fork")) as pool:
            failed = [index for found in pool.map(_batch, batches) for index in found]
    finally:
        _JOB.clear()
    for index in failed:
        _write(template, pages[index][0], pages[index][1], common)
