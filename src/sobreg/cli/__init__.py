"""cli: the Typer application, one module per command group: parse options, call operations,
render results and errors as messages. The only package that prints; may import everything below.
"""

from __future__ import annotations

import atexit
import gc
import os
import sys
import threading

from sobreg.i18n import language_from_argv, resolve_language, set_language

# A command is a short process that allocates much (modules, parsed files, a loaded cache) and
# leaves almost nothing in reference cycles: with the collector's default (a pass every 700 new
# objects) it walked the same young objects again and again, ~0.03 s of a cold `validate` and
# ~0.01 s of pre-commit's check, to collect a few hundred objects. A pass every 100,000 still
# bounds what cycles hold (validating 10,000 invalid files: 87 MB at most, 85 MB with the
# default, 139 MB with no collector). Inherited by the worker processes.
GC_THRESHOLD = (100_000, 20, 10)
# pydantic looks for plugins (hooks that observe every validation) among the entry points of every
# installed distribution when it builds its first validator: ~7 ms of a cold `validate` in a full
# environment. What sobreg accepts does not depend on what else is installed beside it, so none
# is loaded unless the environment already says which to leave out.
PYDANTIC_PLUGINS_OFF = ("PYDANTIC_DISABLE_PLUGINS", "__all__")


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if argv is None:
        gc.set_threshold(*GC_THRESHOLD)
        os.environ.setdefault(*PYDANTIC_PLUGINS_OFF)
    set_language(resolve_language(language_from_argv(args)))
    # Lazy: the options' help texts are read from the catalogue when the command modules load,
    # so the language is set before they are imported.
    from sobreg.cli.app import run

    code = run(args)
    if argv is None:
        end_process(code)
    sys.exit(code)


def end_process(code: int) -> None:
    """End the command's process with `code`, leaving its objects (a 10,000-entry cache,
    pydantic's validators, every module) to the operating system: freeing them one by one while
    the interpreter shuts down cost a cold `validate` ~15 ms, and the collector's passes over
    them 30-40 ms more. Everything that ends at exit still does, in the interpreter's order: the
    exit handlers run (temporary folders, child processes), then the output is flushed. With
    another thread still running, or output that cannot be flushed (a closed pipe), the
    interpreter ends the process as usual and says what it says then."""
    gc.freeze()
    if threading.active_count() > 1:
        return
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    os._exit(code)
