"""The one place where failures become messages and exit codes (docs/architecture.md)."""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperGroup

from sobreg.cli.coercion import lighten
from sobreg.cli.typerwords import SobregContext
from sobreg.errors import EXIT_ENVIRONMENT, EXIT_INTERRUPTED, Issue, SobregError
from sobreg.i18n import said, t
from sobreg.store.names import printable


def render(error: SobregError) -> str:
    text = said(error.key, error.params)
    params = error.params
    if "path" in params and "line" in params:
        text = f"{params['path']}:{params['line']}:{params.get('col', 1)}: {text}"
    elif "path" in params and (error.key.startswith("yaml.") or str(params["path"]) not in text):
        text = f"{params['path']}: {text}"
    lines = [f"{t('error.prefix')}: {text}"]
    lines += [f"  {issue_line(issue)}" for issue in error.issues]
    lines += [f"  {t(key, **values)}" for key, values in error.notes]
    missing = params.get("missing")
    if isinstance(missing, list):
        # Lazy: field titles come from the models, which `sobreg --help` must not load.
        from sobreg.cli.checklist import missing_lines

        lines += missing_lines(str(params.get("id") or ""), missing)
    return "\n".join(lines)


def issue_line(issue: Issue) -> str:
    """`path:line:col: field: message`, the one shape of a problem in a file."""
    head = f"{issue.path}:{issue.line}:{issue.col}:"
    text = said(issue.key, issue.params)
    return f"{head} {issue.field}: {text}" if issue.field else f"{head} {text}"


def crash_log(exc: BaseException) -> Path:
    folder = Path(os.environ.get("SOBREG_LOG_DIR") or Path(tempfile.gettempdir()) / "sobreg")
    # Lazy: only a crash writes a log.
    from sobreg.store.files import make_folder, write_text

    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
    path = make_folder(folder) / f"crash-{stamp}-{os.getpid()}.log"
    write_text(
        path, f"sobreg {' '.join(sys.argv[1:])}\n" + "".join(traceback.format_exception(exc))
    )
    return path


def handled(call: Callable[[], Any]) -> int:
    """Run a command body: its return value, or the exit code of what it raised."""
    try:
        result = call()
        return result if isinstance(result, int) else 0
    except SobregError as exc:
        sys.stderr.write(printable(render(exc)) + "\n")
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write(t("error.interrupted") + "\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return 0
    except (typer.Exit, typer.Abort):
        raise
    except Exception as exc:
        if callable(getattr(exc, "show", None)) and isinstance(
            getattr(exc, "exit_code", None), int
        ):
            raise  # the vendored click's own: `app.run` says it (usage errors in our words)
        log = crash_log(exc)
        sys.stderr.write(t("error.unexpected", kind=type(exc).__name__, log=log) + "\n")
        return EXIT_ENVIRONMENT


class SobregGroup(TyperGroup):
    """The root group: every command's result or error becomes its exit code here, so Typer's
    CliRunner sees the same codes as a user at a terminal. It and its commands format their help
    through the catalogue (`usage.SobregContext`)."""

    context_class = SobregContext

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            command.context_class = SobregContext
            lighten(command, ctx)
        return command

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        lighten(self, ctx)
        return super().parse_args(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        code = handled(lambda: super(SobregGroup, self).invoke(ctx))
        if code:
            raise typer.Exit(code)
        return 0
