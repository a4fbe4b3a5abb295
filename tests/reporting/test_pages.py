"""`reporting/pages.py`: many pages from one template, by this process or shared with forked
children, the same files either way, each with the file that goes with it."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import Environment

from sobreg.reporting import pages


@pytest.mark.parametrize("parallel_from", [10_000, 2])
def test_pages_are_the_same_written_here_or_by_children(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parallel_from: int
) -> None:
    monkeypatch.setattr(pages, "PARALLEL_FROM", parallel_from)
    template = Environment(autoescape=True).from_string("<p>{{ name }} · {{ site }}</p>")
    todo = []
    for number in range(12):
        also = (tmp_path / f"{number}.json", f'{{"n": {number}}}') if number % 2 else None
        todo.append((tmp_path / f"{number}.html", {"name": f"<b>{number}</b>", pages.ALSO: also}))
    pages.write_pages(template, todo, {"site": "VGR"})
    for number in range(12):
        assert (
            tmp_path / f"{number}.html"
        ).read_text() == f"<p>&lt;b&gt;{number}&lt;/b&gt; · VGR</p>"
        assert (tmp_path / f"{number}.json").exists() == bool(number % 2)
