"""The `sobreg` command line: thin wrappers over the library, one error handler for all."""

from __future__ import annotations

import sys

from sobreg.cli.app import run


def main(argv: list[str] | None = None) -> None:
    sys.exit(run(sys.argv[1:] if argv is None else argv))
