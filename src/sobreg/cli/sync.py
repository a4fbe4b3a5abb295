"""`sobreg sync`: work through a shared remote."""

from __future__ import annotations

from typing import Annotated

import typer

from sobreg.cli.common import (
    ActorOpt,
    JsonOpt,
    LangOpt,
    RegistryOpt,
    apply,
    command_help,
    current_registry,
    echo,
    echo_json,
)
from sobreg.errors import EXIT_OK, UsageError
from sobreg.i18n import t


def sync(
    go_on: Annotated[bool, typer.Option("--continue", help=t("opt.sync_continue"))] = False,
    abort: Annotated[bool, typer.Option("--abort", help=t("opt.sync_abort"))] = False,
    as_json: JsonOpt = False,
    registry: RegistryOpt = None,
    actor: ActorOpt = None,
    lang: LangOpt = None,
) -> int:
    # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
    from sobreg.operations import sync as syncing

    apply(lang, registry, actor)
    if go_on and abort:
        raise UsageError("sync.continue_or_abort")
    reg, who = current_registry(writes=True)
    if abort:
        syncing.abort(reg)
        if as_json:
            echo_json({"pulled": 0, "pushed": 0, "renumbered": []})
        else:
            echo(t("sync.aborted"))
        return EXIT_OK
    result = syncing.resume(reg, who) if go_on else syncing.run(reg, who)
    if as_json:
        echo_json(result.as_json())
        return EXIT_OK
    for moved in result.renumbered:
        echo(t("sync.renumbered", old=moved["from"], new=moved["to"]))
    echo(t("sync.done", pulled=result.pulled, pushed=result.pushed))
    return EXIT_OK


def register(app: typer.Typer) -> None:
    app.command("sync", help=command_help("sync"))(sync)
