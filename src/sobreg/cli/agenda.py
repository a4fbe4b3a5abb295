"""`sobreg agenda`: what awaits one coordination council, for its members to read before the
meeting (text, md, html or json)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from sobreg.cli.common import (
    JsonOpt,
    LangOpt,
    RegistryOpt,
    SkipOpt,
    apply,
    command_help,
    current_registry,
    date_option,
    echo,
    echo_json,
)
from sobreg.cli.report import OutOpt, output_path, write_output
from sobreg.errors import EXIT_OK, UsageError
from sobreg.i18n import t

FORMATS = ("text", "md", "html", "json")


def agenda(
    council: Annotated[
        str, typer.Option("--council", metavar=t("metavar.council"), help=t("opt.council"))
    ],
    fmt: Annotated[
        str, typer.Option("--format", metavar="text|md|html|json", help=t("opt.format"))
    ] = "text",
    on: Annotated[str | None, typer.Option("--on", metavar="DATE", help=t("opt.on"))] = None,
    output: OutOpt = None,
    as_json: JsonOpt = False,
    skip_invalid: SkipOpt = False,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
) -> int:
    # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
    from sobreg.audit.actor import today
    from sobreg.reporting.agenda import agenda as agenda_of
    from sobreg.reporting.answers import cached_answer

    apply(lang, registry)
    fmt = "json" if as_json else fmt
    if fmt not in FORMATS:
        raise UsageError("report.format", format=fmt, formats=", ".join(FORMATS))
    name = " ".join(council.split())
    if not name:
        raise UsageError("agenda.no_council")
    day = date_option(on) or today()
    reg, _ = current_registry(skip_invalid=skip_invalid)
    target = output_path(output, reg) if output else None
    rows = cached_answer(
        reg, "agenda", (name.casefold(), day.isoformat()),
        lambda items: agenda_of(reg.process, items, name, day),
    )  # fmt: skip
    for row in rows:
        row["brief"] = _brief(reg, row)
    if fmt == "json":
        for row in rows:
            row["summary"] = "; ".join(f"{label}: {value}" for label, value in row.pop("brief"))
        echo_json(rows)
        return EXIT_OK
    text = _render(reg, fmt, name, day, rows)
    if target is None:
        typer.echo(text, nl=False)
    else:
        write_output(target, text)
        echo(t("report.written", path=str(target)), err=True)
    return EXIT_OK


def _brief(reg: Any, row: dict[str, Any]) -> list[tuple[str, str]]:
    """A row's summary with each field's title: the few items on an agenda are read whole."""
    # Lazy: titles come from the models, loaded only when there is something to show.
    from sobreg.engine.titles import short_title
    from sobreg.i18n import local
    from sobreg.reporting.agenda import brief

    item_type = "nomination" if str(row["id"]).startswith("N-") else "program"
    life = reg.process.life
    labels = (
        {f"follow_up.{f.key}": local(f.label.model_dump()) for f in life.follow_up} if life else {}
    )
    found = []
    for path, value in brief(row, reg.load_data(str(row["id"]))):
        label = labels.get(path) or short_title(item_type, path)
        found.append((label, value))
    return found


def _render(reg: Any, fmt: str, council: str, day: Any, rows: list[dict[str, Any]]) -> str:
    # Lazy: Jinja is loaded only to render.
    from sobreg.reporting.templates import environment, publisher_of

    env = environment(reg.root)
    name = {"text": "report/agenda.txt.j2", "md": "report/agenda.md.j2"}.get(
        fmt, "report/agenda.html.j2"
    )
    return str(env.get_template(name).render(rows=rows, council=council, on=day,
                                             publisher=publisher_of(reg.process)))  # fmt: skip


def register(app: typer.Typer) -> None:
    app.command("agenda", help=command_help("agenda"))(agenda)
