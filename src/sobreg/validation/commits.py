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
    POLICY_FILES,
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
    roles: Any = None,
) -> list[Violation]:
    """One commit's changes against its parent, judged by the process and roles in force
    (`process`, `roles`: as they stood in the parent). `message` holds the trailers as git parses
    them."""
    process = process or registry.process
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


def policy_changes(
    git: Git, registry: Registry, commit: str, parents: list[str], process: Any, roles: Any
) -> list[Violation]:
    """A change of process.yaml, roles.yaml or allowed_signers by an actor who holds none of
    process.yaml's `policy_roles` in the roles file in force (when there is one): a commit cannot
    authorise itself. In a merge, only a file that differs from every parent is the merge's own."""
    if roles is None:
        return []
    scope = git.rel(registry.root)
    paths = [f"{scope}/{name}".lstrip("/") for name in POLICY_FILES]
    changed: set[str] | None = None
    for parent in parents or [None]:  # type: ignore[list-item]
        args = ["diff-tree", "-r", "--name-only", "--no-commit-id"]
        args += [parent, commit] if parent else ["--root", commit]
        names = set(git.out(*args, "--", *paths).split())
        changed = names if changed is None else changed & names
    if not changed:
        return []
    author = git.out("show", "-s", "--format=%ae", commit)
    allowed = list(getattr(process, "policy_roles", None) or [])
    if set(roles.roles_of(author)) & set(allowed):
        return []
    return [
        Violation(path, "verify.policy", {"actor": author, "roles": ", ".join(allowed)}, commit, "")
        for path in sorted(changed)
    ]


def check_merge(
    registry: Registry, git: Git, commit: str, parents: list[str], process: Any, roles: Any
) -> list[Violation]:
    """A merge's own changes: an item file the merge made unlike every parent's is judged
    against each parent as a change by hand (the history only appended to, no settled record
    changed); it is a violation when it holds against none of them. A file taken from one side
    as it was was judged in that side's commits."""
    scope = git.rel(registry.root)
    per_parent = [
        {c.rel: c for c in changes(git, scope, parent, commit) if c.status != "D"}
        for parent in parents
    ]
    found: list[Violation] = []
    for rel in sorted(set().union(*per_parent)):
        against = [p.get(rel) for p in per_parent]
        if any(change is None for change in against):
            continue  # the same as one parent's version
        problems = []
        for change in against:
            assert change is not None
            pair = check_pair(process, roles, change.kind, rel, change.old, change.new)
            appended = plain_history(change.new)[len(plain_history(change.old)) :]
            rules = content_rules(process, change.kind, change.old, change.new, appended)
            problems.append(
                [Violation(v.path, v.key, v.params, commit, v.field) for v in pair]
                + [Violation(rel, k, {"field": f}, commit, f) for f, k in rules]
            )
        if all(problems):
            found += problems[0]
    return found


def walk(registry: Registry, base: str) -> list[Violation]:
    """Every commit after `base` up to `HEAD`, oldest first (`base` must be an ancestor),
    merges included, each judged by the policy files of its (first) parent."""
    git = Git(registry.root)
    base_sha = git.verify_ref(base)
    head = git.head()
    if head is None or base_sha == head:
        return []
    if git.call("merge-base", "--is-ancestor", base_sha, head, ok=True).returncode != 0:
        return [Violation("", "verify.not_ancestor", {"base": base}, base_sha)]
    sep, end = "\x1f", "\x1e"
    # The trailers exactly as git parses them (its last paragraph only): a `Sobreg-*` line moved
    # out of that block is no trailer, for this walk as for the signature check.
    fmt = f"--format=%H{sep}%P{sep}%ae{sep}%(trailers:only,unfold){end}"
    out = git.run("log", "--reverse", "--topo-order", fmt, f"{base_sha}..{head}")
    records = [r.strip("\n").split(sep, 3) for r in out.split(end) if r.strip("\n")]
    # A root commit, having no parent, is judged by the rules it lays down itself.
    policies = Policies(registry, git, [p for r in records for p in (r[1].split() or [r[0]])])
    found: list[Violation] = []
    for sha, parent_list, author, marks in records:
        parents = parent_list.split()
        first = (parents or [sha])[0]
        process, roles = policies.process(first), policies.roles(first)
        found += policy_changes(git, registry, sha, parents, process, roles)
        if len(parents) > 1:
            found += check_merge(registry, git, sha, parents, process, roles)
            continue
        found += check_commit(registry, git, sha, parents[0] if parents else None, marks,
                              author, process, roles)  # fmt: skip
    return found


def signed(registry: Registry, base: str) -> list[Violation]:
    """Every commit after `base` that changes an item or a policy file, whatever its trailers
    say, signed (git's SSH signing) by a key that `registry/allowed_signers`, as it stood in the
    commit's parent, lists for the commit's actor (its author)."""
    signers = registry.root / "allowed_signers"
    shown = registry.rel(signers)
    if not signers.is_file():
        return [Violation(shown, "verify.no_signers", field="")]
    git = Git(registry.root)
    scope = git.rel(registry.root)
    paths = [f"{scope}/{p}".lstrip("/") for p in ("nominations", "programs", *POLICY_FILES)]
    sep = "\x1f"
    listed = git.out("log", f"--format=%H{sep}%P", f"{git.verify_ref(base)}..HEAD", "--", *paths)
    commits = [line.split(sep) for line in listed.splitlines() if line]
    policies = Policies(registry, git, [(p.split() or [c])[0] for c, p in commits])
    by_signers: dict[bytes | None, list[str]] = {}
    for sha, parents in commits:
        by_signers.setdefault(policies.signers((parents.split() or [sha])[0]), []).append(sha)
    found = []
    for allowed, shas in by_signers.items():
        if allowed is None:
            found += [Violation(shown, "verify.no_signers", {}, sha, "") for sha in shas]
            continue
        for sha, (state, signer, author) in git.signatures(shas, allowed).items():
            if state == "N":
                found.append(Violation("", "verify.unsigned", {}, sha, ""))
            elif state != "G":
                found.append(Violation("", "verify.bad_signature", {"state": state}, sha, ""))
            elif signer.casefold() != author.casefold():
                found.append(Violation("", "verify.wrong_signer",
                                       {"signer": signer, "actor": author}, sha, ""))  # fmt: skip
    return found


def verify(registry: Registry, base: str = "HEAD", signatures: bool = False) -> list[Violation]:
    """Every commit between `base` and `HEAD`, then the working tree's change on top (and with
    `signatures`, every sobreg commit's signature)."""
    found = walk(registry, base)
    if signatures and not any(v.key == "verify.not_ancestor" for v in found):
        found += signed(registry, base)
    return found + working_tree(registry)
