"""Typer's own words in the user's language: the help page's headings and usage line, the help
option, and usage errors.

Typer 0.29 vendors click without gettext, so these strings are English in its code. The narrowest
route in: a help formatter of our own (click's `Context.formatter_class`) for the page, and one
renderer for click's usage errors in place of their `show()`; both read the catalogue.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from typer._click import exceptions as click_errors
from typer._click.core import Context
from typer._click.formatting import HelpFormatter

from sobreg.i18n import t

_HEADINGS = {"Options": "cli.options", "Arguments": "cli.arguments", "Commands": "cli.commands"}
_HELP_OPTION = "Show this message and exit."
_DEFAULT = re.compile(r"\[default: (.*?)\]")
# click's messages for bad values and stray words, and the catalogue key that says each.
_MESSAGES = (
    (re.compile(r"^'?(?P<value>.*?)'? is not one of (?P<choices>.*)\.$", re.S), "cli.not_one_of"),
    (
        re.compile(r"^'?(?P<value>.*?)'? is not a valid integer( range)?\.$", re.S),
        "cli.not_integer",
    ),
    (re.compile(r"^Input should be a valid integer", re.S), "cli.not_a_number"),
    (
        re.compile(r"^Input should be greater than or equal to (?P<limit>\S+?)\.?$", re.S),
        "cli.at_least",
    ),
    (
        re.compile(r"^Input should be less than or equal to (?P<limit>\S+?)\.?$", re.S),
        "cli.at_most",
    ),
    (re.compile(r"^No such command '(?P<name>.*)'\.$", re.S), "cli.no_such_command"),
    (
        re.compile(r"^Got unexpected extra argument(?:s|\(s\))? \((?P<args>.*)\)$", re.S),
        "cli.extra_arguments",
    ),
    (re.compile(r"^Option '(?P<option>.*)' requires an argument\.$", re.S), "cli.needs_value"),
)


class SobregFormatter(HelpFormatter):
    """click's help formatter, saying its fixed words through the catalogue."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        for word in ("[OPTIONS]", "COMMAND", "[ARGS]..."):
            args = args.replace(word, t(f"cli.usage_word.{word.strip('[].').lower()}"))
        super().write_usage(prog, args, f"{t('cli.usage')} " if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        key = _HEADINGS.get(heading)
        super().write_heading(t(key) if key else heading)

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        super().write_dl([(_term(term), help_text(text)) for term, text in rows], col_max,
                         col_spacing)  # fmt: skip


# Typer's type after a parameter's name: `ID <str>`, `--limit <int range>`, `<list[Path]>`.
_TYPE = re.compile(r" <([^<>]+)>$")
_RANGE = re.compile(r"(-?\d+)<=x<=(-?\d+)")
_AT_LEAST = re.compile(r"x>=(-?\d+)")


def _term(term: str) -> str:
    """A parameter as a reader needs it: its name, and its choices (`--format text|json`);
    never a Python type."""
    found = _TYPE.search(term)
    if found is None:
        return term
    inner, name = found.group(1), term[: found.start()]
    if "|" in inner:
        return f"{name} {inner}"
    if name.startswith("-") and inner.startswith("int"):
        return f"{name} {t('metavar.number')}"
    if name.startswith("-") and inner == "str":
        return f"{name} {t('metavar.text')}"
    return name  # an argument's name says what it is


def help_text(text: str) -> str:
    """An option's help line with click's own additions said in the user's language."""
    text = text.replace(_HELP_OPTION, t("cli.help_option"))
    text = text.replace("[required]", f"[{t('cli.required')}]").replace("; required]", "]")
    text = _RANGE.sub(lambda m: f"{m.group(1)}–{m.group(2)}", text)
    text = _AT_LEAST.sub(lambda m: t("cli.at_least", limit=m.group(1)), text)
    return _DEFAULT.sub(lambda m: f"[{t('cli.default', value=m.group(1))}]", text)


class SobregContext(Context):
    formatter_class = SobregFormatter


def message(error: Any) -> str:
    """What went wrong, for one of click's usage errors."""
    if isinstance(error, click_errors.NoSuchOption):
        text = t("cli.no_such_option", option=error.option_name)
        if error.possibilities:
            text += " " + t("cli.did_you_mean", options=", ".join(sorted(error.possibilities)))
        return text
    hint = _hint(error)
    if isinstance(error, click_errors.MissingParameter):
        kind = error.param_type or (error.param.param_type_name if error.param else "parameter")
        return t(
            f"cli.missing_{kind}" if kind in ("option", "argument") else "cli.missing", name=hint
        )
    # Typer converts values with pydantic, whose messages may come prefixed.
    detail = str(error.message).removeprefix("Value error, ")
    for pattern, key in _MESSAGES:
        found = pattern.match(detail)
        if found:
            detail = t(key, **found.groupdict())
            break
    if isinstance(error, click_errors.BadParameter) and hint:
        return t("cli.invalid_value", name=hint, detail=detail)
    return detail


def _hint(error: Any) -> str:
    if getattr(error, "param_hint", None) is not None:
        hint = error.param_hint
        return " / ".join(f"'{h}'" for h in hint) if not isinstance(hint, str) else hint
    param = getattr(error, "param", None)
    return str(param.get_error_hint()) if param is not None else ""


def render(error: Any) -> str:
    """A usage error as click would print it (usage line, hint, message), in our words."""
    lines = []
    ctx = error.ctx
    if ctx is not None:
        lines.append(ctx.get_usage())
        if ctx.command.get_help_option(ctx) is not None:
            lines.append(
                t("cli.try_help", command=ctx.command_path, option=ctx.help_option_names[0])
            )
        lines.append("")
    lines.append(f"{t('cli.error')}: {message(error)}")
    return "\n".join(lines)


def is_usage_error(error: BaseException) -> bool:
    return isinstance(error, click_errors.UsageError) and not isinstance(
        error, click_errors.NoArgsIsHelpError
    )
