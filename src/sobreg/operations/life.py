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
from sobreg.store.registry import Item, Registry

Change = Callable[[Life, editing.Edited], str]  # (rules, the program being edited) -> note


@dataclass
class Recorded:
    id: str
    commit: str
    details: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "commit": self.commit, **self.details}


def _record(
    registry: Registry, program: Item, actor: str, action: str, change: Change,
    subject: Callable[[str], str],
) -> str:  # fmt: skip
    """Apply `change` to an in-use program and commit it with an entry of `action`."""
    path = program.path
    with writing(registry, path) as git:
        original, doc = registry.load_roundtrip(program)
        edited = editing.Edited(doc)  # the one conversion of the document to data
        data = edited.data
        life = rules.rules(registry.process)
        rules.require_in_use(life, data)
        note = change(life, edited)
        step, status = data.get("step"), str(data.get("status"))
        ctx = context(registry, actor, None)
        recorded = entry(ctx, action, step, step, status, note=note)
        recorded["role"] = acting_role(registry.process, recorded, held_roles(registry, actor))
        edited.apply_transition(step, status, [recorded])
        seal_entries(edited, 1)
        validated(registry, path, doc, data, "program")
        message = audit.message(subject(note), program.id, action, step, step)
        new_text = yamlio.like(original, yamlio.dump_roundtrip(doc))
        return commit_files(git, {path: new_text}, message, actor)


def release(
    registry: Registry, program: Item | str, actor: str, version: str, change: str, summary: str,
    day: dt.date | None,
) -> Recorded:  # fmt: skip
    """Record a version of an in-use program; a significant change also sets
    `significant_version`, which sends the program to a new national review."""
    item = registry.item(program)
    program_id = item.id
    when = day or today()
    required: list[str] = []

    def apply(life: Life, edited: editing.Edited) -> str:
        rules.check_date(edited.data, when, today(), "versions.date")
        record = rules.new_version(life, edited.data, version, change, summary, when, actor)
        edited.append("versions", record)
        rule = life.changes[change]
        if rule.national_review:
            edited.put("significant_version", version)
        required.extend(m.field for m in rules.pending(life, edited.data))
        return f"{version} ({change})"

    sha = _record(registry, item, actor, "release", apply,
                  lambda note: t("commit.release", id=program_id, version=note))  # fmt: skip
    return Recorded(program_id, sha, {"version": version, "change": change, "requires": required})


def adopt(
    registry: Registry, program: Item | str, actor: str, unit: str, day: dt.date | None, ended: bool
) -> Recorded:
    """Record that a care unit starts (or with `ended`, stops) using an in-use program."""
    item = registry.item(program)
    program_id = item.id
    when = day or today()

    def apply(life: Life, edited: editing.Edited) -> str:
        rules.check_date(edited.data, when, today(), "units.ended" if ended else "units.since")
        units, changed = rules.adopt(edited.data, unit, when, ended)
        if changed is None:
            edited.append("units", units[-1])
        else:
            edited.set_in(["units", changed, "ended"], when)
        return " ".join(unit.split())

    def subject(note: str) -> str:
        if ended:
            return t("commit.adopt_ended", id=program_id, unit=note)
        return t("commit.adopt", id=program_id, unit=note)

    sha = _record(registry, item, actor, "adopt", apply, subject)
    name = " ".join(unit.split())
    details: dict[str, Any] = {"unit": name}
    details["ended" if ended else "since"] = when.isoformat()
    return Recorded(program_id, sha, details)


def follow_up(
    registry: Registry, program: Item | str, actor: str, year: int, values: dict[str, Any],
    source: str,
) -> Recorded:  # fmt: skip
    """Record a year's follow-up of an in-use program, checked against process.yaml."""
    item = registry.item(program)
    program_id = item.id

    def apply(life: Life, edited: editing.Edited) -> str:
        data = edited.data
        record = {"year": year, **{k: v for k, v in values.items() if k != "year"}}
        rules.check_year(data, year)
        problems = rules.follow_up_problems(life, record, today().year)
        if problems:
            issues = [Issue(source, 1, 1, f, key, params) for f, key, params in problems]
            raise RefusedError("follow_up.invalid", path=source, issues=issues)
        if rules.follow_up_of(data, year) is not None:
            raise RefusedError("follow_up.exists", id=program_id, year=year)
        edited.append("follow_up", record)
        return str(year)

    sha = _record(registry, item, actor, "follow-up", apply,
                  lambda note: t("commit.follow_up", id=program_id, year=note))  # fmt: skip
    return Recorded(program_id, sha, {"year": year})
