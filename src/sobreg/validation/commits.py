"""`verify` over every commit between a base and `HEAD`, and the working tree's change on top.

Each commit that touches registry items is one action: its `Sobreg-*` trailers agree with what
its diff appends to the item's history, its author is the actor of those entries, and nothing it
changes belongs to a step already passed (unless it reopens) or to a closed item's decision. A
commit without trailers (a person's hand edit) may change content but appends no history. An
illegal commit stays reported even when a later one reverts it: every commit is checked alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sobreg.audit.repo import Git, trailers
from sobreg.errors import RefusedError
from sobreg.models.layout import FOLDER_KINDS
from sobreg.models.process import ProcessDefinition
from sobreg.store import yamlio
from sobreg.store.registry import Registry
from sobreg.validation.history import (
    Policies,
    Violation,
    check_pair,
    content_rules,
    plain_history,
    working_tree,
)

_NO_ENTRY_ACTIONS = ("renumber", "init")
# Actions that record content, with one entry of their own (none in histories before the chain).
_RECORDING = ("set", "amend", "assess", "release", "adopt", "follow-up")


@dataclass
class Change:
    """One item file as a commit changed it."""

    rel: str
    kind: str
    status: str  # A, M or D
    old: Any
    new: Any


def _item_kind(registry_rel: str, rel: str) -> str | None:
    inside = rel[len(registry_rel) + 1 :] if registry_rel else rel
    parts = inside.split("/")
    if len(parts) == 2 and parts[1].endswith((".yaml", ".yml")):
        return FOLDER_KINDS.get(parts[0])
    return None


def _load(raw: bytes | None, shown: str) -> Any:
    if raw is None:
        return None
    try:
        return yamlio.load_safe(yamlio.decode(raw, shown), shown)
    except RefusedError:
        return {"__unreadable__": True}


def changes(git: Git, registry_rel: str, parent: str | None, commit: str) -> list[Change]:
    """The registry items `commit` changed against `parent`, old and new data read in one batch."""
    args = ["diff-tree", "-r", "-z", "--no-renames", "--no-commit-id"]
    args += [parent, commit] if parent else ["--root", commit]
    out = git.call(*args, "--", registry_rel).stdout.decode("utf-8", "replace").split("\0")
    found = []
    for meta, rel in zip(out[0::2], out[1::2], strict=False):
        kind = _item_kind(registry_rel, rel) if meta.startswith(":") else None
        if kind is not None:
            found.append((rel, kind, meta.split(" ")[-1][:1]))
    specs = []
    for rel, _, status in found:
        specs += [f"{parent}:{rel}" if parent and status != "A" else None, f"{commit}:{rel}"]
    blobs = git.read_blobs([s for s in specs if s])
    result = []
    for rel, kind, status in found:
        old_spec = f"{parent}:{rel}" if parent and status != "A" else None
        old = _load(blobs.get(old_spec) if old_spec else None, rel)
        new = _load(blobs.get(f"{commit}:{rel}"), rel)
        result.append(Change(rel, kind, status, old, new))
    return result


def _trailer_rules(
    message: str, author: str, change: Change, appended: list[dict[str, Any]], primary: bool
) -> list[tuple[str, str, dict[str, Any]]]:
    """(field, key, params) where the commit's trailers or author disagree with its diff."""
    marks = trailers(message)
    found: list[tuple[str, str, dict[str, Any]]] = []
    if not marks.get("Sobreg-Id"):
        if appended:
            found.append(("history", "verify.untrailed", {"count": len(appended)}))
        return found
    for hist in appended:
        if str(hist.get("actor", "")).casefold() != author.casefold():
            found.append(("history", "verify.author", {"author": author,
                                                       "actor": hist.get("actor")}))  # fmt: skip
    if not primary:
        created = change.status == "A" and [h.get("action") for h in appended] == ["create"]
        if not created:
            found.append(("", "verify.extra_item", {"id": marks.get("Sobreg-Id")}))
        return found
    action = marks.get("Sobreg-Action", "")
    if action in _RECORDING:
        if [h.get("action") for h in appended] not in ([], [action]):
            found.append(("history", "verify.trailer", {"trailer": action}))
        return found
    if action in _NO_ENTRY_ACTIONS:
        if appended:
            found.append(("history", "verify.trailer", {"trailer": action}))
        return found
    if not appended:
        found.append(("history", "verify.trailer", {"trailer": action}))
        return found
    said = (action, marks.get("Sobreg-From", "-"), marks.get("Sobreg-To", "-"))
    done = (
        appended[-1].get("action"),
        appended[0].get("from") or "-",
        appended[-1].get("to") or "-",
    )
    if said != done:
        found.append(("history", "verify.trailer", {"trailer": " ".join(map(str, said))}))
    return found


