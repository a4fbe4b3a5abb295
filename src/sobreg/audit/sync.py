"""`sync`: fetch the shared registry, replay local commits on it, renumber colliding nominations,
validate and verify, push; retry when a faster colleague pushed first.

Two administrators who nominated offline both get the next free id. Local, not-yet-pushed
commits are rewritten (as a rebase rewrites them) so the local nomination has the next free id
from its first commit, and one more commit records the renumbering. Edits git cannot merge stop
the sync with the rebase undone, naming the item and both actors.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sobreg.audit.repo import Git
from sobreg.errors import EnvironmentFailure, RefusedError
from sobreg.i18n import t
from sobreg.models.ids import is_nomination_id, nomination_id, nomination_seq
from sobreg.store.registry import Registry

ATTEMPTS = 3
# A renamed file's text (path, text) -> text with its history chain sealed anew: the ids in it
# changed, so the digests over them are recomputed (given by the caller, who knows the chain).
Reseal = Callable[[str, str], str]


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
    """Replay base..HEAD with every renamed id replaced (paths, contents, messages, and the
    history chain resealed by `reseal`); the working tree is not touched. Returns the new head."""
    pattern = re.compile("|".join(rf"\b{re.escape(o)}\b" for o in mapping))
    swap = lambda text: pattern.sub(lambda m: mapping[m.group(0)], text)  # noqa: E731
    index = git.git_dir / "sobreg-sync-index"
    env = {"GIT_INDEX_FILE": str(index)}
    parent = base
    try:
        for sha in git.out("rev-list", "--reverse", f"{base}..HEAD").split():
            git.call("read-tree", sha, env=env)
            changed = git.out("diff", "--name-only", f"{sha}^", sha, "--", folder).split()
            for path in changed:
                blob = git.call("cat-file", "blob", f"{sha}:{path}", ok=True)
                if blob.returncode != 0:
                    continue  # deleted in this commit
                new_path = swap(path)
                text = reseal(new_path, swap(blob.stdout.decode("utf-8")))
                stored = git.call("hash-object", "-w", "--stdin", data=text.encode("utf-8"))
                obj = stored.stdout.decode().strip()
                if new_path != path:
                    git.call("update-index", "--force-remove", path, env=env)
                git.call(
                    "update-index", "--add", "--cacheinfo", f"100644,{obj},{new_path}", env=env
                )
            tree = git.call("write-tree", env=env).stdout.decode().strip()
            meta = git.out("show", "-s", "--format=%an%x00%ae%x00%aI%x00%B", sha).split("\0", 3)
            author = {"GIT_AUTHOR_NAME": meta[0], "GIT_AUTHOR_EMAIL": meta[1],
                      "GIT_AUTHOR_DATE": meta[2]}  # fmt: skip
            parent = git.call("commit-tree", tree, "-p", parent, env=author,
                         data=swap(meta[3]).encode()).stdout.decode().strip()  # fmt: skip
    finally:
        index.unlink(missing_ok=True)
    return parent


def renumber(
    git: Git, registry: Registry, upstream: str, actor: str, reseal: Reseal
) -> list[dict[str, str]]:
    folder = (registry.root / "nominations").relative_to(git.root).as_posix()
    base = git.out("merge-base", "HEAD", upstream)
    colliding = _collisions(git, base, upstream, folder)
    if not colliding:
        return []
    taken = _nominations(git, upstream, folder) | _nominations(git, "HEAD", folder)
    mapping = _next_ids(taken, colliding)
    # Every registry file the local commits changed: a program created from the nomination
    # links back to it by id.
    scope = registry.root.relative_to(git.root).as_posix()
    new_head = _rewrite(git, base, mapping, scope, reseal)
    git.call("reset", "--hard", "--quiet", new_head)
    for old, new in mapping.items():
        subject = t("commit.renumber", old=old, new=new)
        message = (f"{subject}\n\nSobreg-Id: {new}\nSobreg-Action: renumber\n"
                   f"Sobreg-Renamed-From: {old}\n")  # fmt: skip
        git.call("commit", "--quiet", "--allow-empty", "--no-verify", "-m", message,
            env={"GIT_AUTHOR_EMAIL": actor, "GIT_AUTHOR_NAME": actor})  # fmt: skip
    return [{"from": old, "to": new} for old, new in mapping.items()]


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
