"""`sobreg validate` and `sobreg schema`."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from sobreg.cli.common import LangOpt, ProgressBar, RegistryOpt, State, apply, command_help, echo
from sobreg.errors import EXIT_OK, EXIT_REFUSED, UsageError
from sobreg.i18n import t


class Format(StrEnum):
    text = "text"
    json = "json"
    github = "github"


def validate(
    paths: Annotated[
        list[Path] | None, typer.Argument(metavar=t("metavar.paths"), show_default=False)
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help=t("opt.format"))] = Format.text,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
) -> int:
    # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
    from sobreg.store.registry import Registry
    from sobreg.validation.check import check
    from sobreg.validation.reporters import REPORTERS

    apply(lang, registry)
    for path in paths or []:
        if not path.exists() and not path.is_symlink():
            raise UsageError("validate.no_such_file", path=str(path))
    # abspath, not resolve: a link is judged where it stands, not where it points.
    given = [Path(os.path.abspath(p)) for p in paths or []]
    start = given[0].parent if given else None
    reg = Registry(_registry_for(start))
    with ProgressBar(t("validate.progress")) as progress:
        result = check(reg, given or None, progress)
    echo(REPORTERS[fmt.value](result))
    _warn_if_expired(reg)
    return EXIT_OK if result.ok else EXIT_REFUSED


def schema(
    out: Annotated[
        Path | None, typer.Option("--out", metavar=t("metavar.dir"), help=t("opt.schema_out"))
    ] = None,
    check_only: Annotated[bool, typer.Option("--check", help=t("opt.schema_check"))] = False,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
) -> int:
    # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
    from sobreg.errors import SobregError
    from sobreg.store.registry import Registry, find_registry
    from sobreg.validation import schemas

    apply(lang, registry)
    process = None  # outside a registry: the follow-up's fields are unknown, not written
    try:
        root = find_registry(State.registry)
        process = Registry(root).process
    except SobregError:
        root = None
    if out is None:
        out = root.parent / "schemas" if root is not None else Path("schemas")
    if check_only:
        names = schemas.stale(out, process)
        if names:
            echo(t("schema.stale", names=", ".join(names), out=str(out)), err=True)
            return EXIT_REFUSED
        echo(t("schema.fresh", out=str(out)))
        return EXIT_OK
    written = schemas.write(out, process)
    echo(t("schema.written", count=len(written), out=str(out)))
    return EXIT_OK


def register(app: typer.Typer) -> None:
    app.command("validate", help=command_help("validate"))(validate)
    app.command("schema", help=command_help("schema"))(schema)


def _registry_for(start: Path | None) -> Path:
    """The registry a file is judged by: the one it lies in; else, for a file outside any (a
    copy, a draft), the one here; else the routine sobreg ships (`init`'s process.yaml)."""
    # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
    from sobreg.errors import EnvironmentFailure
    from sobreg.store.registry import find_registry
    from sobreg.store.resources import resource

    tried = [start, None] if start is not None else [None]
    for folder in tried:
        try:
            return find_registry(State.registry, folder)
        except EnvironmentFailure:
            if State.registry or start is None:
                raise
    return Path(str(resource("defaults/process.yaml"))).parent


def _warn_if_expired(reg: Any) -> None:
    """Past process.yaml's `valid_until`, a warning on stderr; the exit code is unchanged."""
    # Lazy: `sobreg --help` need not load what reads the date and renders the warning.
    from sobreg.audit.actor import today
    from sobreg.cli.report import expired_warning

    try:
        process = reg.process
    except Exception:  # process.yaml's own problems are in the result already
        return
    if process.valid_until is not None and today() > process.valid_until:
        echo(expired_warning(process), err=True)
