"""`sobreg init`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sobreg.cli.common import ActorOpt, LangOpt, State, apply, command_help, echo
from sobreg.errors import EXIT_OK
from sobreg.i18n import t
from sobreg.store.files import make_folder


def init(
    folder: Annotated[Path, typer.Argument(metavar=t("metavar.dir_optional"))] = Path("."),
    actor: ActorOpt = None,
    lang: LangOpt = None,
) -> int:
    # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
    from sobreg.audit.actor import resolve_actor
    from sobreg.operations.init import init as do_init

    apply(lang, actor=actor)
    make_folder(folder)
    who = resolve_actor(State.actor, folder)
    registry, sha = do_init(folder, who)
    echo(t("init.done", path=str(registry), commit=sha[:10]))
    return EXIT_OK


def register(app: typer.Typer) -> None:
    app.command("init", help=command_help("init"))(init)
