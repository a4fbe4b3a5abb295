"""cli: the Typer application, one module per command group: parse options, call operations,
render results and errors as messages. The only package that prints; may import everything below.
"""

from __future__ import annotations

import gc
import sys

from sobreg.i18n import language_from_argv, resolve_language, set_language

# A command is a short process that allocates much (modules, parsed files, a loaded cache) and
# leaves almost nothing in reference cycles: with the collector's default (a pass every 700 new
# objects) it walked the same young objects again and again, ~0.03 s of a cold `validate` and
# ~0.01 s of pre-commit's check, to collect a few hundred objects. A pass every 100,000 still
# bounds what cycles hold (validating 10,000 invalid files: 87 MB at most, 85 MB with the
# default, 139 MB with no collector). Inherited by the worker processes.
GC_THRESHOLD = (100_000, 20, 10)


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if argv is None:
        gc.set_threshold(*GC_THRESHOLD)
    set_language(resolve_language(language_from_argv(args)))
    # Lazy: the options' help texts are read from the catalogue when the command modules load,
    # so the language is set before they are imported.
    from sobreg.cli.app import run

    code = run(args)
    if argv is None:
        # The process ends here. Its objects (a 10,000-entry cache, pydantic's validators) are
        # left to the operating system: the collector's passes over them while the interpreter
        # shuts down cost 30-40 ms a command. Files are closed and atexit still runs.
        gc.freeze()
    sys.exit(code)
