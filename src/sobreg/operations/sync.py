"""`sync`: one transaction over the shared registry, on git's own discipline (issue 33).

Everything is built away from the user's branch and working tree: the local commits are
renumbered by plumbing and replayed on the upstream in a worktree of sobreg's own
(`.git/sobreg/sync-work`), validated and verified there; only then does a compare-and-swap move
the branch, the working tree follow, and the push go out. A journal (`.git/sobreg/sync.json`)
says how far it got, so whatever point a sync is killed at, the next sobreg command (`repair`,
run first by every write) either finishes it (the branch moved: the working tree follows) or
puts everything back (it did not: the worktree goes, the branch never moved). A conflict stops
with the replay held in that worktree for the person to resolve: `sync --continue` re-seals the
resolved items' chains and goes on, `sync --abort` puts everything back as before the sync.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sobreg.audit import sync
from sobreg.audit.repo import Git
from sobreg.audit.sync import (
    branch_ref,
    drop_work,
    finish_moved,
    read_journal,
    work_dir,
    write_journal,
)
from sobreg.audit.transaction import writing
from sobreg.engine import chain
from sobreg.errors import EnvironmentFailure, RefusedError
from sobreg.store import atomic, yamlio
from sobreg.store.files import make_folder, read_bytes, read_text
from sobreg.store.registry import Registry
from sobreg.validation.check import check
from sobreg.validation.commits import verify

_QUIET = {"GIT_EDITOR": "true", "GIT_SEQUENCE_EDITOR": "true"}


class Resealer:
    """Re-seals a renumbered item's chain: each entry's `state` becomes the hash of the content
    as it is with its new id (remembered from the commit that wrote the entry), its digest is
    computed anew. So no renumbered item is left reporting its content as changed."""

    def __init__(self) -> None:
        self.states: dict[str, str] = {}

    def __call__(self, path: str, before: str, after: str) -> str:
        if not path.endswith((".yaml", ".yml")):
            return after
        try:
            old = yamlio.load_safe(before, path)
            doc = yamlio.load_roundtrip(after, path)
        except yamlio.YamlProblem:
            return after
        history = doc.get("history") if isinstance(doc, dict) else None
        if not isinstance(old, dict) or not isinstance(history, list):
            return after
        self.states[chain.state_of(old)] = chain.state_of(yamlio.to_plain(doc))
        for entry in history:
            if isinstance(entry, dict) and entry.get("state") in self.states:
                entry["state"] = self.states[str(entry["state"])]
        for index, (state, digest) in chain.relink(yamlio.to_plain(doc)).items():
            history[index]["state"] = state
            history[index]["digest"] = digest
        return yamlio.dump_roundtrip(doc)


def reseal_resolved(path: Path) -> None:
    """After a person resolved a conflict in an item: its chain re-sealed over the entries in
    the order they now stand, the last entry's state the content as it now is."""
    text = read_text(path)
    doc = yamlio.load_roundtrip(text, str(path))
    history = doc.get("history") if isinstance(doc, dict) else None
    if not isinstance(history, list) or not history:
        return
    sealed = chain.seal(yamlio.to_plain(doc), 1)
    history[-1]["state"], history[-1]["digest"] = sealed[0]
    for index, (state, digest) in chain.relink(yamlio.to_plain(doc)).items():
        history[index]["state"] = state
        history[index]["digest"] = digest
    atomic.write(path, yamlio.like(text, yamlio.dump_roundtrip(doc)).encode("utf-8"))


def _replay(git: Git, upstream: str, base: str, local: str) -> str:
    """`base..local` replayed on `upstream` in sobreg's worktree; the new head, or a conflict
    left there (raised by the caller)."""
    work = work_dir(git)
    if work.exists():
        drop_work(git)
    make_folder(work.parent)
    git.call("worktree", "add", "--quiet", "--detach", str(work), upstream)
    replayed = Git(work).call("rebase", "--quiet", "--empty=keep", "--onto", upstream, base,
                              local, ok=True, env=_QUIET)  # fmt: skip
    if replayed.returncode != 0:
        raise _Conflict
    return Git(work).out("rev-parse", "HEAD")


class _Conflict(Exception):
    pass


def _conflicted(git: Git) -> list[str]:
    return Git(work_dir(git)).out("diff", "--name-only", "--diff-filter=U").split()


def _judge(git: Git, registry: Registry, upstream: str) -> None:
    """The replayed registry validated and verified in the worktree, before the branch moves."""
    there = Registry(work_dir(git) / registry.root.relative_to(git.root))
    checked = check(there)
    if not checked.ok:
        raise RefusedError("sync.invalid", count=len(checked.errors))
    if verify(there, upstream):
        raise RefusedError("sync.unverified", count=len(verify(there, upstream)))


