"""The actions behind `set`, `advance` and `withdraw`: read, change, validate, write, commit.

Each runs under the registry lock from reading to committing, validates every file it would write
before writing any, and makes exactly one commit; when refused it writes nothing.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sobreg.audit import repo as audit
from sobreg.audit.actor import today
from sobreg.audit.transaction import commit_files, writing
from sobreg.engine import answers, chain, dates, settled
from sobreg.engine.process import (
    Context,
    Transition,
    acting_role,
    entry,
    get_path,
    own_role,
    plan_advance,
    plan_move,
    plan_withdraw,
)
from sobreg.engine.programs import new_program
from sobreg.engine.titles import short_title
from sobreg.errors import Issue, RefusedError
from sobreg.i18n import local, t
from sobreg.models.layout import model_for
from sobreg.store import editing, yamlio
from sobreg.store.registry import Item, Registry
from sobreg.validation.check import check_document


@dataclass
class Outcome:
    id: str
    commit: str | None
    from_step: str | None = None
    to_step: str | None = None
    status: str | None = None
    program: str | None = None
    entries: list[dict[str, Any]] = field(default_factory=list)


def validated(
    registry: Registry, path: Path, doc: Any, data: Any = None, kind: str | None = None
) -> None:
    """Refuse the would-be content of an item file (its document in memory), with every problem
    in it; `data` and `kind`: the document as plain data and the item's type, when known."""
    issues = check_document(registry, path, doc, data, kind)
    if issues:
        raise RefusedError("write.invalid", path=registry.rel(path), issues=issues)


def seal_entries(item: editing.Edited, count: int) -> None:
    """Seal the last `count` history entries of an item into the chain (engine.chain), from its
    data as they now are."""
    sealed = chain.seal(item.data, count)
    for form in (item.doc, item.data):
        for recorded, (state, digest) in zip(form["history"][-count:], sealed, strict=True):
            recorded["state"] = state
            recorded["digest"] = digest


def _apply_values(
    registry: Registry,
    item: Item,
    edited: editing.Edited,
    assignments: list[tuple[str, Any]],
    merged: dict[str, Any] | None,
) -> dict[str, Any]:
    """Apply the sets and merges to the item being edited; then the item's name follows the
    field process.yaml names for it (a program takes its production name), and dates recorded
    now are checked. Returns the item's data as they were before."""
    kind, path = item.type, item.path
    if assignments or merged:
        # As the form takes an answer (ja/nej, a label), and a wrong key or value named at the
        # option that gave it, before anything is written.
        model = model_for(kind)
        typed_values = []
        for key, value in assignments:
            value = answers.typed(kind, key, value, model)
            answers.check_scalar(kind, key, value)
            typed_values.append((key, value))
        assignments = typed_values
    # What the item was, kept only when something changes it (a copy, not a conversion).
    old = copy.deepcopy(edited.data) if assignments or merged else edited.data
    if merged:
        edited.merge(merged)
    for key, value in assignments:
        edited.set_path(key, value)
    rules = registry.process.items.get(kind) if kind in ("nomination", "program") else None  # type: ignore[call-overload]
    new = edited.data
    named = get_path(new, rules.name_from) if rules and rules.name_from else None
    if isinstance(named, str) and named.strip() and new.get("name") != named:
        if old is new:
            old = copy.deepcopy(new)
        edited.put("name", named)
    wrong = dates.problems(old, new, today())
    if wrong:
        issues = []
        for field, key, params in wrong:
            line, col = yamlio.position(
                edited.doc, [int(p) if p.isdigit() else p for p in field.split(".")]
            )
            issues.append(Issue(registry.rel(path), line, col, field, key, params))
        raise RefusedError("write.invalid", path=registry.rel(path), issues=issues)
    return old


