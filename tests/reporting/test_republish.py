"""`reporting/republish.py`: the keys a page is carried over by, and the previous build's keys."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sobreg.reporting import republish
from sobreg.store.resources import resource


def test_the_templates_key_covers_the_forms_script_and_style(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The form is carried over when its key is unchanged: a new nominera.js must change it.
    shipped = tmp_path / "shipped"
    shutil.copytree(resource("templates"), shipped)
    monkeypatch.setattr(republish, "resource", lambda name: shipped)
    registry = tmp_path / "reg" / "registry"
    registry.mkdir(parents=True)
    before = republish.templates_key(registry)
    script = shipped / "catalogue" / "nominera.js"
    script.write_text(script.read_text("utf-8") + "\n// changed\n", encoding="utf-8")
    after = republish.templates_key(registry)
    assert after != before
    style = shipped / "catalogue" / "nominera.css"
    style.write_text(style.read_text("utf-8") + "\n", encoding="utf-8")
    assert republish.templates_key(registry) != after
    # A region's own templates beside its registry count too.
    local = tmp_path / "reg" / "templates" / "catalogue"
    local.mkdir(parents=True)
    (local / "index.html.j2").write_text("{{ rows }}", encoding="utf-8")
    assert republish.templates_key(registry) != republish.templates_key(
        tmp_path / "other" / "registry"
    )


def test_the_forms_key_follows_what_it_lists_and_the_day() -> None:
    one = republish.form_key("base", '[["program", {"id": "a"}]]', "2026-12-07", "t")
    assert one == republish.form_key("base", '[["program", {"id": "a"}]]', "2026-12-07", "t")
    assert one != republish.form_key("base", '[["program", {"id": "b"}]]', "2026-12-07", "t")
    assert one != republish.form_key("base", '[["program", {"id": "a"}]]', "2026-12-08", "t")
    assert one != republish.form_key("other", '[["program", {"id": "a"}]]', "2026-12-07", "t")


def test_the_previous_builds_keys_are_read_from_its_marker_or_are_none(tmp_path: Path) -> None:
    (tmp_path / ".marker").write_text(republish.marker_text({"index.html": "k1"}), encoding="utf-8")
    assert republish.old_pages(tmp_path, ".marker") == {"index.html": "k1"}
    (tmp_path / ".marker").write_text("not json", encoding="utf-8")
    assert republish.old_pages(tmp_path, ".marker") == {}
    assert republish.old_pages(tmp_path / "missing", ".marker") == {}
