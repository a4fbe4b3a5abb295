"""A pydantic error as issues placed in the file: each at its key or value, unknown fields with
the nearest names the model has, closed sets with the value closest to what was written."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from sobreg.errors import Issue
from sobreg.i18n import catalogue_has, nearest
from sobreg.models.patterns import as_sobreg_error, message_key
from sobreg.store import yamlio

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError


def pydantic_issues(
    shown: str, text: str | None, exc: ValidationError, doc: Any = None,
    model: type[BaseModel] | None = None,
) -> list[Issue]:  # fmt: skip
    """Issues from a pydantic error, each placed at its key or value in the file (in `doc`, the
    round-trip document, when given; else parsed from `text`); with `model`, the file's model,
    an unknown field names the nearest ones it has."""
    if doc is None and text is not None:
        try:
            doc = yamlio.load_roundtrip(text, shown)
        except yamlio.YamlProblem:
            doc = None
    issues = []
    for err in map(as_sobreg_error, exc.errors(include_url=False)):
        loc = [p for p in err["loc"] if not isinstance(p, str) or not p.startswith("function-")]
        # Union branches add type names to the location; keep only keys and indexes that exist.
        loc = [p for p in loc if isinstance(p, int) or not p[:1].isupper()]
        # An unknown field is its key that is wrong, not its value.
        at_key = err["type"] == "extra_forbidden"
        line, col = yamlio.position(doc, loc, at_key) if doc is not None else (1, 1)
        ctx: dict[str, Any] = {k: _short(v) for k, v in (err.get("ctx") or {}).items()}
        if err["type"] in ("enum", "literal_error") and "expected" in ctx:
            # "'stod' or 'behandling'": a list, said in the reader's language when rendered,
            # and the value closest to what was written.
            ctx["expected"] = re.findall(r"'[^']*'", ctx["expected"]) or ctx["expected"]
            if isinstance(ctx["expected"], list) and isinstance(err.get("input"), str):
                values = [v.strip("'") for v in ctx["expected"]]
                ctx["near"] = nearest(err["input"], values, limit=1)
        if at_key and model is not None and loc:
            ctx["near"] = nearest(str(loc[-1]), _names_at(model, loc[:-1]), limit=2)
        issues.append(
            Issue(
                path=shown,
                line=line,
                col=col,
                field=".".join(str(p) for p in loc),
                key=_key(err["type"], str(loc[-1]) if loc else ""),
                params={"msg": err["msg"], **ctx},
            )
        )
    return issues


def _names_at(model: type[BaseModel], loc: list[Any]) -> list[str]:
    """The field names of the mapping at `loc` in a document of `model`."""
    # Lazy: only an unknown field needs the models' field tree, and a warm `validate` none.
    from sobreg.engine.titles import model_in

    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part) if current is not None else None
        current = model_in(info.annotation) if info is not None else None
        if current is None:
            return []
    return [info.alias or name for name, info in current.model_fields.items()]


def _short(value: Any) -> str:
    return str(value)[:200]


def _key(error_type: str, name: str) -> str:
    # A pydantic error the catalogue has no words for is said in general terms, never as its key.
    key = f"pyd.{message_key(error_type, name)}"
    return key if catalogue_has(key) else "pyd.other"
