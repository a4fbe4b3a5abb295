"""Build the Typer application; help texts come from the catalogue in the chosen language."""

from __future__ import annotations

import typer

from sobreg import __version__
from sobreg.cli import (
    evaluation,
    items,
    nominate,
    report,
    setup,
    sharing,
    trail,
    validate,
    workflow,
)
from sobreg.cli.common import ActorOpt, LangOpt, RegistryOpt, State, apply
from sobreg.cli.errors import SobregGroup
from sobreg.i18n import t


def build_app() -> typer.Typer:
    State.reset()
    app = typer.Typer(
        name="sobreg",
        cls=SobregGroup,
        help=t("help.app"),
        no_args_is_help=True,
        add_completion=False,
        # Local variables in tracebacks could show personal data from the registry.
        pretty_exceptions_enable=False,
        pretty_exceptions_show_locals=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    def show_version(value: bool) -> None:
        if value:
            typer.echo(f"sobreg {__version__}")
            raise typer.Exit(0)

    @app.callback()
    def root(
        registry: RegistryOpt = None,
        actor: ActorOpt = None,
        lang: LangOpt = None,
        version: bool = typer.Option(
            False, "--version", callback=show_version, is_eager=True, help=t("opt.version")
        ),
    ) -> None:
        apply(lang, registry, actor)

    for module in (setup, validate, nominate, items, workflow, report, evaluation, trail, sharing):
        module.register(app)
    return app
