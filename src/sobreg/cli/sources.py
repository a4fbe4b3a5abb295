"""`sobreg sources fetch`: other regions' and the nation's registries, read-only."""

from __future__ import annotations

from typing import Annotated

import typer

from sobreg.cli.common import (
    JsonOpt,
    LangOpt,
    RegistryOpt,
    apply,
    command_help,
    current_registry,
    echo,
    echo_json,
)
from sobreg.cli.errors import SobregGroup
from sobreg.errors import EXIT_OK, EXIT_REFUSED
from sobreg.i18n import t


def age(fetched_at: str | None) -> str:
    """How old a source's data is, as a reader says it: "hämtad 2026-11-20 (4 dagar sedan)"."""
    if not fetched_at:
        return t("sources.never")
    # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
    import datetime as dt

    from sobreg.audit.actor import today

    day = dt.datetime.fromisoformat(fetched_at).date()
    days = (today() - day).days
    if days < 0:  # fetched after the day SOBREG_TODAY names: its date says enough
        return t("sources.fetched_on", date=day.isoformat())
    return t("sources.age", date=day.isoformat(), days=days) if days else t("sources.today")


def fetch(
    accept_rewrite: Annotated[
        list[str] | None,
        typer.Option("--accept-rewrite", metavar=t("metavar.source"), help=t("opt.accept_rewrite")),
    ] = None,
    as_json: JsonOpt = False,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
) -> int:
    # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
    from sobreg.cli.errors import issue_line
    from sobreg.operations.sources import fetch as run

    apply(lang, registry)
    reg, _ = current_registry()
    reports = run(reg, tuple(accept_rewrite or ()))
    failed = any(not r.fetched.ok for r in reports)
    if as_json:
        echo_json({"sources": [r.as_json() for r in reports]})
        return EXIT_REFUSED if failed else EXIT_OK
    for report in reports:
        got = report.fetched
        head = f"{got.name} ({report.label})"
        if got.ok:
            changed = got.changed
            if got.previous is None:
                what = t("sources.first", items=report.items)
            elif got.previous == got.commit:
                what = t("sources.unchanged", items=report.items)
            else:
                what = t("sources.changed", added=changed.get("added", 0),
                         modified=changed.get("modified", 0),
                         deleted=changed.get("deleted", 0), items=report.items)  # fmt: skip
            if got.previous is not None and got.last_fetched_at:
                what += "; " + t("sources.last", age=age(got.last_fetched_at))
            echo(f"✓ {head}: {what}")
        elif got.rewritten:
            echo(f"✗ {head}: {t('sources.rewritten', name=got.name)}", err=True)
            echo(f"  {t('sources.kept', age=age(got.fetched_at))}", err=True)
        else:
            echo(f"✗ {head}: {t('sources.failed', error=got.error or '')}", err=True)
            echo(f"  {t('sources.kept', age=age(got.fetched_at))}", err=True)
        if report.refused:
            echo(f"  {t('sources.refused', count=len(report.refused))}", err=True)
            for issue in report.refused[:20]:
                echo(f"    {issue_line(issue)}", err=True)
    return EXIT_REFUSED if failed else EXIT_OK


def register(app: typer.Typer) -> None:
    group = typer.Typer(cls=SobregGroup, help=command_help("sources"), no_args_is_help=True,
                        rich_markup_mode=None)  # fmt: skip
    app.add_typer(group, name="sources")

    group.command("fetch", help=command_help("sources.fetch"))(fetch)
