"""`store/resources.py`: what sobreg ships (templates, the default routine) is found installed."""

from __future__ import annotations

from sobreg.store.resources import resource


def test_the_shipped_templates_and_definitions_are_there() -> None:
    assert (resource("templates") / "catalogue" / "nominate.html.j2").is_file()
    assert (resource("templates") / "catalogue" / "nominera.js").is_file()
    assert "steps:" in resource("defaults/process.yaml").read_text(encoding="utf-8")
    assert resource("defaults/evaluation.yaml").is_file()