def set_fields(
    registry: Registry,
    item: Item | str,
    assignments: list[tuple[str, Any]],
    merged: dict[str, Any] | None,
    actor: str,
    reason: str | None = None,
) -> Outcome:
    """Set fields and commit. A settled record (of a step already left, a closed item's
    decision, `created`) changes only with a reason, recorded as an `amend` entry naming the
    fields: the same rule `verify` applies (`engine.settled`)."""
    process = registry.process
    item = registry.item(item)
    item_id, kind = item.id, item.type
    with writing(registry, item.path) as git:
        path = item.path
        text, doc = registry.load_roundtrip(item)
        keys = [k for k, _ in assignments] + _leaf_paths(merged or {})
        _refuse_derived(registry, item_id, kind, keys)
        edited = editing.Edited(doc)  # the one conversion of the document to data
        old = _apply_values(registry, item, edited, assignments, merged)
        new = edited.data
        validated(registry, path, doc, new, kind)
        if new == old:  # the same values again: nothing to record (the data decide, not layout)
            return Outcome(item_id, None)
        touched = settled.touched(process, kind, old, new)
        if touched and not (reason and reason.strip()):
            raise RefusedError("set.reason_required", id=item_id, fields=sorted(touched),
                               steps=_steps_named(touched))  # fmt: skip
        # The change is an event of the item's own trail too: who set which fields, sealed.
        step, status = doc.get("step"), str(doc.get("status"))
        ctx = context(registry, actor, None)
        action = "amend" if touched else "set"
        if touched:
            recorded = entry(ctx, "amend", step, step, status, reason=reason)
            recorded["fields"] = keys
        else:
            recorded = entry(ctx, "set", step, step, status, note=", ".join(keys)[:500])
        recorded["role"] = acting_role(process, recorded, held_roles(registry, actor))
        edited.apply_transition(step, status, [recorded])
        seal_entries(edited, 1)
        new_text = yamlio.like(text, yamlio.dump_roundtrip(doc))
        subject = t(f"commit.{action}", id=item_id, keys=", ".join(keys)[:120])
        msg = audit.message(subject, item_id, action, doc.get("step"), doc.get("step"))
        sha = commit_files(git, {path: new_text}, msg, actor)
        return Outcome(item_id, sha, doc.get("step"), doc.get("step"), doc.get("status"))


def _leaf_paths(data: dict[str, Any], prefix: str = "") -> list[str]:
    """The dotted paths a `--from-file` mapping sets (its leaves; a list is one value)."""
    found = []
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            found += _leaf_paths(value, f"{path}.")
        else:
            found.append(path)
    return found


def _refuse_derived(registry: Registry, item_id: str, kind: str | None, keys: list[str]) -> None:
    """A field that follows from another (a program's `name` from `production.name`) is never
    set itself: the value would not be the one stored."""
    rules = registry.process.items.get(kind) if kind in ("nomination", "program") else None  # type: ignore[call-overload]
    source = rules.name_from if rules else None
    if source and any(k == "name" or k.startswith("name.") for k in keys):
        raise RefusedError("set.derived", id=item_id, field="name", source=source)


def _refuse_settled_changes(
    registry: Registry, item: Item, before: Any, after: Any, to: str | None
) -> None:
    """An advance records the current step; a settled record changes only with `set --reason`
    (or in a reopening, which unsettles the steps it goes back over)."""
    process = registry.process
    step = before.get("step") if isinstance(before, dict) else None
    reopening = to and step and process.has_step(to) and process.has_step(step)
    if reopening and process.index(str(to)) < process.index(str(step)):
        return
    touched = settled.touched(process, item.type, before, after)
    if touched:
        raise RefusedError("advance.settled", id=item.id, fields=sorted(touched),
                           steps=_steps_named(touched))  # fmt: skip


def _steps_named(touched: dict[str, str]) -> list[str]:
    return sorted({step or t("step.created") for step in touched.values()})


def context(registry: Registry, actor: str, note: str | None = None) -> Context:
    """Who acts and when, under the process in force (its version goes into every entry)."""
    return Context(actor=actor, today=today(), note=note, exists=registry.exists,
                   process_version=registry.process.version)  # fmt: skip


def held_roles(registry: Registry, actor: str) -> list[str] | None:
    """The roles `actor` holds by roles.yaml, or None when the registry keeps no roles file."""
    roles = registry.roles
    return None if roles is None else roles.roles_of(actor)


