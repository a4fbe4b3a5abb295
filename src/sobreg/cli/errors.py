"""The one place where failures become messages and exit codes (DESIGN.md §5)."""

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

from sobreg.errors import EXIT_ENVIRONMENT, EXIT_INTERRUPTED, EXIT_USAGE, SobregError
from sobreg.i18n import resolve_language, set_language, t


def _language_from_argv(argv: list[str]) -> str | None:
    # The language must be known before the app is built: help texts come from the catalogue.
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def render(error: SobregError) -> str:
    text = t(error.key, **error.params)
    params = error.params
    if "path" in params and "line" in params:
        text = f"{params['path']}:{params['line']}:{params.get('col', 1)}: {text}"
    elif "path" in params and error.key.startswith("yaml."):
        text = f"{params['path']}: {text}"
    lines = [f"{t('error.prefix')}: {text}", *error.details]
    missing = params.get("missing")
    if isinstance(missing, list):
        lines += _missing_lines(str(params.get("id") or ""), missing)
    return "\n".join(lines)


def _missing_lines(item_id: str, missing: list[object]) -> list[str]:
    from sobreg.cli.workflow import _expected
    from sobreg.engine.titles import title
    from sobreg.models.ids import is_nomination_id

    item_type = "nomination" if is_nomination_id(item_id) else "program"
    return [f"  ✗ {m.field}: {title(item_type, m.field)}{_expected(m)}" for m in missing]  # type: ignore[attr-defined]


def crash_log(exc: BaseException) -> Path:
    folder = Path(os.environ.get("SOBREG_LOG_DIR") or Path(tempfile.gettempdir()) / "sobreg")
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
    path = folder / f"crash-{stamp}-{os.getpid()}.log"
    with path.open("w", encoding="utf-8") as handle:
        handle.write(f"sobreg {' '.join(sys.argv[1:])}\n")
        handle.write("".join(traceback.format_exception(exc)))
    return path


def handled(call: Callable[[], Any]) -> int:
    """Run a command body: its return value, or the exit code of what it raised."""
    try:
        result = call()
        return result if isinstance(result, int) else 0
    except SobregError as exc:
        sys.stderr.write(render(exc) + "\n")
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
            raise  # a usage error of the vendored click: it reports itself
        log = crash_log(exc)
        sys.stderr.write(t("error.unexpected", kind=type(exc).__name__, log=log) + "\n")
        return EXIT_ENVIRONMENT


class SobregGroup(TyperGroup):
    """The root group: every command's result or error becomes its exit code here, so Typer's
    CliRunner sees the same codes as a user at a terminal."""

    def invoke(self, ctx: Any) -> Any:
        code = handled(lambda: super(SobregGroup, self).invoke(ctx))
        if code:
            raise typer.Exit(code)
        return 0


def run(argv: list[str]) -> int:
    set_language(resolve_language(_language_from_argv(argv)))
    from sobreg.cli.app import build_app

    app = build_app()
    try:
        code = handled(lambda: app(args=argv, prog_name="sobreg", standalone_mode=False))
    except typer.Exit as exc:
        return int(exc.exit_code)
    except typer.Abort:
        sys.stderr.write(t("error.interrupted") + "\n")
        return EXIT_INTERRUPTED
    except Exception as exc:
        exc.show()  # type: ignore[attr-defined]
        return int(exc.exit_code) or EXIT_USAGE  # type: ignore[attr-defined]
    return code
