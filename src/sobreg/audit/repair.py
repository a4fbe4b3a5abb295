"""`repair`: find sobreg's own torn writes and complete or remove them; name anything else.

sobreg's own, and so safe to act on while the registry lock is held:
- a commit of sobreg's at `HEAD` (it carries `Sobreg-Id`) whose files are still at the parent's
  version in the working tree, or whose index entries are (killed after the branch moved);
- temporary files in `.git/sobreg/tmp/`, and the `.<name>.<random>.tmp` files older versions
  left beside registry files;
- `.git/index.lock` left while a sobreg process, now dead, was updating the index;
- a `sync` killed part way (its journal `.git/sobreg/sync.json`): finished when the branch had
  already moved, else undone (the branch never moved; sobreg's replay worktree goes), and the
  index file older versions of `sync` used;
- a git lock file (`.git/HEAD.lock`, `.git/refs/heads/*.lock`, ...) no living process holds open.
Anything else (a person's uncommitted change, a lock of another git process) is named, never
touched.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Any

from sobreg.audit import sync
from sobreg.audit.repo import Git, trailers
from sobreg.audit.worktree import blob_id, place, sync_index
from sobreg.store.registry import Registry

_OLD_TEMP = re.compile(r"^\..+\.ya?ml\.[A-Za-z0-9_]+\.tmp$")


@dataclass
class Report:
    repaired: list[dict[str, str]] = field(default_factory=list)
    left: list[dict[str, str]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"repaired": self.repaired, "left": self.left}


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _head_change(
    git: Git, registry: Registry, head: str | None
) -> list[tuple[str, str | None, str | None]]:
    """(path, parent blob, HEAD blob) of the registry files HEAD changed, when HEAD is sobreg's."""
    if head is None:
        return []
    scope = git.rel(registry.root)
    # The message and the changes in one process: the message, a NUL (no message holds one),
    # then the changed files (`--always`: the message also when none is in the registry).
    out = git.call("diff-tree", "-r", "-z", "--root", "--no-renames", "--always", "--format=%B",
                   head, "--", scope).stdout.decode("utf-8", "replace")  # fmt: skip
    message, _, changes = out.partition("\0")
    if "Sobreg-Id" not in trailers(message.removesuffix("\n")):
        return []
    fields = changes.removeprefix("\n").split("\0")
    found = []
    for meta, rel in zip(fields[0::2], fields[1::2], strict=False):
        if not meta.startswith(":"):
            continue
        _, _, old, new, _ = meta[1:].split(" ")
        found.append((rel, None if set(old) == {"0"} else old, None if set(new) == {"0"} else new))
    return found


def _index_ids(git: Git, rels: list[str]) -> dict[str, str]:
    out = git.call("ls-files", "-s", "-z", "--", *rels).stdout.decode("utf-8", "replace")
    found = {}
    for record in out.split("\0"):
        if record:
            meta, _, rel = record.partition("\t")
            found[rel] = meta.split(" ")[1]
    return found


def _torn_head(git: Git, registry: Registry, report: Report, head: str | None) -> None:
    changed = _head_change(git, registry, head)
    if not changed:
        return
    behind, unindexed = [], []
    indexed = _index_ids(git, [rel for rel, _, _ in changed])
    for rel, old, new in changed:
        path = git.root / rel
        on_disk = blob_id(path.read_bytes()) if path.is_file() else None
        if on_disk == new:
            if indexed.get(rel) != new:
                unindexed.append(rel)
        elif on_disk == old:
            behind.append(rel)
    if not behind and not unindexed:
        return
    if behind and len(behind) + len(unindexed) < len(changed):
        # Some files of the commit were edited since: not sobreg's torn write alone.
        return
    for rel in behind:
        data = git.show("HEAD", rel)
        place(git, git.root / rel, None if data is None else data.decode("utf-8"))
        report.repaired.append({"path": rel, "what": "completed"})
    sync_index(git, behind + unindexed)
    report.repaired += [{"path": rel, "what": "indexed"} for rel in unindexed]


def _temporary_files(git: Git, registry: Registry, report: Report) -> None:
    tmp = git.git_dir / "sobreg" / "tmp"
    if tmp.is_dir():
        for leftover in sorted(tmp.iterdir()):
            leftover.unlink(missing_ok=True)
            report.repaired.append({"path": str(leftover), "what": "removed"})
    for folder in ("nominations", "programs"):
        here = registry.root / folder
        if here.is_dir():
            # Names first, Paths only for what matches: every write runs this over 10,000
            # files, where sorting them as Paths cost a write ~0.05 s.
            with os.scandir(here) as entries:
                names = sorted(
                    e.name for e in entries if e.name[:1] == "." and _OLD_TEMP.match(e.name)
                )
            for name in names:
                leftover = here / name
                if leftover.is_file():
                    leftover.unlink()
                    report.repaired.append({"path": git.rel(leftover), "what": "removed"})


