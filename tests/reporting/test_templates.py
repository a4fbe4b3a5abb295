"""`reporting/templates.py`: who publishes, as pages name them, and templates that escape."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from sobreg.i18n import set_language
from sobreg.reporting.templates import environment, publisher_of


def _text(sv: str, en: str) -> Any:
    return SimpleNamespace(model_dump=lambda: {"sv": sv, "en": en})


def test_the_publisher_in_the_readers_language_and_the_catalogues_address_as_a_base() -> None:
    found = SimpleNamespace(name=_text("Västra Götalandsregionen", "Region Västra Götaland"),
                            unit=None, email="sob@example.se",
                            catalogue="https://sob.example.se/katalog")  # fmt: skip
    process = SimpleNamespace(publisher=found)
    set_language("en")
    try:
        named = publisher_of(process)
        assert named is not None and named["name"] == "Region Västra Götaland"
    finally:
        set_language("sv")
    assert publisher_of(process) == {
        "name": "Västra Götalandsregionen", "unit": None, "email": "sob@example.se",
        "catalogue": "https://sob.example.se/katalog/"}  # fmt: skip
    assert publisher_of(SimpleNamespace(publisher=None)) is None


def test_every_html_template_escapes_what_comes_from_the_files() -> None:
    env = environment()
    assert env.autoescape("catalogue/index.html.j2") and env.autoescape("report/agenda.html.j2")
    html = env.get_template("catalogue/accessibility.html.j2").render(
        root="", generated=None, publisher={"name": "<script>alert(1)</script>", "unit": None,
                                            "email": None, "catalogue": None})  # fmt: skip
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