def _subject(
    registry: Registry, transition: Transition, program: str | None, data: dict[str, Any]
) -> str:
    process = registry.process
    step = local(process.step(transition.step).name.model_dump()) if transition.step else ""
    key = f"commit.{transition.action}"
    subject = t(
        key,
        id=transition.item_id,
        src=transition.from_step or "-",
        dst=transition.step or "-",
        name=step,
        status=t(f"status.{transition.status}"),
        program=program or "",
    ) + (t("commit.program_created", program=program) if program else "")
    # A recommended part left undone shows in `log` as such, with its reason.
    for hist in transition.entries:
        for part in hist.get("not_done") or []:
            reason = str(get_path(data, f"{part}.reason_not_done") or "")
            shown = reason if len(reason) <= 80 else reason[:79] + "…"
            subject += t("commit.not_done", part=short_title("program", part), reason=shown)
    return subject


def move(
    registry: Registry,
    item: Item | str,
    actor: str,
    *,
    assignments: list[tuple[str, Any]] | None = None,
    merged: dict[str, Any] | None = None,
    to: str | None = None,
    reason: str | None = None,
    note: str | None = None,
    withdraw: bool = False,
) -> Outcome:
    """Advance (or move with `to`, or withdraw) an item in one commit."""
    process = registry.process
    item = registry.item(item)
    item_id = item.id
    with writing(registry, item.path) as git:
        path = item.path
        text, doc = registry.load_roundtrip(item)
        edited = editing.Edited(doc)  # the one conversion of the document to data
        before = _apply_values(registry, item, edited, assignments or [], merged)
        data = edited.data
        _refuse_settled_changes(registry, item, before, data, to)
        # Validated once, in memory: what the engine adds below (step, status, history entries)
        # is built from this valid item by the process rules.
        validated(registry, path, doc, data, item.type)
        ctx = context(registry, actor, note)
        if withdraw:
            transition = plan_withdraw(process, data, reason or "", ctx)
        elif to:
            transition = plan_move(process, data, to, reason or "", ctx)
        else:
            transition = plan_advance(process, data, ctx)
        held = held_roles(registry, actor)
        if held is not None and withdraw and (own := own_role(process, data, actor)):
            held = [*held, own]
        for hist in transition.entries:
            hist["role"] = acting_role(process, hist, held)
        # What the transition is planned from, before it changes the data.
        planned_from = copy.deepcopy(data) if transition.create_program is not None else data
        edited.apply_transition(transition.step, transition.status, transition.entries)
        files: dict[Path, str] = {}
        program_id = None
        if transition.create_program is not None:
            program_id, program_path, program_text = _create_program(
                registry, planned_from, transition, ctx
            )
            edited.put("program", program_id)
            files[program_path] = program_text
        seal_entries(edited, len(transition.entries))
        files = {path: yamlio.like(text, yamlio.dump_roundtrip(doc)), **files}
        subject = _subject(registry, transition, program_id, data)
        msg = audit.message(
            subject, item_id, transition.action, transition.from_step, transition.step
        )
        sha = commit_files(git, files, msg, actor)
        return Outcome(
            item_id,
            sha,
            transition.from_step,
            transition.step,
            transition.status,
            program_id,
            transition.entries,
        )


def _create_program(
    registry: Registry, nomination: dict[str, Any], transition: Transition, ctx: Context
) -> tuple[str, Path, str]:
    rule = transition.create_program
    assert rule is not None
    created = {
        "at": ctx.today,
        "action": "create",
        "from": None,
        "to": rule.step,
        "status": rule.status,
        "actor": ctx.actor,
        "role": transition.entries[-1].get("role"),
        "note": nomination["id"],
        "process_version": ctx.process_version,
    }
    data = new_program(nomination, rule, created, ctx.today)
    program_id = data["id"]
    path = registry.item_path(program_id)
    if path.exists():
        raise RefusedError("advance.program_exists", program=program_id)
    program = editing.Edited(editing.document(data))
    seal_entries(program, 1)
    validated(registry, path, program.doc, program.data, "program")
    text = editing.dump_new(program.doc, registry.schema_ref("program"))
    return program_id, path, text
