"""Build the Typer application; help texts come from the catalogue in the chosen language."""

from __future__ import annotations

import importlib
import sys

import typer

from sobreg import __version__
from sobreg.cli.common import ActorOpt, LangOpt, RegistryOpt, State, apply, command_help
from sobreg.cli.errors import SobregGroup, handled
from sobreg.cli.typerwords import is_usage_error
from sobreg.cli.typerwords import render as render_usage_error
from sobreg.errors import EXIT_INTERRUPTED, EXIT_USAGE
from sobreg.i18n import catalogue_has, language_from_argv, resolve_language, set_language, t

# Each command group's module, in the order `--help` lists them, and the commands it registers
# (tests/cli/test_app.py compares this with what the modules register).
MODULES = {
    "init": ("init",),
    "validate": ("validate", "schema"),
    "nominate": ("nominate", "search"),
    "items": ("list", "show"),
    "workflow": ("check", "set", "advance", "withdraw"),
    "life": ("release", "adopt", "follow-up"),
    "report": ("report", "status"),
    "agenda": ("agenda",),
    "evaluation": ("assess", "due", "publish"),
    "auditing": ("log", "verify", "repair"),
    "sync": ("sync",),
    "sources": ("sources",),
}
COMMANDS = {command: module for module, names in MODULES.items() for command in names}
_VALUED = ("--registry", "--as", "--lang")  # the root options that take a value


def command_named(argv: list[str]) -> str | None:
    """The command `argv` runs, when it names one of sobreg's; None for help, a version, a typo."""
    values = False
    for arg in argv:
        if values:
            values = False
        elif arg in _VALUED:
            values = True
        elif arg == "--":
            return None
        elif not arg.startswith("-"):
            return arg if arg in COMMANDS else None
    return None


def build_app(argv: list[str] | None = None) -> typer.Typer:
    """The application with the command `argv` runs, or with every command (help, an unknown
    name). Typer reads every registered command's signature and builds its parameters on each
    run, ~0.03 s for all of them; a command needs only its own."""
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

    named = command_named(argv or [])
    for module in [COMMANDS[named]] if named else MODULES:
        importlib.import_module(f"sobreg.cli.{module}").register(app)
    short_helps(app)
    return app


def short_helps(app: typer.Typer, prefix: str = "") -> None:
    """Each command's line in a list of commands (`short.NAME`), short enough for 80 columns:
    click would otherwise cut its help's first sentence with "…"."""
    for info in app.registered_commands:
        key = f"short.{prefix}{info.name}"
        if info.short_help is None and info.name and catalogue_has(key):
            info.short_help = t(key)
    for group in app.registered_groups:
        key = f"short.{prefix}{group.name}"
        if group.typer_instance is not None and group.name:
            if catalogue_has(key):
                group.short_help = group.typer_instance.info.short_help = t(key)
            short_helps(group.typer_instance, f"{prefix}{group.name}.")


def run(argv: list[str]) -> int:
    set_language(resolve_language(language_from_argv(argv)))
    app = build_app(argv)
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
