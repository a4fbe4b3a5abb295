"""`sobreg release`, `sobreg adopt` and `sobreg follow-up`: a program's life after step j."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from sobreg.cli.common import (
    ActorOpt,
    JsonOpt,
    LangOpt,
    RegistryOpt,
    command_help,
    date_option,
    echo,
    echo_json,
    open_item,
)
from sobreg.cli.workflow import read_mapping
from sobreg.errors import EXIT_OK, UsageError
from sobreg.i18n import t

DateOpt = Annotated[
    str | None, typer.Option("--date", metavar=t("metavar.date"), help=t("opt.event_date"))
]


def _program(
    item_id: str, lang: str | None, registry: str | None, actor: str | None
) -> tuple[Any, Any, str]:
    reg, item, who = open_item(item_id, lang, registry, actor, writes=True)
    if item.type != "program":
        raise UsageError("life.not_program", id=item_id)
    return reg, item, who


def release(
    item_id: Annotated[str, typer.Argument(metavar="ID")],
    version: Annotated[str, typer.Option("--version", metavar="V", help=t("opt.version_v"))],
    change: Annotated[
        str, typer.Option("--change", metavar="minor|significant", help=t("opt.change"))
    ],
    summary: Annotated[
        str, typer.Option("--summary", metavar=t("metavar.text"), help=t("opt.summary"))
    ],
    date: DateOpt = None,
    as_json: JsonOpt = False,
    registry: RegistryOpt = None,
    actor: ActorOpt = None,
    lang: LangOpt = None,
) -> int:
    # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
    from sobreg.operations.life import release as record

    reg, item, who = _program(item_id, lang, registry, actor)
    done = record(reg, item, who, version, change, summary, date_option(date))
    if as_json:
        echo_json(done.as_json())
        return EXIT_OK
    echo(t("release.done", id=item_id, version=version, commit=done.commit[:10]))
    for field in done.details["requires"]:
        echo(f"  ✗ {field}")
    if done.details["requires"]:
        echo(t("release.requires", id=item_id))
    return EXIT_OK


def adopt(
    item_id: Annotated[str, typer.Argument(metavar="ID")],
    unit: Annotated[str, typer.Option("--unit", metavar=t("metavar.name"), help=t("opt.unit"))],
    date: DateOpt = None,
    ended: Annotated[bool, typer.Option("--ended", help=t("opt.ended"))] = False,
    as_json: JsonOpt = False,
    registry: RegistryOpt = None,
    actor: ActorOpt = None,
    lang: LangOpt = None,
) -> int:
    # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
    from sobreg.operations.life import adopt as record

    reg, item, who = _program(item_id, lang, registry, actor)
    done = record(reg, item, who, unit, date_option(date), ended)
    if as_json:
        echo_json(done.as_json())
        return EXIT_OK
    key = "adopt.ended" if ended else "adopt.done"
    echo(t(key, id=item_id, unit=done.details["unit"], commit=done.commit[:10]))
    return EXIT_OK


def follow_up(
    item_id: Annotated[str, typer.Argument(metavar="ID")],
    year: Annotated[
        int, typer.Option("--year", metavar=t("metavar.year"), help=t("opt.follow_up_year"))
    ],
    from_file: Annotated[
        Path, typer.Option("--from-file", metavar=t("metavar.f"), help=t("opt.follow_up_file"))
    ],
    as_json: JsonOpt = False,
    registry: RegistryOpt = None,
    actor: ActorOpt = None,
    lang: LangOpt = None,
) -> int:
    # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
    from sobreg.operations.life import follow_up as record

    reg, item, who = _program(item_id, lang, registry, actor)
    done = record(reg, item, who, year, read_mapping(from_file), str(from_file))
    if as_json:
        echo_json(done.as_json())
        return EXIT_OK
    echo(t("follow_up.done", id=item_id, year=year, commit=done.commit[:10]))
    return EXIT_OK


def register(app: typer.Typer) -> None:
    app.command("release", help=command_help("release"))(release)
    app.command("adopt", help=command_help("adopt"))(adopt)
    app.command("follow-up", help=command_help("follow_up"))(follow_up)
