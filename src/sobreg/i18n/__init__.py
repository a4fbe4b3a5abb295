"""Language selection and message lookup.

The catalogue itself lives in `catalogue.py`; this module picks the language (option, then
`SOBREG_LANG`, then Swedish) and formats messages. Unknown keys fall back to the key itself so a
missing translation is visible but never crashes a command.
"""

from __future__ import annotations

import os
from typing import Any

from sobreg.i18n.catalogue import MESSAGES

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


def set_language(lang: str) -> None:
    global _current
    _current = lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def current_language() -> str:
    return _current


def t(key: str, /, **params: Any) -> str:
    """The message `key` in the current language, formatted with `params`."""
    entry = MESSAGES.get(key)
    if entry is None:
        return key if not params else f"{key} {params}"
    text = entry[0] if _current == "sv" else entry[1]
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        return text


def local(text: dict[str, str] | None, lang: str | None = None) -> str:
    """Pick a language from a `{sv, en}` mapping as found in process.yaml and evaluation.yaml."""
    if not text:
        return ""
    lang = lang or _current
    return text.get(lang) or text.get(DEFAULT_LANGUAGE) or next(iter(text.values()), "")
