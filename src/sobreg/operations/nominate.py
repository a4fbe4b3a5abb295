"""A new nomination: the form's fields checked, the next free id taken, the file written, committed.

The id is allocated under the registry lock, from the files present at that moment, so processes
started at the same time on one checkout get consecutive ids and one commit each.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sobreg.audit import repo as audit
from sobreg.audit.actor import today
from sobreg.audit.transaction import commit_files, writing
from sobreg.errors import RefusedError
from sobreg.i18n import t
from sobreg.models import Nomination, ProcessDefinition
from sobreg.models.ids import is_nomination_id, nomination_id, nomination_seq
from sobreg.models.nomination import FORM_FIELDS
from sobreg.operations.advance import seal_entries, validated
from sobreg.store import editing
from sobreg.store.registry import Registry
from sobreg.validation.nominationform import model_issues


@dataclass
class Created:
    id: str
    path: Path
    commit: str


def check_fields(
    process: ProcessDefinition, fields: dict[str, Any], source: str, text: str | None = None
) -> None:
    """Refuse keys the nomination form does not hold and values the model refuses, each placed
    in `source` (whose `text` gives the positions)."""
    unknown = [str(k) for k in fields if k not in FORM_FIELDS]
    if unknown:
        raise RefusedError(
            "nominate.unknown_fields",
            path=source,
            fields=", ".join(unknown[:10]),
            allowed=", ".join(FORM_FIELDS),
        )
    if not fields.get("title"):
        raise RefusedError("nominate.title_missing", path=source)
    issues = model_issues(process, fields, source, text)
    if issues:
        raise RefusedError("nominate.invalid", path=source, issues=issues)


def next_id(registry: Registry, year: int) -> str:
    """The next free `N-YYYY-NNN` of `year` (after the highest one present)."""
    highest = 0
    for path in registry.item_files("nomination"):
        if is_nomination_id(path.stem):
            item_year, seq = nomination_seq(path.stem)
            if item_year == year:
                highest = max(highest, seq)
    return nomination_id(year, highest + 1)


def _document(
    registry: Registry, item_id: str, fields: dict[str, Any], actor: str
) -> dict[str, Any]:
    rules = registry.process.rules("nomination")
    day = today()
    data: dict[str, Any] = {"id": item_id, "created": day}
    values = {**fields, "step": rules.first_step, "status": rules.initial_status}
    for name in Nomination.model_fields:  # the model's order, so every file reads alike
        if name in values:
            data[name] = values[name]
    entry = {
        "at": day,
        "action": "nominate",
        "from": None,
        "to": rules.first_step,
        "status": rules.initial_status,
        "actor": actor,
        "role": rules.creator_role,
        "process_version": registry.process.version,
    }
    data["history"] = [{k: v for k, v in entry.items() if v is not None}]
    return data


def create(registry: Registry, fields: dict[str, Any], actor: str) -> Created:
    """Write `nominations/<next id>.yaml` at the first step and commit it alone."""

    # Callers with a file check first, to place the errors in it.
    check_fields(registry.process, fields, "-")
    with writing(registry) as git:
        item_id = next_id(registry, today().year)
        path = registry.item_path(item_id)
        nomination = editing.Edited(editing.document(_document(registry, item_id, fields, actor)))
        seal_entries(nomination, 1)
        validated(registry, path, nomination.doc, nomination.data, "nomination")
        text = editing.dump_new(nomination.doc, registry.schema_ref("nomination"))
        subject = t(
            "commit.nominate", id=item_id, title=" ".join(str(fields.get("title", "")).split())[:80]
        )
        rules = registry.process.rules("nomination")
        msg = audit.message(subject, item_id, "nominate", None, rules.first_step)
        sha = commit_files(git, {path: text}, msg, actor)
        return Created(item_id, path, sha)
