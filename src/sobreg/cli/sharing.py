"""`sobreg sync`: work through a shared remote."""

from __future__ import annotations

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
from sobreg.errors import EXIT_OK
from sobreg.i18n import t


def register(app: typer.Typer) -> None:
    @app.command("sync", help=command_help("sync"))
    def sync(
        as_json: JsonOpt = False,
        registry: RegistryOpt = None,
        actor: ActorOpt = None,
        lang: LangOpt = None,
    ) -> int:
        # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
        from sobreg.operations.sync import run

        apply(lang, registry, actor)
        reg, who = current_registry(writes=True)
        result = run(reg, who)
        if as_json:
            echo_json(result.as_json())
            return EXIT_OK
        for moved in result.renumbered:
            echo(t("sync.renumbered", old=moved["from"], new=moved["to"]))
        echo(t("sync.done", pulled=result.pulled, pushed=result.pushed))
        return EXIT_OK
