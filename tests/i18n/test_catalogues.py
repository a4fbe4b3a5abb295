"""The gettext catalogues: complete in both languages, current when compiled, and holding every
key the code asks for (extracted with Babel, as a translator's tools would)."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from sobreg import i18n

ROOT = Path(__file__).resolve().parents[2]


# Where the code names a message key: the lookup, and the errors and issues that carry one.
KEYWORDS = {
    "t": None,
    "SobregError": None,
    "RefusedError": None,
    "UsageError": None,
    "EnvironmentFailure": None,
    "YamlProblem": None,
    "_why": None,
    "_issue": (3,),
    "Violation": (2,),
}


def catalogue(lang: str) -> dict[str, str]:
    path = i18n.LOCALE_DIR / lang / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"
    with path.open("rb") as handle:
        return {str(m.id): str(m.string) for m in read_po(handle) if m.id}


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_swedish_and_english_hold_the_same_keys_and_placeholders() -> None:
    sv, en = catalogue("sv"), catalogue("en")
    assert sv.keys() == en.keys()
    assert [k for k, v in sv.items() if not v.strip()] == []
    assert [k for k, v in en.items() if not v.strip()] == []
    assert {k: (fields(sv[k]), fields(en[k])) for k in sv if fields(sv[k]) != fields(en[k])} == {}


def test_every_key_the_code_asks_for_is_translated() -> None:
    sv = catalogue("sv")
    extracted = {
        message
        for _, _, message, _, _ in extract_from_dir(
            str(ROOT / "src"), method_map=[("**.py", "python")], keywords=KEYWORDS
        )
    }
    # Keys built at run time (f"status.{status}", "report.key." + key) are not literals: Babel
    # gives their first part, which is left out here.
    literal = {m for m in extracted if isinstance(m, str) and "{" not in m and m[-1] != "."}
    assert len(literal) > 200
    assert sorted(literal - sv.keys()) == []


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_compiled_catalogue_is_current(lang: str) -> None:
    # The build hook compiles .po to .mo; a .po edited since the install would be shown stale.
    compiled = i18n.catalogue(lang)
    for key, text in catalogue(lang).items():
        assert compiled.gettext(key) == text, f"{key}: reinstall (pip install -e .) to compile"


def test_messages_follow_the_language() -> None:
    try:
        i18n.set_language("en")
        english = i18n.t("validate.summary_ok", count=3)
        i18n.set_language("sv")
        swedish = i18n.t("validate.summary_ok", count=3)
    finally:
        i18n.set_language("sv")
    assert english != swedish and "3" in english and "3" in swedish


def test_an_unknown_key_shows_itself() -> None:
    assert i18n.t("no.such.key") == "no.such.key"


@pytest.mark.parametrize(
    ("argv", "lang"),
    [(["--lang", "en", "show"], "en"), (["show", "--lang=en"], "en"), (["show"], None)],
)
def test_the_language_is_found_on_the_command_line(argv: list[str], lang: str | None) -> None:
    assert i18n.language_from_argv(argv) == lang
