"""The use cases of a program's life after step j: `release`, `adopt`, `follow-up`. Each one
transaction: read, decide (engine.life), record an entry in the program's own trail, validate,
seal, commit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sobreg.audit import repo as audit
from sobreg.audit.actor import today
from sobreg.audit.transaction import commit_files, writing
from sobreg.engine import life as rules
from sobreg.engine.process import acting_role, entry
from sobreg.errors import Issue, RefusedError
from sobreg.i18n import t
from sobreg.models.life import Life
from sobreg.operations.advance import context, held_roles, seal_entries, validated
from sobreg.store import editing, yamlio
from sobreg.store.registry import Registry

Change = Callable[[Life, dict[str, Any], Any], str]  # (rules, plain data, document) -> note


@dataclass
class Recorded:
    id: str
    commit: str
    details: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "commit": self.commit, **self.details}


def _record(
    registry: Registry, program_id: str, actor: str, action: str, change: Change,
    subject: Callable[[str], str],
) -> str:  # fmt: skip
    """Apply `change` to an in-use program and commit it with an entry of `action`."""
    with writing(registry, registry.item_path(program_id)) as git:
        path, original, doc = registry.load_roundtrip(program_id)
        data = yamlio.to_plain(doc)
        life = rules.rules(registry.process)
        rules.require_in_use(life, data)
        note = change(life, data, doc)
        step, status = data.get("step"), str(data.get("status"))
        ctx = context(registry, actor, None)
        recorded = entry(ctx, action, step, step, status, note=note)
        recorded["role"] = acting_role(registry.process, recorded, held_roles(registry, actor))
        editing.apply_transition(doc, step, status, [recorded])
        seal_entries(doc, 1)
        validated(registry, path, doc)
        message = audit.message(subject(note), program_id, action, step, step)
        new_text = yamlio.like(original, yamlio.dump_roundtrip(doc))
        return commit_files(git, {path: new_text}, message, actor)


def _list(doc: Any, key: str) -> Any:
    if not isinstance(doc.get(key), list):
        editing.put(doc, key, [])
    return doc[key]


def release(
    registry: Registry, program_id: str, actor: str, version: str, change: str, summary: str,
    day: dt.date | None,
) -> Recorded:  # fmt: skip
    """Record a version of an in-use program; a significant change also sets
    `significant_version`, which sends the program to a new national review."""
    when = day or today()
    required: list[str] = []

    def apply(life: Life, data: dict[str, Any], doc: Any) -> str:
        rules.check_date(data, when, today(), "versions.date")
        record = rules.new_version(life, data, version, change, summary, when, actor)
        _list(doc, "versions").append(editing.document(record))
        rule = life.changes[change]
        if rule.national_review:
            editing.put(doc, "significant_version", version)
        required.extend(m.field for m in rules.pending(life, yamlio.to_plain(doc)))
        return f"{version} ({change})"

    sha = _record(registry, program_id, actor, "release", apply,
                  lambda note: t("commit.release", id=program_id, version=note))  # fmt: skip
    return Recorded(program_id, sha, {"version": version, "change": change, "requires": required})


def adopt(
    registry: Registry, program_id: str, actor: str, unit: str, day: dt.date | None, ended: bool
) -> Recorded:
    """Record that a care unit starts (or with `ended`, stops) using an in-use program."""
    when = day or today()

    def apply(life: Life, data: dict[str, Any], doc: Any) -> str:
        rules.check_date(data, when, today(), "units.ended" if ended else "units.since")
        units, changed = rules.adopt(data, unit, when, ended)
        if changed is None:
            _list(doc, "units").append(editing.document(units[-1]))
        else:
            doc["units"][changed]["ended"] = when
        return " ".join(unit.split())

    def subject(note: str) -> str:
        if ended:
            return t("commit.adopt_ended", id=program_id, unit=note)
        return t("commit.adopt", id=program_id, unit=note)

    sha = _record(registry, program_id, actor, "adopt", apply, subject)
    name = " ".join(unit.split())
    details: dict[str, Any] = {"unit": name}
    details["ended" if ended else "since"] = when.isoformat()
    return Recorded(program_id, sha, details)


def follow_up(
    registry: Registry, program_id: str, actor: str, year: int, values: dict[str, Any],
    source: str,
) -> Recorded:  # fmt: skip
    """Record a year's follow-up of an in-use program, checked against process.yaml."""

    def apply(life: Life, data: dict[str, Any], doc: Any) -> str:
        record = {"year": year, **{k: v for k, v in values.items() if k != "year"}}
        rules.check_year(data, year)
        problems = rules.follow_up_problems(life, record, today().year)
        if problems:
            issues = [Issue(source, 1, 1, f, key, params) for f, key, params in problems]
            raise RefusedError("follow_up.invalid", path=source, issues=issues)
        if rules.follow_up_of(data, year) is not None:
            raise RefusedError("follow_up.exists", id=program_id, year=year)
        _list(doc, "follow_up").append(editing.document(record))
        return str(year)

    sha = _record(registry, program_id, actor, "follow-up", apply,
                  lambda note: t("commit.follow_up", id=program_id, year=note))  # fmt: skip
    return Recorded(program_id, sha, {"year": year})