def check_commit(
    registry: Registry,
    git: Git,
    commit: str,
    parent: str | None,
    message: str,
    author: str,
    process: ProcessDefinition | None = None,
) -> list[Violation]:
    process, roles = process or registry.process, registry.roles
    scope = git.rel(registry.root)
    found: list[Violation] = []
    marked = trailers(message).get("Sobreg-Id")
    for change in changes(git, scope, parent, commit):
        shown = change.rel
        if change.status == "D":
            found.append(Violation(shown, "verify.deleted", commit=commit))
            continue
        pair = check_pair(process, roles, change.kind, shown, change.old, change.new)
        found += [Violation(v.path, v.key, v.params, commit, v.field) for v in pair]
        if pair:
            continue
        old_len = len(plain_history(change.old))
        appended = plain_history(change.new)[old_len:]
        primary = marked is not None and Path(change.rel).stem == marked
        for field, key, params in _trailer_rules(message, author, change, appended, primary):
            found.append(Violation(shown, key, params, commit, field))
        for field, key in content_rules(process, change.kind, change.old, change.new, appended):
            found.append(Violation(shown, key, {"field": field}, commit, field))
    return found


def walk(registry: Registry, base: str) -> list[Violation]:
    """Every commit after `base` up to `HEAD`, oldest first (`base` must be an ancestor)."""
    git = Git(registry.root)
    base_sha = git.verify_ref(base)
    head = git.head()
    if head is None or base_sha == head:
        return []
    if git.call("merge-base", "--is-ancestor", base_sha, head, ok=True).returncode != 0:
        return [Violation("", "verify.not_ancestor", {"base": base}, base_sha)]
    sep, end = "\x1f", "\x1e"
    out = git.run("log", "--reverse", "--topo-order", f"--format=%H{sep}%P{sep}%ae{sep}%B{end}",
                  f"{base_sha}..{head}")  # fmt: skip
    records = [r.strip("\n").split(sep, 3) for r in out.split(end) if r.strip("\n")]
    # A root commit, having no parent, is judged by the rules it lays down itself.
    policies = Policies(registry, git, [(r[1].split() or [r[0]])[0] for r in records])
    found: list[Violation] = []
    for sha, parents, author, body in records:
        if len(parents.split()) > 1:
            continue  # a merge: the commits it brings in are walked one by one
        rules = policies.process((parents.split() or [sha])[0])
        found += check_commit(registry, git, sha, parents or None, body, author, rules)
    return found


def signed(registry: Registry, base: str) -> list[Violation]:
    """Every sobreg commit after `base` signed (git's SSH signing) by a key that
    `registry/allowed_signers` lists for the commit's actor (its author)."""
    signers = registry.root / "allowed_signers"
    shown = registry.rel(signers)
    if not signers.is_file():
        return [Violation(shown, "verify.no_signers", field="")]
    git = Git(registry.root)
    sep, end = "\x1f", "\x1e"
    fmt = f"--format=%H{sep}%G?{sep}%GS{sep}%ae{sep}%(trailers:key=Sobreg-Id,valueonly){end}"
    out = git.call("-c", f"gpg.ssh.allowedSignersFile={signers}", "log", fmt,
                   f"{git.verify_ref(base)}..HEAD").stdout.decode("utf-8", "replace")  # fmt: skip
    found = []
    for record in out.split(end):
        record = record.strip("\n")
        if not record:
            continue
        sha, state, signer, author, item = record.split(sep, 4)
        if not item.strip():
            continue  # not a sobreg commit
        if state == "N":
            found.append(Violation("", "verify.unsigned", {}, sha, ""))
        elif state != "G":
            found.append(Violation("", "verify.bad_signature", {"state": state}, sha, ""))
        elif signer.casefold() != author.casefold():
            found.append(Violation("", "verify.wrong_signer", {"signer": signer, "actor": author},
                                   sha, ""))  # fmt: skip
    return found


def verify(registry: Registry, base: str = "HEAD", signatures: bool = False) -> list[Violation]:
    """Every commit between `base` and `HEAD`, then the working tree's change on top (and with
    `signatures`, every sobreg commit's signature)."""
    found = walk(registry, base)
    if signatures and not any(v.key == "verify.not_ancestor" for v in found):
        found += signed(registry, base)
    return found + working_tree(registry)
