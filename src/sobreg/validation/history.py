"""The history rules of one change of one item: histories only appended to, every new entry a
legal move by someone holding its role, step and status agreeing with the last entry. `verify`
applies them to every commit after a base (validation.commits) and to the working tree's change.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sobreg.audit.repo import Git
from sobreg.engine import settled
from sobreg.engine.process import own_role, owner_roles
from sobreg.errors import RefusedError
from sobreg.models.layout import FOLDERS
from sobreg.models.process import ProcessDefinition
from sobreg.store import yamlio
from sobreg.store.files import read_bytes
from sobreg.store.registry import Registry


@dataclass
class Violation:
    """What is wrong, where: the commit (None: the working tree), the file and the field."""

    path: str
    key: str
    params: dict[str, Any] = field(default_factory=dict)
    commit: str | None = None
    field: str = "history"

    def as_json(self, message: str) -> dict[str, Any]:
        return {"commit": self.commit, "path": self.path, "field": self.field, "message": message}


def plain_history(data: Any) -> list[dict[str, Any]]:
    history = data.get("history") if isinstance(data, dict) else None
    if not isinstance(history, list):
        return []
    return [
        {k: v for k, v in h.items() if v is not None} if isinstance(h, dict) else h for h in history
    ]


def _hop(process: ProcessDefinition, src: str, dst: str) -> bool:
    """`dst` is the next step after `src`, or one reachable only past conditional steps."""
    start = process.index(src)
    item = process.step(src).item
    for step in process.steps[start + 1 :]:
        if step.item != item:
            return False
        if step.id == dst:
            return True
        if step.only_when is None:
            return False
    return False


def entry_problem(
    process: ProcessDefinition, item_type: str, prev: dict[str, Any] | None, hist: dict[str, Any]
) -> str | None:
    """Why `hist` cannot follow `prev` under the process, or None when it can."""
    action, src, dst, status = (
        hist.get("action"),
        hist.get("from"),
        hist.get("to"),
        hist.get("status"),
    )
    if item_type not in process.items:
        return "verify.unknown_item"
    rules = process.rules(item_type)
    if prev is None:
        if action == "nominate" and item_type == "nomination" and dst == rules.first_step:
            return None
        if action == "create" and item_type == "program" and process.has_step(str(dst)):
            return None
        if action == "inventory" and item_type == "program" and dst is None:
            return None
        return "verify.bad_start"
    if action in ("nominate", "create", "inventory"):
        return "verify.start_again"
    if src != prev.get("to"):
        return "verify.discontinuous"
    if action in ("release", "adopt", "follow-up"):
        # A program's life after j: only while it is in use, and it stays where it is.
        life = process.life
        ok = (
            life is not None
            and item_type == life.item
            and dst == src
            and prev.get("status") in life.statuses
            and status in (None, prev.get("status"))
        )
        return None if ok else "verify.not_in_use"
    if action in ("set", "assess", "amend"):
        # Recorded changes of content: the item stays where it is; an amendment says why.
        ok = dst == src and status in (None, prev.get("status"))
        if ok and action == "amend" and not str(hist.get("reason") or "").strip():
            return "verify.reason_missing"
        return None if ok else "verify.illegal"
    for step_id in (src, dst):
        if not process.has_step(step_id) or process.step(str(step_id)).item != item_type:
            return "verify.unknown_step"
    src, dst = str(src), str(dst)
    prev_status = prev.get("status")
    if action in ("skip", "reopen", "withdraw") and not str(hist.get("reason") or "").strip():
        return "verify.reason_missing"
    if action == "reopen":
        earlier = process.index(dst) < process.index(src)
        ok = earlier and prev_status not in rules.final_statuses and status == rules.initial_status
        return None if ok else "verify.bad_reopen"
    if action == "withdraw":
        rule = process.withdraw
        ok = rule is not None and rule.item == item_type and src == dst and status == rule.status
        return (
            None
            if ok and rule is not None and prev_status in rule.from_statuses
            else "verify.bad_withdraw"
        )
    if prev_status not in rules.open_statuses:
        return "verify.closed"
    if action in ("close", "activate") and src == dst:
        outcomes = process.step(src).outcomes
        ok = any(o.action == action and o.status == status for o in outcomes)
        return None if ok else "verify.bad_outcome"
    if action in ("advance", "skip", "deactivate") and _hop(process, src, dst):
        enter = process.step(dst).enter
        if enter is not None:
            ok = prev_status in enter.from_statuses and status == enter.status
            return None if ok else "verify.bad_enter"
        return None if status == prev_status else "verify.status_changed"
    return "verify.illegal"


POLICY_FILES = ("process.yaml", "roles.yaml", "allowed_signers")


class Policies:
    """The policy files as they stood in each commit's parent: a commit is judged by the rules in
    force when it was made, never by a later version nor by one it brings itself. Read in one
    batch for every parent; each distinct version of a file validated once; the version on disk
    (registry.process, kept validated) is not read again."""

    def __init__(self, registry: Registry, git: Git, parents: list[str]) -> None:
        self.registry = registry
        scope = git.rel(registry.root)
        self.rel = {name: f"{scope}/{name}".lstrip("/") for name in POLICY_FILES}
        specs = [f"{p}:{self.rel[n]}" for p in dict.fromkeys(parents) for n in POLICY_FILES]
        out = git.call("cat-file", "--batch-check", data="".join(f"{s}\n" for s in specs).encode())
        # (commit, file name) -> blob sha; absent files are left out.
        self.blob: dict[tuple[str, str], str] = {}
        for spec, line in zip(specs, out.stdout.decode("utf-8", "replace").splitlines(),
                              strict=True):  # fmt: skip
            parts = line.split()
            if len(parts) == 3 and parts[1] == "blob":
                commit, rel = spec.split(":", 1)
                self.blob[(commit, rel.rsplit("/", 1)[-1])] = parts[0]
        here = registry.root / "process.yaml"
        raw_here = read_bytes(here) or b""
        self.current = hashlib.sha1(b"blob %d\0" % len(raw_here) + raw_here).hexdigest()
        wanted = sorted(set(self.blob.values()) - {self.current})
        self.raw = {sha: raw for sha, (_kind, raw) in git.read_objects(wanted).items()}
        self.models: dict[str, Any] = {}

    def _model(self, sha: str, name: str) -> Any:
        if sha not in self.models:
            # Lazy: only a policy read anew from history is validated.
            from sobreg.models import ProcessDefinition, RolesFile

            model = ProcessDefinition if name == "process.yaml" else RolesFile
            try:
                data = yamlio.load_safe(yamlio.decode(self.raw[sha], name), name)
                self.models[sha] = model.model_validate(data)
            except Exception:  # a broken version: judged by the current rules instead
                self.models[sha] = None
        return self.models[sha]

    def process(self, commit: str) -> ProcessDefinition:
        """The process in force for a commit whose parent (or, for a root commit, itself) is
        `commit`."""
        sha = self.blob.get((commit, "process.yaml"))
        found = self._model(sha, "process.yaml") if sha and sha != self.current else None
        return found if found is not None else self.registry.process

    def roles(self, commit: str) -> Any:
        """roles.yaml as it stood in `commit`, or None when it did not exist there."""
        sha = self.blob.get((commit, "roles.yaml"))
        return self._model(sha, "roles.yaml") if sha else None

    def signers(self, commit: str) -> bytes | None:
        """allowed_signers as it stood in `commit`, or None."""
        sha = self.blob.get((commit, "allowed_signers"))
        if sha is None:
            return None
        if sha not in self.raw:
            self.raw[sha] = read_bytes(self.registry.root / "allowed_signers") or b""
        return self.raw[sha]


def _read(git: Git, ref: str, rel: str) -> Any:
    raw = git.show(ref, rel)
    if raw is None:
        return None
    return yamlio.load_safe(yamlio.decode(raw, f"{ref}:{rel}"), f"{ref}:{rel}")


def working_tree(registry: Registry) -> list[Violation]:
    """The working tree's change against `HEAD` (what pre-commit is about to commit)."""
    git = Git(registry.root)
    head = git.head()
    if head is None:
        return []
    # The working tree's change is judged by the rules committed at HEAD, not by an edit of
    # process.yaml or roles.yaml made beside it.
    policies = Policies(registry, git, [head])
    process, roles = policies.process(head), policies.roles(head)
    violations: list[Violation] = []
    for rel, change in sorted(git.changed_since("HEAD", registry.root).items()):
        parts = Path(rel).parts
        item_type = next(
            (k for k, folder in FOLDERS.items() if len(parts) >= 2 and parts[-2] == folder), None
        )
        if item_type is None or not rel.endswith((".yaml", ".yml")):
            continue
        shown = registry.rel(git.root / rel)
        if change == "D":
            violations.append(Violation(shown, "verify.deleted"))
            continue
        try:
            old = _read(git, "HEAD", rel) if change != "A" else None
            new = yamlio.load_safe(yamlio.read_text(git.root / rel, shown), shown)
        except RefusedError as exc:
            violations.append(Violation(shown, "verify.unreadable", {"error": exc.key}))
            continue
        pair = check_pair(process, roles, item_type, shown, old, new)
        violations += pair
        if not pair:
            # What pre-commit is about to commit: a settled record changed by hand is refused
            # here too, as `verify --base` refuses it once committed.
            appended = plain_history(new)[len(plain_history(old)) :]
            for field, key in content_rules(process, item_type, old, new, appended):
                violations.append(Violation(shown, key, {"field": field}, field=field))
    return violations


