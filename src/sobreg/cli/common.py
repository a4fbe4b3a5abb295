"""Options shared by the commands and the helpers that print their results."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sobreg.store.registry import Item

import datetime as dt
import os
import sys
from typing import Annotated, Any

import typer

from sobreg.errors import UsageError
from sobreg.i18n import resolve_language, set_language, t
from sobreg.store.names import printable

RegistryOpt = Annotated[
    str | None,
    typer.Option(
        "--registry", metavar=t("metavar.dir"), help=t("opt.registry"), show_default=False
    ),
]
ActorOpt = Annotated[
    str | None, typer.Option("--as", metavar="EMAIL", help=t("opt.actor"), show_default=False)
]
LangOpt = Annotated[
    str | None, typer.Option("--lang", metavar="sv|en", help=t("opt.lang"), show_default=False)
]
JsonOpt = Annotated[bool, typer.Option("--json", help=t("opt.json"))]
SkipOpt = Annotated[bool, typer.Option("--skip-invalid", help=t("opt.skip_invalid"))]


class State:
    """Options of the root callback: `sobreg --registry X cmd` equals `sobreg cmd --registry X`."""

    registry: str | None = None
    actor: str | None = None

    @classmethod
    def reset(cls) -> None:
        cls.registry = None
        cls.actor = None


def apply(lang: str | None = None, registry: str | None = None, actor: str | None = None) -> None:
    if lang:
        set_language(resolve_language(lang))
    if registry:
        State.registry = registry
    if actor:
        State.actor = actor


def echo_json(value: Any) -> None:
    # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
    from sobreg.reporting.render import as_json

    text = as_json(value)
    try:
        text.encode("utf-8")  # no stray bytes anywhere: nothing for _shown_tree to escape
    except UnicodeEncodeError:
        text = as_json(_shown_tree(value))
    sys.stdout.write(text)


def _shown_tree(value: Any) -> Any:
    """Every string of a JSON value as `printable` gives it (JSON has no room for stray bytes)."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {_shown_tree(k): _shown_tree(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_shown_tree(v) for v in value]
    return value


def echo(text: str = "", err: bool = False) -> None:
    typer.echo(printable(text), err=err)


def echo_lines(lines: list[str]) -> None:
    """Many lines in one write: `echo` flushes every line, which costs more than the work
    behind a long listing."""
    if lines:
        echo("\n".join(lines))


def console(stderr: bool = False) -> Any:
    # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def is_terminal(stderr: bool = False) -> bool:
    """Whether rich would draw on this stream. Asked without building a Console (importing rich
    costs a piped listing ~12 ms) unless the stream is a terminal or the environment may force
    one: rich's own answer is False for a stream that is not a tty when neither is set."""
    stream = sys.stderr if stderr else sys.stdout
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        tty = False
    if not tty and not any(name in os.environ for name in _FORCING):
        return False
    return bool(console(stderr).is_terminal)


_FORCING = ("TTY_COMPATIBLE", "FORCE_COLOR", "FORCE_TERMINAL")


def table(headers: list[str], rows: list[list[str]], title: str | None = None) -> None:
    """A rich table on a terminal, tab-separated lines when piped; cell text is never markup."""
    if is_terminal():
        out = console()
        # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
        from rich.table import Table
        from rich.text import Text

        grid = Table(*headers, title=Text(title) if title else None)
        for row in rows:
            grid.add_row(*(Text(printable(cell)) for cell in row))
        out.print(grid)
        return
    lines = ["\t".join(headers)]
    lines += ["\t".join(cell.replace("\t", " ").replace("\n", " ") for cell in row) for row in rows]
    echo_lines(lines)


class ProgressBar:
    """A rich progress bar on a terminal's stderr for long work, nothing when piped; used as the
    `progress(done, total)` callback of the library."""

    SHOW_FROM = 500

    def __init__(self, label: str) -> None:
        self.label = label
        self.bar: Any = None
        self.task: Any = None
        # The console drawn on: built when there is enough work to show and stderr is a terminal
        # (building it imports rich, which a piped or warm command does not need).
        self.out: Any = None
        self.piped = False

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if total < self.SHOW_FROM or self.piped:
                return
            if self.out is None:
                self.piped = not is_terminal(stderr=True)
                if self.piped:
                    return
                self.out = console(stderr=True)
            if not self.out.is_terminal:
                return
            # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
            from rich.progress import Progress

            self.bar = Progress(console=self.out, transient=True)
            self.bar.start()
            self.task = self.bar.add_task(self.label, total=total)
        self.bar.update(self.task, completed=done)

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def yes_no(value: bool | None) -> str:
    if value is None:
        return "–"
    return t("word.yes") if value else t("word.no")


def open_item(
    item_id: str,
    lang: str | None,
    registry: str | None,
    actor: str | None = None,
    writes: bool = False,
) -> tuple[Any, Item, str]:
    """The preamble of every command on one item: options applied, id checked before any path is
    built from it, registry found, and (for writes) the actor resolved.

    Returns the registry, the item (`store.registry.Item`: id, type, file; passed down to the
    operation) and the actor ("" for read-only commands).
    """
    # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
    from sobreg.models.ids import item_type_of

    apply(lang, registry, actor)
    # An id that is none is a usage error, before any registry is looked for.
    kind = item_type_of(item_id)
    reg, who = current_registry(writes)
    return reg, reg.item(item_id, kind), who


def current_registry(writes: bool = False, skip_invalid: bool = False) -> tuple[Any, str]:
    """The registry the options and environment name, and for a write the actor (else "").
    Called after a command's own usage checks, so a usage error is reported before exit 3.
    `skip_invalid`: a whole-registry answer leaves out files it cannot read instead of refusing."""
    # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
    from sobreg.audit.actor import resolve_actor
    from sobreg.store.registry import open_registry

    reg = open_registry(State.registry)
    reg.skip_invalid = skip_invalid
    if writes:
        # What the person saw when they gave the command: a write that then waits for the lock
        # while a sync renumbers its item is refused instead of landing on another's item.
        # Lazy, as above.
        from sobreg.audit.repo import Git

        reg.seen_head = os.environ.get("SOBREG_SEEN_HEAD") or Git(reg.root).head()
    return reg, resolve_actor(State.actor, reg.root) if writes else ""


def command_help(name: str) -> str:
    """A command's `--help`: its text and, when the catalogue has one, an example."""
    text = t(f"help.{name}")
    example = t(f"help.{name}.example")
    if example == f"help.{name}.example":
        return text
    # "\b" keeps click from re-flowing the example; a long one is given on lines of its own,
    # joined as a shell joins them (a trailing backslash), so it fits 80 columns.
    lines = "\n".join(f"  {line}" for line in example.splitlines())
    return f"{text}\n\n\b\n{t('help.example_label')}\n{lines}"


def date_option(value: str | None) -> dt.date | None:
    """A `--date`/`--on` value as a date; a usage error (exit 2) when it is not one."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError("date.invalid", value=value[:40]) from None
