"""`sync`: fetch the shared registry, replay local commits on it, renumber colliding nominations,
validate and verify, push; retry when a faster colleague pushed first.

Two administrators who nominated offline both get the next free id. Local, not-yet-pushed
commits are rewritten (as a rebase rewrites them) so the local nomination has the next free id
from its first commit, and one more commit records the renumbering. Edits git cannot merge stop
the sync with the rebase undone, naming the item and both actors.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sobreg.audit.repo import Git, trailers
from sobreg.errors import EnvironmentFailure, RefusedError
from sobreg.i18n import t
from sobreg.models.ids import is_nomination_id, nomination_id, nomination_seq
from sobreg.store import atomic
from sobreg.store.registry import Registry

ATTEMPTS = 3
# sobreg's own replay worktree and the journal of a sync in progress, under `.git/sobreg/`.
WORK = "sync-work"
JOURNAL = "sync.json"
# A renamed file's (path, text before, text after the ids changed) -> the text with its history
# chain sealed anew (given by the caller, who knows the chain).
Reseal = Callable[[str, str, str], str]


@dataclass
class Synced:
    pulled: int = 0
    pushed: int = 0
    renumbered: list[dict[str, str]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"pulled": self.pulled, "pushed": self.pushed, "renumbered": self.renumbered}


def upstream(git: Git) -> tuple[str, str, str]:
    """(remote, branch, remote-tracking ref) that this branch syncs with."""
    branch = git.out("rev-parse", "--abbrev-ref", "HEAD")
    if branch == "HEAD":
        raise RefusedError("sync.detached")
    done = git.call("rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{u}", ok=True)
    tracking = done.stdout.decode().strip()
    if done.returncode == 0 and "/" in tracking:
        remote, remote_branch = tracking.split("/", 1)
        return remote, remote_branch, tracking
    remotes = git.out("remote").split()
    if "origin" not in remotes:
        raise EnvironmentFailure("sync.no_remote")
    return "origin", branch, f"origin/{branch}"


def _nominations(git: Git, ref: str, folder: str) -> set[str]:
    names = git.out("ls-tree", "--name-only", f"{ref}:{folder}") if ref else ""
    return {Path(n).stem for n in names.split() if is_nomination_id(Path(n).stem)}


def _collisions(git: Git, base: str, upstream: str, folder: str) -> list[str]:
    """Nominations added by local commits whose id the upstream now holds too."""
    added = git.out("diff", "--name-only", "--diff-filter=A", base, "HEAD", "--", folder)
    local = {Path(n).stem for n in added.split() if is_nomination_id(Path(n).stem)}
    return sorted(local & _nominations(git, upstream, folder))


def _next_ids(taken: set[str], wanted: list[str]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    used = set(taken)
    for old in wanted:
        year, _ = nomination_seq(old)
        seqs = [nomination_seq(i)[1] for i in used if nomination_seq(i)[0] == year]
        new = nomination_id(year, max(seqs, default=0) + 1)
        mapping[old] = new
        used.add(new)
    return mapping


def _rewrite(git: Git, base: str, mapping: dict[str, str], folder: str, reseal: Reseal) -> str:
    """Replay base..HEAD with the renumbered nominations moved to their new ids; the working
    tree and the branch are not touched. Only the renumbered nominations' own files change: a
    nomination's file, a program created from it (its `nomination:` names it), and the messages
    of their own commits (`Sobreg-Id`). Each replayed commit's tree is the previous replayed
    commit's with this commit's changes applied, so a rename holds in every later commit.
    Returns the new head."""
    pattern = re.compile("|".join(rf"\b{re.escape(o)}\b" for o in mapping))
    swap = lambda text: pattern.sub(lambda m: mapping[m.group(0)], text)  # noqa: E731
    renamed = {f"{folder}/nominations/{old}.yaml" for old in mapping}
    links = re.compile(rf"^nomination: ({'|'.join(re.escape(o) for o in mapping)})\s*$", re.M)
    index = git.git_dir / "sobreg-sync-index"
    env = {"GIT_INDEX_FILE": str(index)}
    parent = base
    try:
        for sha in git.out("rev-list", "--reverse", f"{base}..HEAD").split():
            git.call("read-tree", parent, env=env)
            diff = git.call(
                "diff-tree", "-r", "-z", "--no-renames", "--no-commit-id", f"{sha}^", sha
            )
            out = diff.stdout.decode("utf-8", "replace").split("\0")
            for meta, path in zip(out[0::2], out[1::2], strict=False):
                if not meta.startswith(":"):
                    continue
                mode, obj, status = meta.split(" ")[1], meta.split(" ")[3], meta.split(" ")[4][:1]
                target = swap(path) if path in renamed else path
                if status == "D":
                    git.call("update-index", "--force-remove", target, env=env)
                    continue
                text = git.call("cat-file", "blob", obj).stdout.decode("utf-8", "replace")
                if path in renamed or (path.startswith(folder) and links.search(text)):
                    text = reseal(target, text, swap(text))
                    obj = git.call("hash-object", "-w", "--stdin",
                                   data=text.encode("utf-8")).stdout.decode().strip()  # fmt: skip
                git.call("update-index", "--add", "--cacheinfo", f"{mode},{obj},{target}", env=env)
            tree = git.call("write-tree", env=env).stdout.decode().strip()
            who = git.out("show", "-s", "--format=%an%x00%ae%x00%aI%x00%B", sha).split("\0", 3)
            author = {"GIT_AUTHOR_NAME": who[0], "GIT_AUTHOR_EMAIL": who[1],
                      "GIT_AUTHOR_DATE": who[2]}  # fmt: skip
            message = who[3]
            if trailers(message).get("Sobreg-Id") in mapping:
                message = swap(message)
            parent = git.call("commit-tree", tree, "-p", parent, env=author,
                              data=message.encode()).stdout.decode().strip()  # fmt: skip
    finally:
        index.unlink(missing_ok=True)
    return parent


def renumber(
    git: Git, registry: Registry, upstream: str, actor: str, reseal: Reseal
) -> tuple[str, list[dict[str, str]]]:
    """The local commits rewritten with colliding nominations renumbered, plus one empty commit
    per renumbering that records it: (the new local head, what moved). Nothing is checked out:
    the caller replays the result on the upstream and moves the branch at the end."""
    folder = (registry.root / "nominations").relative_to(git.root).as_posix()
    head = git.out("rev-parse", "HEAD")
    base = git.out("merge-base", "HEAD", upstream)
    colliding = _collisions(git, base, upstream, folder)
    if not colliding:
        return head, []
    taken = _nominations(git, upstream, folder) | _nominations(git, "HEAD", folder)
    mapping = _next_ids(taken, colliding)
    scope = registry.root.relative_to(git.root).as_posix()
    new_head = _rewrite(git, base, mapping, scope, reseal)
    tree = git.out("rev-parse", f"{new_head}^{{tree}}")
    for old, new in mapping.items():
        subject = t("commit.renumber", old=old, new=new)
        message = (f"{subject}\n\nSobreg-Id: {new}\nSobreg-Action: renumber\n"
                   f"Sobreg-Renamed-From: {old}\n")  # fmt: skip
        new_head = git.call("commit-tree", tree, "-p", new_head, data=message.encode(),
                            env={"GIT_AUTHOR_EMAIL": actor, "GIT_AUTHOR_NAME": actor}
                            ).stdout.decode().strip()  # fmt: skip
    return new_head, [{"from": old, "to": new} for old, new in mapping.items()]


def conflict(git: Git, registry: Registry, base: str, upstream: str) -> RefusedError:
    """The items both sides changed, with who changed them on each side."""
    rel = registry.root.relative_to(git.root).as_posix()
    ours = set(git.out("diff", "--name-only", base, "HEAD", "--", rel).split())
    theirs = set(git.out("diff", "--name-only", base, upstream, "--", rel).split())
    both = sorted(ours & theirs) or sorted(ours | theirs)
    notes: list[tuple[str, dict[str, Any]]] = []
    for path in both:
        local = git.out("log", "-1", "--format=%an <%ae>", f"{base}..HEAD", "--", path)
        remote = git.out("log", "-1", "--format=%an <%ae>", f"{base}..{upstream}", "--", path)
        notes.append(("sync.conflict_item", {"item": Path(path).stem, "local": local,
                                             "remote": remote}))  # fmt: skip
    return RefusedError("sync.conflict", notes=notes)


def _journal_file(git: Git) -> Path:
    return git.git_dir / "sobreg" / JOURNAL


def read_journal(git: Git) -> dict[str, Any] | None:
    try:
        data = json.loads(_journal_file(git).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def write_journal(git: Git, data: dict[str, Any]) -> None:
    # Durable: repair reads it after a crash to know how far the sync got.
    atomic.write(_journal_file(git), json.dumps(data, sort_keys=True).encode("utf-8"))


def work_dir(git: Git) -> Path:
    return git.git_dir / "sobreg" / WORK


def drop_work(git: Git) -> None:
    """Remove sobreg's replay worktree (a rebase stopped in it included) and the journal."""
    work = work_dir(git)
    if work.exists() or (git.git_dir / "worktrees" / WORK).exists():
        git.call("worktree", "remove", "--force", str(work), ok=True)
        git.call("worktree", "prune", ok=True)
    _journal_file(git).unlink(missing_ok=True)


def branch_ref(git: Git) -> str:
    ref = git.call("symbolic-ref", "-q", "HEAD", ok=True).stdout.decode().strip()
    if not ref:
        raise RefusedError("sync.detached")
    return ref


def finish_moved(git: Git, journal: dict[str, Any]) -> bool:
    """When the branch already moved to the journal's `new`: the working tree and index follow
    (from `old`), the replay goes. True when it did; False when the branch is still at `old`."""
    ref, old, new = journal.get("ref"), journal.get("old"), journal.get("new")
    current = git.call("rev-parse", "-q", "--verify", str(ref), ok=True).stdout.decode().strip()
    if new and current == new and old != new:
        git.call("read-tree", "-m", "-u", str(old), str(new))
        return True
    return False
