"""Build the Typer application; help texts come from the catalogue in the chosen language."""

from __future__ import annotations

import sys

import typer

from sobreg import __version__
from sobreg.cli import (
    evaluation,
    items,
    life,
    nominate,
    report,
    setup,
    sharing,
    sources,
    trail,
    validate,
    workflow,
)
from sobreg.cli.common import ActorOpt, LangOpt, RegistryOpt, State, apply, command_help
from sobreg.cli.errors import SobregGroup, handled
from sobreg.cli.usage import is_usage_error
from sobreg.cli.usage import render as render_usage_error
from sobreg.errors import EXIT_INTERRUPTED, EXIT_USAGE
from sobreg.i18n import language_from_argv, resolve_language, set_language, t


def build_app() -> typer.Typer:
    State.reset()
    app = typer.Typer(
        name="sobreg",
        cls=SobregGroup,
        help=command_help("app"),
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

    for module in (
        setup, validate, nominate, items, workflow, life, report, evaluation, trail, sharing,
        sources,
    ):  # fmt: skip
        module.register(app)
    return app


def run(argv: list[str]) -> int:
    set_language(resolve_language(language_from_argv(argv)))
    app = build_app()
    try:
        code = handled(lambda: app(args=argv, prog_name="sobreg", standalone_mode=False))
    except typer.Exit as exc:
        return int(exc.exit_code)
    except typer.Abort:
        sys.stderr.write(t("error.interrupted") + "\n")
        return EXIT_INTERRUPTED
    except Exception as exc:
        if is_usage_error(exc):
            sys.stderr.write(render_usage_error(exc) + "\n")
        else:
            exc.show()  # type: ignore[attr-defined]
        return int(exc.exit_code) or EXIT_USAGE  # type: ignore[attr-defined]
    return code
