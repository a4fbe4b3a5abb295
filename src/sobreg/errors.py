"""The one error type of sobreg and its exit codes (docs/architecture.md, exit codes).

Errors carry a message key and parameters, not text: the CLI renders them in the user's language
through the catalogue, so library code stays free of wording and printing.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2
EXIT_ENVIRONMENT = 3
EXIT_INTERRUPTED = 130


@dataclass
class Issue:
    """One problem in a file: where it is, and a message key with parameters (the CLI renders
    it in the user's language as `path:line:col: field: message`)."""

    path: str
    line: int
    col: int
    field: str
    key: str
    params: dict[str, Any] = dc_field(default_factory=dict)


class SobregError(Exception):
    """An expected failure: rendered as one line, mapped to an exit code."""

    exit_code = EXIT_REFUSED

    def __init__(
        self,
        key: str,
        /,
        *,
        issues: list[Issue] | None = None,
        notes: list[tuple[str, dict[str, Any]]] | None = None,
        **params: Any,
    ) -> None:
        super().__init__(key)
        self.key = key
        self.params = params
        # Data shown under the message: problems in files, and further lines as message keys.
        self.issues = issues or []
        self.notes = notes or []

    def __str__(self) -> str:
        return f"{self.key} {self.params}" if self.params else self.key


class RefusedError(SobregError):
    """Invalid data, missing fields, illegal transition, unknown id: nothing was written."""

    exit_code = EXIT_REFUSED


class UsageError(SobregError):
    """A bad option or argument."""

    exit_code = EXIT_USAGE


class EnvironmentFailure(SobregError):
    """No registry, not a git repository, lock held, git failed."""

    exit_code = EXIT_ENVIRONMENT


class YamlProblem(RefusedError):
    """A file that cannot be read as a registry document; line and col are 1-based."""

    def __init__(self, key: str, /, *, path: str, line: int = 1, col: int = 1, **params: Any):
        super().__init__(key, path=path, line=line, col=col, **params)
        self.path = path
        self.line = line
        self.col = col