def _land(git: Git, journal: dict[str, Any], new: str) -> None:
    """The compare-and-swap of the branch, then the working tree, then the replay removed."""
    journal["new"] = new
    write_journal(git, journal)
    moved = git.call("update-ref", "-m", "sobreg sync", journal["ref"], new, journal["old"],
                     ok=True)  # fmt: skip
    if moved.returncode != 0:
        drop_work(git)
        raise EnvironmentFailure("git.moved", ref=journal["ref"])
    finish_moved(git, journal)
    drop_work(git)


def _attempt(git: Git, registry: Registry, actor: str, upstream: str, result: sync.Synced) -> None:
    old = git.out("rev-parse", "HEAD")
    journal: dict[str, Any] = {"ref": branch_ref(git), "old": old, "upstream": upstream}
    write_journal(git, journal)
    local, renumbered = sync.renumber(git, registry, upstream, actor, Resealer())
    base = git.out("merge-base", "HEAD", upstream)
    pulled = int(git.out("rev-list", "--count", f"{old}..{upstream}"))
    try:
        new = _replay(git, upstream, base, local)
    except _Conflict:
        journal |= {"conflict": True, "renumbered": renumbered, "pulled": pulled}
        write_journal(git, journal)
        error = sync.conflict(git, registry, base, upstream)
        error.notes.append(("sync.resolve", {"files": ", ".join(
            str(work_dir(git) / rel) for rel in _conflicted(git))}))  # fmt: skip
        raise error from None
    _judge(git, registry, upstream)
    _land(git, journal, new)
    result.renumbered += renumbered
    result.pulled += pulled


def _push(git: Git, remote: str, branch: str, upstream: str, result: sync.Synced) -> bool:
    ahead = int(git.out("rev-list", "--count", f"{upstream}..HEAD" if _has(git, upstream)
                        else "HEAD"))  # fmt: skip
    if ahead == 0:
        return True
    pushed = git.call("push", "--quiet", remote, f"HEAD:{branch}", ok=True)
    if pushed.returncode == 0:
        result.pushed = ahead
        return True
    return False


def _has(git: Git, ref: str) -> bool:
    return git.call("rev-parse", "--verify", "-q", ref, ok=True).returncode == 0


def run(registry: Registry, actor: str) -> sync.Synced:
    """Fetch, renumber, replay, validate, verify, move the branch and push, as one attempt or a
    few (a faster colleague's push means fetching again)."""
    result = sync.Synced()
    with writing(registry) as git:
        pending = read_journal(git)
        if pending and pending.get("conflict"):
            raise RefusedError("sync.pending")
        if git.out("status", "--porcelain", "--untracked-files=no"):
            raise RefusedError("sync.dirty")
        remote, branch, upstream = sync.upstream(git)
        for _ in range(sync.ATTEMPTS):
            git.call("fetch", "--quiet", remote)
            if _has(git, upstream):
                _attempt(git, registry, actor, upstream, result)
            if _push(git, remote, branch, upstream, result):
                return result
        raise EnvironmentFailure("sync.push_failed", attempts=sync.ATTEMPTS)


def resume(registry: Registry, actor: str) -> sync.Synced:
    """`sync --continue`: the person resolved the conflicted files in sobreg's worktree; their
    chains are re-sealed, the replay goes on, and the sync ends as any other."""
    result = sync.Synced()
    with writing(registry) as git:
        journal = read_journal(git)
        if not journal or not journal.get("conflict"):
            raise RefusedError("sync.nothing_to_continue")
        work = Git(work_dir(git))
        for rel in _conflicted(git):
            path = work_dir(git) / rel
            raw = read_bytes(path)
            text = raw.decode("utf-8") if raw is not None else ""
            if "<<<<<<<" in text or ">>>>>>>" in text:
                raise RefusedError("sync.still_conflicted", path=str(path))
            if path.is_file():
                reseal_resolved(path)
            work.call("add", "--", rel)
        upstream = str(journal["upstream"])
        going = work.call("-c", "core.editor=true", "rebase", "--continue", ok=True, env=_QUIET)
        if going.returncode != 0:
            raise RefusedError("sync.conflict_again", files=", ".join(
                str(work_dir(git) / rel) for rel in _conflicted(git)))  # fmt: skip
        if _has(git, journal["ref"]) and git.out("rev-parse", journal["ref"]) != journal["old"]:
            raise RefusedError("sync.branch_moved")
        _judge(git, registry, upstream)
        journal.pop("conflict", None)
        _land(git, journal, work.out("rev-parse", "HEAD"))
        result.renumbered = list(journal.get("renumbered") or [])
        result.pulled = int(journal.get("pulled") or 0)
        remote, branch, upstream = sync.upstream(git)
        if not _push(git, remote, branch, upstream, result):
            raise EnvironmentFailure("sync.push_failed", attempts=1)
        return result


def abort(registry: Registry) -> None:
    """`sync --abort`: everything as before the sync (the branch never moved)."""
    with writing(registry) as git:
        journal = read_journal(git)
        if not journal:
            raise RefusedError("sync.nothing_to_abort")
        if finish_moved(git, journal):
            raise RefusedError("sync.already_landed")
        drop_work(git)