def _index_lock(git: Git, report: Report) -> None:
    lock, marker = git.git_dir / "index.lock", git.git_dir / "sobreg" / "index-update"
    if not marker.is_file():
        return
    try:
        pid = int(marker.read_text(encoding="ascii").strip() or 0)
    except (OSError, ValueError):
        pid = 0
    if pid and _alive(pid):
        return
    if lock.exists():
        lock.unlink()
        report.repaired.append({"path": str(lock), "what": "removed"})
    marker.unlink(missing_ok=True)


def complete(git: Git, registry: Registry) -> Report:
    """Complete or remove sobreg's own torn writes (the caller holds the registry lock)."""
    return complete_at(git, registry, git.head())


def complete_at(git: Git, registry: Registry, head: str | None) -> Report:
    """`complete`, for a caller that has just read the commit HEAD names (None: unborn)."""
    report = Report()
    _temporary_files(git, registry, report)
    _index_lock(git, report)
    _stale_git_locks(git, report)
    _interrupted_sync(git, report)
    _torn_head(git, registry, report, git.head() if report.repaired else head)
    return report


def _interrupted_sync(git: Git, report: Report) -> None:
    """A sync killed before it ended: finished when its compare-and-swap had moved the branch,
    else undone. One stopped on a conflict waits for `sync --continue` or `--abort`."""
    old_index = git.git_dir / "sobreg-sync-index"
    if old_index.exists():
        old_index.unlink()
        report.repaired.append({"path": str(old_index), "what": "removed"})
    journal = sync.read_journal(git)
    if journal is None:
        if sync.work_dir(git).exists():
            sync.drop_work(git)
            report.repaired.append({"path": str(sync.work_dir(git)), "what": "removed"})
        return
    if journal.get("conflict"):
        return
    finished = sync.finish_moved(git, journal)
    sync.drop_work(git)
    report.repaired.append(
        {"path": str(sync.work_dir(git)), "what": "sync_finished" if finished else "sync_undone"}
    )


# Git's own lock files that a killed git (or sobreg's git) can leave behind.
# (`index.lock` has its own rule: sobreg marks its own index updates, `_index_lock`.)
_GIT_LOCKS = ("HEAD.lock", "packed-refs.lock", "config.lock", "ORIG_HEAD.lock")


def _held_open(path: str) -> bool:
    """Whether any process has `path` open (Linux: /proc/*/fd); True when that cannot be told,
    so a lock is removed only when its owner is known to be gone."""
    proc = "/proc"
    if not os.path.isdir(proc):
        return True
    for pid in os.listdir(proc):
        if not pid.isdigit():
            continue
        folder = os.path.join(proc, pid, "fd")
        try:
            for fd in os.listdir(folder):
                if os.readlink(os.path.join(folder, fd)) == path:
                    return True
        except OSError:
            continue
    return False


def _stale_git_locks(git: Git, report: Report) -> None:
    """A git lock file whose owner is dead blocks every write for good: removed (the caller holds
    sobreg's lock, so no sobreg is writing; a person's git still running keeps it open)."""
    found = [git.git_dir / name for name in _GIT_LOCKS]
    heads = git.git_dir / "refs" / "heads"
    if heads.is_dir():
        found += sorted(heads.rglob("*.lock"))
    for lock in found:
        if lock.is_file() and not _held_open(str(lock.resolve())):
            lock.unlink(missing_ok=True)
            report.repaired.append({"path": str(lock), "what": "lock_removed"})


def left_over(git: Git, registry: Registry) -> list[dict[str, str]]:
    """What is not sobreg's to repair: uncommitted or untracked registry files, a foreign lock,
    a sync stopped on a conflict (for `sync --continue` or `--abort`)."""
    left = []
    journal = sync.read_journal(git)
    if journal and journal.get("conflict"):
        left.append({"path": str(sync.work_dir(git)), "why": "sync_conflict"})
    for name in ("rebase-merge", "rebase-apply"):
        if (git.git_dir / name).exists():
            left.append({"path": str(git.git_dir / name), "why": "rebase_in_progress"})
    if (git.git_dir / "index.lock").exists():
        left.append({"path": str(git.git_dir / "index.lock"), "why": "index_locked"})
    scope = git.rel(registry.root)
    out = git.call("status", "--porcelain=v1", "-z", "--untracked-files=all", "--", scope)
    for record in out.stdout.decode("utf-8", "replace").split("\0"):
        if len(record) > 3:
            state, rel = record[:2], record[3:]
            left.append({"path": rel, "why": "untracked" if state == "??" else "uncommitted"})
    return left


def repair(git: Git, registry: Registry) -> Report:
    report = complete(git, registry)
    report.left = left_over(git, registry)
    return report
