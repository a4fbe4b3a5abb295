"""The process engine: what is missing, which step is next, what a transition appends.

Pure functions over the process definition and an item's plain data; no I/O. The command layer
reads and writes files; this module decides. Everything it knows about steps a–k comes from
`process.yaml`, so a changed process changes behaviour without a code change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sobreg.errors import RefusedError, UsageError
from sobreg.i18n import nearest

if TYPE_CHECKING:  # annotations only: warm commands answered from the cache never load pydantic
    from sobreg.models.process import (
        Condition,
        CreateProgram,
        ProcessDefinition,
        Requirement,
        Step,
    )

Exists = Callable[[str], bool]


def get_path(data: Any, dotted: str) -> Any:
    node = data
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def holds(data: Any, condition: Condition | None) -> bool:
    """Every path in `condition` has the given value (or one of the listed values); a list of
    conditions holds when any of them does."""
    if isinstance(condition, list):
        return any(holds(data, one) for one in condition)
    for path, expected in (condition or {}).items():
        value = get_path(data, path)
        if isinstance(expected, list):
            if value not in expected:
                return False
        elif value != expected:
            return False
    return True


def _absent(value: Any, req: Requirement) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list):
        return len(value) < req.min_items
    return False


@dataclass
class Missing:
    field: str
    equals: Any = None
    exists: str | None = None
    # The recommended part this field belongs to: it may instead be recorded as not done.
    part: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"field": self.field, "equals": self.equals, "exists": self.exists}


def not_done(data: Any, req: Requirement) -> bool:
    """A recommended part recorded as not done (`done: false`)."""
    part = get_path(data, req.field)
    return req.recommended and isinstance(part, dict) and part.get("done") is False


def unmet(
    data: Any, requirements: list[Requirement], exists: Exists | None = None
) -> list[Missing]:
    """The requirements that apply to `data` and are not met. A recommended part is met when it
    is done with its own fields, or not done with a reason."""
    found = []
    for req in requirements:
        if not holds(data, req.when):
            continue
        if req.recommended:
            found += _unmet_part(data, req, exists)
            continue
        value = get_path(data, req.field)
        if _absent(value, req):
            found.append(Missing(req.field, req.equals, req.exists))
        elif req.equals is not None and value != req.equals:
            found.append(Missing(req.field, req.equals))
        elif (
            req.exists
            and exists is not None
            and isinstance(value, str)
            and ":" not in value  # another registry's SOURCE:ID is not looked up here
            and not exists(value)
        ):
            found.append(Missing(req.field, exists=req.exists))
    return found


def _unmet_part(data: Any, req: Requirement, exists: Exists | None) -> list[Missing]:
    part = get_path(data, req.field)
    if not_done(data, req):
        reason = part.get("reason_not_done") if isinstance(part, dict) else None
        if isinstance(reason, str) and reason.strip():
            return []
        return [Missing(f"{req.field}.reason_not_done", part=req.field)]
    inner = unmet(part if isinstance(part, dict) else {}, req.requires, exists)
    return [Missing(f"{req.field}.{m.field}", m.equals, m.exists, req.field) for m in inner]


def recommendations(process: ProcessDefinition, data: Any, step_id: str) -> list[dict[str, Any]]:
    """The recommended parts of a step that apply to `data`: each done, not done (with its
    reason) or not yet recorded."""
    found = []
    for req in process.step(step_id).requires:
        if not req.recommended or not holds(data, req.when):
            continue
        part = get_path(data, req.field)
        if not_done(data, req):
            state, reason = "not_done", part.get("reason_not_done")
        elif isinstance(part, dict) and not unmet(part, req.requires):
            state, reason = "done", None
        else:
            state, reason = "open", None
        found.append({"part": req.field, "state": state, "reason": reason})
    return found


def recommended_parts(process: ProcessDefinition, item_type: str) -> list[str]:
    """The dotted paths of every recommended part of the steps of `item_type`."""
    return [
        req.field for step in process.steps_of(item_type) for req in step.requires
        if req.recommended
    ]  # fmt: skip


def parts_not_done(step: Step, data: Any) -> list[str]:
    """The recommended parts of `step` that `data` records as not done."""
    return [
        req.field
        for req in step.requires
        if req.recommended and holds(data, req.when) and not_done(data, req)
    ]


def missing(process: ProcessDefinition, data: Any, exists: Exists | None = None) -> list[Missing]:
    """What must still be recorded before the item can leave its current step."""
    step_id = data.get("step")
    if not step_id or not process.has_step(step_id):
        return []
    return unmet(data, process.step(step_id).requires, exists)


def applicable_after(process: ProcessDefinition, data: Any, step_id: str) -> Step | None:
    """The next step of the same item that applies to `data` (d only when referred to PPR)."""
    current = process.step(step_id)
    for step in process.steps[process.index(step_id) + 1 :]:
        if step.item != current.item:
            return None
        if step.only_when is not None and not holds(data, step.only_when):
            continue
        return step
    return None


@dataclass
class Transition:
    """What an advance, a move or a withdrawal does to an item."""

    item_id: str
    from_step: str | None
    step: str | None
    status: str
    entries: list[dict[str, Any]] = field(default_factory=list)
    create_program: CreateProgram | None = None

    @property
    def action(self) -> str:
        return str(self.entries[-1]["action"]) if self.entries else "advance"


@dataclass
class Context:
    """Who acts and when; filled in by the caller."""

    actor: str
    today: dt.date
    role: str | None = None
    note: str | None = None
    exists: Exists | None = None
    # The version of process.yaml in force, recorded in every entry made.
    process_version: str | None = None


def entry(
    ctx: Context,
    action: str,
    from_step: str | None,
    to_step: str | None,
    status: str,
    reason: str | None = None,
    note: str | None = None,
) -> dict[str, Any]:
    """A history entry with the keys in the order people read them."""
    return {
        "at": ctx.today,
        "action": action,
        "from": from_step,
        "to": to_step,
        "status": status,
        "actor": ctx.actor,
        "role": ctx.role,
        "reason": reason,
        "note": note,
        "process_version": ctx.process_version,
    }


def _item_type(process: ProcessDefinition, data: Any) -> str:
    return process.step(data["step"]).item


def _require_open(process: ProcessDefinition, data: Any) -> None:
    step = data.get("step")
    if not step or not process.has_step(step):
        raise RefusedError("process.not_in_process", id=data.get("id"))
    rules = process.rules(_item_type(process, data))
    if data.get("status") not in rules.open_statuses:
        raise RefusedError("process.closed", id=data.get("id"), status=data.get("status"))


def _enter(
    process: ProcessDefinition, data: Any, step: Step, status: str, exists: Exists | None
) -> tuple[str, str | None]:
    """The status and action of entering `step`, refusing when its entry conditions fail."""
    if step.enter is None:
        return status, None
    if status not in step.enter.from_statuses:
        raise RefusedError(
            "process.enter_status",
            step=step.id,
            status=status,
            allowed=", ".join(step.enter.from_statuses),
        )
    lacking = unmet(data, step.enter.requires, exists)
    if lacking:
        raise RefusedError(
            "process.missing_enter", step=step.id, missing=lacking, id=data.get("id")
        )
    return step.enter.status, step.enter.action


def _outcome(
    process: ProcessDefinition, data: Any, step: Step, ctx: Context, entries: list[dict[str, Any]]
) -> Transition | None:
    for outcome in step.outcomes:
        if holds(data, outcome.when):
            entries.append(
                entry(ctx, outcome.action, step.id, step.id, outcome.status, note=ctx.note)
            )
            return Transition(
                data["id"], data["step"], step.id, outcome.status, entries, outcome.create_program
            )
    return None


def plan_advance(process: ProcessDefinition, data: Any, ctx: Context) -> Transition:
    """Leave the current step when its checklist holds: an outcome, or the next step."""
    _require_open(process, data)
    current = process.step(data["step"])
    lacking = unmet(data, current.requires, ctx.exists)
    if lacking:
        raise RefusedError("process.missing", step=current.id, missing=lacking, id=data["id"])
    entries: list[dict[str, Any]] = []
    decided = _outcome(process, data, current, ctx, entries)
    if decided is not None:
        return decided
    status = str(data["status"])
    at, action, reason = current.id, "advance", None
    while True:
        nxt = applicable_after(process, data, at)
        if nxt is None:
            raise RefusedError("process.end", id=data["id"], step=current.id)
        new_status, enter_action = _enter(process, data, nxt, status, ctx.exists)
        left = entry(ctx, enter_action or action, at, nxt.id, new_status, reason, ctx.note)
        if action == "advance":
            _mark_not_done(left, process.step(at), data)
        entries.append(left)
        status = new_status
        if nxt.optional_when is not None and holds(data, nxt.optional_when.when):
            at, action, reason = nxt.id, "skip", nxt.optional_when.reason
            continue
        return Transition(data["id"], current.id, nxt.id, status, entries)


def _mark_not_done(hist: dict[str, Any], step: Step, data: Any) -> None:
    parts = parts_not_done(step, data)
    if parts:
        hist["not_done"] = parts


def _never_skipped(process: ProcessDefinition, data: Any, step: Step, ctx: Context) -> None:
    rule = step.never_skipped_when
    if rule is not None and holds(data, rule.when):
        raise RefusedError(
            "process.never_skipped",
            id=data.get("id"),
            step=step.id,
            rule=rule.rule.model_dump(),
        )


def require_step(process: ProcessDefinition, target: str) -> None:
    """A step the process has, or the usage error naming its steps and the nearest one."""
    if not process.has_step(target):
        steps = [s.id for s in process.steps]
        raise UsageError("process.unknown_step", step=target, steps=steps,
                         near=nearest(target, steps, limit=1))  # fmt: skip


def plan_move(
    process: ProcessDefinition, data: Any, target: str, reason: str, ctx: Context
) -> Transition:
    """`--to STEP --reason`: forward past steps (recorded as passed or skipped) or back (reopen)."""
    require_step(process, target)
    if not reason or not reason.strip():
        raise UsageError("process.reason_required")
    step_id = data.get("step")
    if not step_id or not process.has_step(step_id):
        raise RefusedError("process.not_in_process", id=data.get("id"))
    item_type = _item_type(process, data)
    if process.step(target).item != item_type:
        raise UsageError("process.other_item", step=target, item=item_type)
    if target == step_id:
        raise UsageError("process.same_step", step=target)
    if process.index(target) < process.index(step_id):
        return _reopen(process, data, target, reason, ctx)
    _require_open(process, data)
    target_step = process.step(target)
    if target_step.only_when is not None and not holds(data, target_step.only_when):
        raise RefusedError("process.not_applicable", step=target)
    entries: list[dict[str, Any]] = []
    status = str(data["status"])
    at = step_id
    while at != target:
        here = process.step(at)
        lacking = unmet(data, here.requires, ctx.exists)
        if (
            here.optional_when is not None
            and holds(data, here.optional_when.when)
            and at != step_id
        ):
            action, why, note = "skip", here.optional_when.reason, None
        elif lacking:
            _never_skipped(process, data, here, ctx)
            action, why = "skip", reason
            note = ", ".join(m.field for m in lacking)
        else:
            decided = _outcome(process, {**data, "step": at}, here, ctx, entries)
            if decided is not None:
                decided.from_step = step_id
                return decided
            action, why, note = "advance", reason, None
        nxt = applicable_after(process, data, at)
        if nxt is None:
            raise RefusedError("process.end", id=data["id"], step=at)
        status, enter_action = _enter(process, data, nxt, status, ctx.exists)
        moved = entry(ctx, enter_action or action, at, nxt.id, status, why, note or ctx.note)
        if action == "advance":
            _mark_not_done(moved, here, data)
        entries.append(moved)
        at = nxt.id
    return Transition(data["id"], step_id, target, status, entries)


def _reopen(
    process: ProcessDefinition, data: Any, target: str, reason: str, ctx: Context
) -> Transition:
    rules = process.rules(_item_type(process, data))
    if data.get("status") in rules.final_statuses:
        raise RefusedError("process.final", id=data["id"], status=data.get("status"))
    status = rules.initial_status
    reopened = entry(ctx, "reopen", data["step"], target, status, reason, ctx.note)
    return Transition(data["id"], data["step"], target, status, [reopened])


def plan_withdraw(process: ProcessDefinition, data: Any, reason: str, ctx: Context) -> Transition:
    rule = process.withdraw
    if not reason or not reason.strip():
        raise UsageError("process.reason_required")
    step_id = data.get("step")
    if (
        rule is None
        or not step_id
        or not process.has_step(step_id)
        or _item_type(process, data) != rule.item
    ):
        raise RefusedError("process.withdraw_not_allowed", id=data.get("id"))
    if data.get("status") not in rule.from_statuses:
        raise RefusedError("process.closed", id=data["id"], status=data.get("status"))
    done = entry(ctx, "withdraw", step_id, step_id, rule.status, reason, ctx.note)
    return Transition(data["id"], step_id, step_id, rule.status, [done])


def owner_roles(process: ProcessDefinition, hist: dict[str, Any]) -> list[str]:
    """Roles that may make this history entry; empty means anyone (nominating, creating)."""
    action, src, dst = hist.get("action"), hist.get("from"), hist.get("to")
    roles: list[str] = []
    if (
        action in ("advance", "skip", "close", "activate", "withdraw")
        and src
        and process.has_step(src)
    ):
        roles = list(process.step(src).owner)
    elif action == "deactivate" and dst and process.has_step(dst):
        roles = list(process.step(dst).owner)
    elif action == "reopen":
        for step_id in (src, dst):
            if step_id and process.has_step(step_id):
                roles += [r for r in process.step(step_id).owner if r not in roles]
    if action in ("release", "adopt", "follow-up") and process.life is not None:
        roles = list(process.life.roles)
    if action == "assess":
        roles = list(getattr(process, "assessment_roles", None) or [])
    if action == "amend":
        # A change after the fact: the step's own owners, or those who keep the policy.
        step_owners = list(process.step(src).owner) if src and process.has_step(src) else []
        policy = list(getattr(process, "policy_roles", None) or [])
        roles = step_owners + [r for r in policy if r not in step_owners]
    rule = process.withdraw
    if action == "withdraw" and rule is not None:
        extra = [*rule.roles, *([rule.own.role] if rule.own else [])]
        roles += [r for r in extra if r not in roles]
    return roles


def own_role(process: ProcessDefinition, data: Any, actor: str) -> str | None:
    """The role in which `actor` may withdraw `data` as the person it names (process.yaml's
    `withdraw.own`), or None."""
    rule = process.withdraw
    if rule is None or rule.own is None:
        return None
    named = get_path(data, rule.own.field)
    if isinstance(named, str) and named.casefold() == actor.casefold():
        return rule.own.role
    return None


def acting_role(
    process: ProcessDefinition, hist: dict[str, Any], held: list[str] | None
) -> str | None:
    """The role the actor acts in, or None when no roles file says; refuses a missing role."""
    if held is None:
        return None
    needed = owner_roles(process, hist)
    if not needed:
        return held[0] if held else None
    for role in held:
        if role in needed:
            return role
    raise RefusedError(
        "process.role", actor=hist.get("actor"), roles=", ".join(needed), step=hist.get("from")
    )
