"""i18n: the message catalogues (gettext, Swedish and English) and the language switch.
Imports nothing of sobreg.

Messages are looked up by key (`validate.summary_ok`) in `locale/<lang>/LC_MESSAGES/sobreg.po`,
compiled to `.mo` at build time (hatch_build.py). The language is the option, else
`SOBREG_LANG`, else Swedish. An unknown key shows as itself: visible, never a crash.
"""

from __future__ import annotations

import gettext
import os
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

LANGUAGES = ("sv", "en")
DEFAULT_LANGUAGE = "sv"

_current = DEFAULT_LANGUAGE


def resolve_language(option: str | None = None) -> str:
    """The language to use: the option, else `SOBREG_LANG`, else Swedish."""
    for candidate in (option, os.environ.get("SOBREG_LANG")):
        if candidate:
            value = candidate.strip().lower()
            if value in LANGUAGES:
                return value
    return DEFAULT_LANGUAGE


def language_from_argv(argv: list[str]) -> str | None:
    """`--lang X` or `--lang=X` anywhere on a command line: the language must be known before
    the command line is parsed, since the help texts come from the catalogue."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def set_language(lang: str) -> None:
    global _current
    _current = lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def current_language() -> str:
    return _current


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """The messages in `lang` for a while (a page that carries every language), then as before."""
    before = _current
    set_language(lang)
    try:
        yield
    finally:
        set_language(before)


# The catalogues: locale/<lang>/LC_MESSAGES/sobreg.po, compiled to .mo when sobreg is built.
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "sobreg"


@cache
def catalogue(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue of `lang`; without one (not built), keys show as they are."""
    try:
        return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang])
    except OSError:
        return gettext.NullTranslations()


def t(key: str, /, **params: Any) -> str:
    """The message `key` in the current language, formatted with `params`."""
    text = catalogue(_current).gettext(key)
    if any(params.get(name) == 1 for name in _COUNTED):
        # One of something: the singular `KEY.one` where the catalogue has it ("1 fil", not
        # "1 filer"); Swedish and English both have one plural form beside it.
        one = catalogue(_current).gettext(f"{key}.one")
        if one != f"{key}.one":
            text = one
    if text == key:
        return key if not params else f"{key} {params}"
    # A list is said as the language says an enumeration: "a, b eller c"; a `{sv, en}` text
    # (process.yaml's own words) in the current language.
    params = {
        k: enumeration(v) if isinstance(v, list) else local(v) if _bilingual(v) else v
        for k, v in params.items()
    }
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        return text


def both(key: str) -> dict[str, str]:
    """The message `key` in every language, for text that carries them all (open data)."""
    return {lang: catalogue(lang).gettext(key) for lang in LANGUAGES}


def catalogue_has(key: str) -> bool:
    """Whether the current language's catalogue holds `key`."""
    return catalogue(_current).gettext(key) != key


_COUNTED = ("count", "days")  # the parameters a singular form is chosen by


def _bilingual(value: Any) -> bool:
    return isinstance(value, dict) and DEFAULT_LANGUAGE in value and set(value) <= set(LANGUAGES)


def enumeration(values: list[Any]) -> str:
    """`['a', 'b', 'c']` as "a, b eller c" (Swedish) or "a, b or c" (English)."""
    shown = [str(v) for v in values]
    if len(shown) < 2:
        return "".join(shown)
    word = t("word.or")
    return f"{', '.join(shown[:-1])} {word} {shown[-1]}"


def local(text: dict[str, str] | None, lang: str | None = None) -> str:
    """Pick a language from a `{sv, en}` mapping as found in process.yaml and evaluation.yaml."""
    if not text:
        return ""
    lang = lang or _current
    return text.get(lang) or text.get(DEFAULT_LANGUAGE) or next(iter(text.values()), "")


def nearest(word: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    """The candidates closest to `word` (a typo, another case, a missing accent), best first:
    what "Menade du …?" offers."""
    # Lazy: rapidfuzz is loaded by the errors that suggest, not by every command.
    from rapidfuzz import fuzz, process, utils

    def folded(text: str) -> str:  # case, accents and punctuation aside: `stöd` is near `stod`
        parts = unicodedata.normalize("NFKD", text.casefold())
        return str(utils.default_process("".join(c for c in parts if not unicodedata.combining(c))))

    found = process.extract(word, list(candidates), scorer=fuzz.WRatio, limit=limit,
                            processor=folded, score_cutoff=70)  # fmt: skip
    return [match for match, _, _ in found]


def said(key: str, params: dict[str, Any]) -> str:
    """A message with its parameters, and, when it names the nearest valid values (`near`),
    "Menade du …?" after it: the one place a suggestion is said."""
    text = t(key, **params)
    near = params.get("near")
    if not near:
        return text
    return f"{text.rstrip('.')}. {t('word.did_you_mean', near=near)}"
