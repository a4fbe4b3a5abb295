"""Option values converted without pydantic, for the plain types sobreg's commands take.

Typer 0.29 converts every option value through a pydantic `TypeAdapter` that it builds per
parameter at parse time. For a command answered from the cache that was the largest single cost:
importing pydantic and building the adapters took ~0.07 s of a 0.28 s warm `validate`. Strings,
paths, whole numbers and enum choices need none of it. A value the plain conversion is not sure of
(a number with a sign or spaces, one out of range, a word that is not a choice) goes to Typer's own
conversion, so every error message and every odd case is still Typer's; `tests/cli/test_coercion.py`
compares the two on every parameter of every command.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

from typer._coercion import RuntimeParam, build_runtime_param

_DIGITS = frozenset("0123456789")


class _Unsure(Exception):
    """The plain conversion does not decide this value: Typer's does."""


def _plain_str(value: Any) -> str:
    if not isinstance(value, str):
        raise _Unsure
    return value


def _plain_bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _Unsure  # "yes", "0" and the like: Typer's rules
    return value


def _plain_path(value: Any) -> Path:
    if not isinstance(value, str) or not value or "\x00" in value:
        raise _Unsure  # pydantic refuses a NUL in a path
    return Path(value)


def _converter(annotation: Any, info: Any) -> Any:
    """The plain conversion of one value for `annotation`, or None when Typer's is needed."""
    if info.parser is not None or info.path_type is not None or info.clamp:
        return None
    if annotation is str:
        return _plain_str
    if annotation is bool:
        return _plain_bool
    if annotation is Path:
        path_options = (info.exists, info.resolve_path, info.allow_dash, info.readable is False)
        if any(path_options) or info.file_okay is False or info.dir_okay is False:
            return None
        return _plain_path
    if annotation is int:
        low, high = info.min, info.max

        def plain_int(value: Any) -> int:
            if value.__class__ is int:
                number = value  # a default, given as a number (`--limit`'s 20)
            elif isinstance(value, str) and value and _DIGITS.issuperset(value):
                number = int(value)
            else:
                raise _Unsure
            if (low is not None and number < low) or (high is not None and number > high):
                raise _Unsure  # Typer's message says the range
            return number

        return plain_int
    if isinstance(annotation, type) and issubclass(annotation, Enum) and info.case_sensitive:
        members = {str(member.value): member for member in annotation}

        def plain_choice(value: Any) -> Any:
            if not isinstance(value, str) or value not in members:
                raise _Unsure
            return members[value]

        return plain_choice
    return None


@dataclass(frozen=True)
class PlainRuntimeParam(RuntimeParam):
    """Typer's runtime conversion contract, met without pydantic where the type is plain."""

    convert: Any = None
    many: bool = False
    descriptor: Any = None

    def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
        try:
            if self.many:
                if not isinstance(value, (list, tuple)):
                    raise _Unsure
                return [self.convert(item) for item in value]
            return self.convert(value)
        except _Unsure:
            typer_own = build_runtime_param(self.descriptor)
            return typer_own._coerce_value(value, param=param, ctx=ctx)


def plain_runtime(param: Any) -> PlainRuntimeParam | None:
    """A plain conversion for a Typer parameter, or None when only Typer's own will do."""
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None or descriptor.file_annotation is not None:
        return None
    annotation, info = descriptor.annotation, descriptor.parameter_info
    many = get_origin(annotation) is list
    if many:
        (annotation,) = get_args(annotation)
    convert = _converter(annotation, info)
    if convert is None:
        return None
    return PlainRuntimeParam(
        parameter_info=info,
        annotation=descriptor.annotation,
        convert=convert,
        many=many,
        descriptor=descriptor,
    )


def lighten(command: Any, ctx: Any) -> None:
    """Give `command`'s parameters (its help option too) the plain conversion where it applies,
    before it parses its arguments."""
    for param in command.get_params(ctx):
        if getattr(param, "_runtime_param", True) is None:
            plain = plain_runtime(param)
            if plain is not None:
                param._runtime_param = plain