def content_rules(
    process: ProcessDefinition, kind: str, old: Any, new: Any, appended: list[dict[str, Any]]
) -> list[tuple[str, str]]:
    """(field, key) of changes to settled records that no reopen or amendment in this commit
    allows (`engine.settled`, the rule `set` follows too)."""
    if not isinstance(old, dict) or not isinstance(new, dict):
        return []
    closed = settled.closed_fields(process, kind, old)
    reopened = any(h.get("action") == "reopen" for h in appended)
    allowed = settled.amended(appended)
    found = []
    for name in settled.touched(process, kind, old, new):
        if name in allowed or (reopened and name not in closed):
            continue
        found.append((name, "verify.closed_changed" if name in closed else "verify.settled"))
    return found


def check_pair(
    process: ProcessDefinition, roles: Any, item_type: str, shown: str, old: Any, new: Any
) -> list[Violation]:
    found: list[Violation] = []
    old_history, new_history = plain_history(old), plain_history(new)
    if new_history[: len(old_history)] != old_history:
        index = next(
            (i for i, (a, b) in enumerate(zip(old_history, new_history, strict=False)) if a != b),
            len(new_history),
        )
        key = (
            "verify.removed"
            if len(new_history) < len(old_history) and index >= len(new_history)
            else "verify.rewritten"
        )
        return [Violation(shown, key, {"index": index + 1})]
    prev = old_history[-1] if old_history else None
    for offset, hist in enumerate(new_history[len(old_history) :]):
        number = len(old_history) + offset + 1
        problem = entry_problem(process, item_type, prev, hist)
        if problem:
            found.append(
                Violation(
                    shown,
                    problem,
                    {
                        "index": number,
                        "action": hist.get("action"),
                        "src": hist.get("from"),
                        "dst": hist.get("to"),
                    },
                )
            )
        elif roles is not None:
            needed = owner_roles(process, hist)
            held = roles.roles_of(str(hist.get("actor", "")))
            own = own_role(process, new, str(hist.get("actor", "")))
            if hist.get("action") == "withdraw" and own:
                held = [*held, own]
            if needed and not set(needed) & set(held):
                found.append(
                    Violation(
                        shown,
                        "verify.role",
                        {"index": number, "actor": hist.get("actor"), "roles": ", ".join(needed)},
                    )
                )
        prev = hist
    if isinstance(new, dict) and new_history:
        last = new_history[-1]
        if new.get("step") != last.get("to") and last.get("action") != "inventory":
            found.append(
                Violation(
                    shown,
                    "verify.step_mismatch",
                    {"step": new.get("step"), "last": last.get("to")},
                    field="step",
                )
            )
        if "status" in last and new.get("status") != last.get("status"):
            found.append(
                Violation(
                    shown,
                    "verify.status_mismatch",
                    {"status": new.get("status"), "last": last.get("status")},
                    field="status",
                )
            )
    elif isinstance(new, dict) and not new_history:
        found.append(Violation(shown, "verify.no_history"))
    return found
