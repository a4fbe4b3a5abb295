"""Render a validation result as text, JSON or GitHub annotations (strings only; the CLI prints)."""

from __future__ import annotations

import json
from collections.abc import Callable

from sobreg.errors import Issue
from sobreg.i18n import said, t
from sobreg.validation.check import CheckResult


def message(issue: Issue) -> str:
    return said(issue.key, issue.params)


def _where(issue: Issue) -> str:
    head = f"{issue.path}:{issue.line}:{issue.col}:"
    return f"{head} {issue.field}:" if issue.field else head


def _warning_lines(result: CheckResult) -> list[str]:
    """Content changed after the last entry, each; items not yet sealed, counted once."""
    unchained = [i for i in result.warnings if i.key == "chain.unchained"]
    lines = [
        f"{_where(i)} {t('validate.warning')}: {message(i)}"
        for i in result.warnings
        if i.key != "chain.unchained"
    ]
    if unchained:
        lines.append(t("validate.unchained", count=len(unchained)))
    return lines


def text(result: CheckResult) -> str:
    lines = [f"{_where(i)} {message(i)}" for i in result.errors] + _warning_lines(result)
    if result.ok:
        lines.append(t("validate.summary_ok", count=len(result.valid)))
    else:
        files = len({i.path for i in result.errors})
        lines.append(
            t(
                "validate.summary_bad",
                errors=len(result.errors),
                files=files,
                valid=len(result.valid),
            )
        )
    return "\n".join(lines)


def as_json(result: CheckResult) -> str:
    payload = {
        "valid": result.valid,
        "errors": [
            {"path": i.path, "line": i.line, "col": i.col, "field": i.field, "message": message(i)}
            for i in result.errors
        ],
        "warnings": [
            {"path": i.path, "line": i.line, "col": i.col, "field": i.field, "message": message(i)}
            for i in result.warnings
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


def _gh_escape(value: str, prop: bool = False) -> str:
    # GitHub's workflow-command escaping: % CR LF always, and : , in properties.
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def github(result: CheckResult) -> str:
    lines = []
    for i in result.errors:
        body = f"{i.field}: {message(i)}" if i.field else message(i)
        props = f"file={_gh_escape(i.path, True)},line={i.line},col={i.col},title=sobreg validate"
        lines.append(f"::error {props}::{_gh_escape(body)}")
    for i in result.warnings:
        if i.key != "chain.unchained":
            props = f"file={_gh_escape(i.path, True)},line={i.line},title=sobreg validate"
            lines.append(f"::warning {props}::{_gh_escape(message(i))}")
    lines.append(text(CheckResult(valid=result.valid, errors=[])) if result.ok else "")
    return "\n".join(line for line in lines if line)


REPORTERS: dict[str, Callable[[CheckResult], str]] = {
    "text": text,
    "json": as_json,
    "github": github,
}
