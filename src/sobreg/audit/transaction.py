"""A write as git writes: new objects, then a compare-and-swap of the branch, then the working
tree (docs/architecture.md, quality bars).

The commit is built from blobs and trees written next to HEAD's (`trees`), never through the
user's index, so their staged and unstaged work is left alone. Only when
`git update-ref HEAD NEW OLD` has moved the branch are the working files replaced (atomically,
from temporary files outside `registry/`) and the real index updated for exactly those paths.
A crash before the ref moves leaves nothing visible; a crash after it leaves files behind
`HEAD`, which `repair` (run first by every writing command) completes.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from sobreg.audit import repair, trees
from sobreg.audit.lock import registry_lock
from sobreg.audit.repo import Git, git_configs
from sobreg.audit.worktree import blob_id, place, scratch, sync_index
from sobreg.errors import EnvironmentFailure, RefusedError
from sobreg.store.registry import Registry

ZERO = "0" * 40


@contextmanager
def writing(registry: Registry, *items: Path) -> Iterator[Git]:
    """Hold the registry lock for a whole read-modify-write, so no update is lost; complete a
    torn write of sobreg's own first, and refuse `items` whose files differ from `HEAD`, so
    nothing is built on what is not committed."""
    git = Git(registry.root)
    with registry_lock(git.git_dir):
        head = git.head()  # the torn-write check, the refusal and the commit all build on it
        if repair.complete_at(git, registry, head).repaired:
            head = git.head()  # a sync it finished moved the branch
        if any((git.git_dir / name).exists() for name in ("rebase-merge", "rebase-apply")):
            # A rebase stopped half-way (a person's, or a sync of sobreg before 0.11): HEAD is
            # detached on a half-built history; nothing is committed on top of it.
            raise EnvironmentFailure("git.rebase_in_progress")
        _refuse_renumbered(git, registry.seen_head, head, items)
        known = refuse_uncommitted(git, dict.fromkeys(items), head)
        if (git.git_dir / "index.lock").exists():
            # Left by a git process that died (or one still running): updating the index would
            # fail after the branch moved, so refuse before writing anything.
            raise EnvironmentFailure("git.index_locked", path=str(git.git_dir / "index.lock"))
        git.held_head = (head,)
        git.checked = {rel: known.get(rel) for rel in map(git.rel, items)}
        try:
            yield git
        finally:
            git.held_head, git.checked = None, {}


def _refuse_renumbered(
    git: Git, seen: str | None, head: str | None, items: tuple[Path, ...]
) -> None:
    """Refuse a write to an item that a sync renumbered after the command was given (while it
    waited for the lock): the id now names someone else's nomination."""
    if not seen or not head or seen == head or not items:
        return
    sep, end = "\x1f", "\x1e"
    renamed, named = (
        "trailers:key=Sobreg-Renamed-From,valueonly",
        "trailers:key=Sobreg-Id,valueonly",
    )
    done = git.call("log", f"--format=%({renamed}){sep}%({named}){end}", f"{seen}..{head}", ok=True)
    moved = {}
    for record in done.stdout.decode("utf-8", "replace").split(end):
        old, _, new = record.partition(sep)
        if old.strip():
            moved[old.strip()] = new.strip()
    for path in items:
        if path.stem in moved:
            raise RefusedError("write.renumbered", id=path.stem, new=moved[path.stem])


def committed_ids(git: Git, rels: list[str], head: str | None) -> dict[str, tuple[str, str]]:
    """(mode, blob id) in `head` of each of `rels` that exists there, from the trees of their
    folders, which the commit then builds on (`trees.read`: each read once)."""
    return {} if head is None else trees.entries(git, head, rels)


def refuse_uncommitted(
    git: Git, files: Mapping[Path, str | None], head: str | None
) -> dict[str, tuple[str, str]]:
    """Refuse (exit 1) when a file to be written differs from `HEAD` in the working tree: a
    command never builds on what is not committed. Returns the files' entries in `HEAD`."""
    rels = {path: git.rel(path) for path in files}
    known = committed_ids(git, list(rels.values()), head)
    for path, rel in rels.items():
        on_disk = path.read_bytes() if path.is_file() else None
        committed = known.get(rel)
        if committed is None and on_disk is None:
            continue
        if committed is None or on_disk is None or blob_id(on_disk) != committed[1]:
            raise RefusedError("write.uncommitted", path=rel)
    return known


def _tree(git: Git, head: str | None, files: dict[str, str | None], modes: dict[str, str]) -> str:
    """A tree of `head` with `files` replaced (None: removed): from HEAD's trees on the changed
    paths (`trees`); the first commit of a repository through a temporary index."""
    if head is None:
        return index_tree(git, head, files, modes)
    texts = {rel: text.encode("utf-8") for rel, text in files.items() if text is not None}
    ids = dict(zip(texts, trees.write_objects(git, "blob", list(texts.values())), strict=True))
    return trees.build(git, head, {rel: ids.get(rel) for rel in files}, modes)


def _blob(git: Git, text: str) -> str:
    done = git.call("hash-object", "-w", "--stdin", data=text.encode("utf-8"))
    return done.stdout.decode().strip()


def index_tree(
    git: Git, head: str | None, files: dict[str, str | None], modes: dict[str, str]
) -> str:
    """`_tree` built in a temporary index: reads and writes the whole tree (the first commit, and
    the reference `trees.build` is tested against)."""
    index = Path(tempfile.mkstemp(prefix="index-", dir=scratch(git))[1])
    env = {"GIT_INDEX_FILE": str(index)}
    try:
        index.unlink()  # git writes it; an empty file is not an index
        if head is not None:
            git.call("read-tree", head, env=env)
        else:
            git.call("read-tree", "--empty", env=env)
        lines = []
        for rel, text in files.items():
            if text is None:
                lines.append(f"0 {ZERO}\t{rel}")
            else:
                lines.append(f"{modes.get(rel, '100644')} {_blob(git, text)}\t{rel}")
        git.call("update-index", "-z", "--index-info", env=env,
                 data="".join(line + "\0" for line in lines).encode("utf-8"))  # fmt: skip
        return git.call("write-tree", env=env).stdout.decode().strip()
    finally:
        index.unlink(missing_ok=True)


def _identity(config: dict[str, str], actor: str, name: str | None) -> dict[str, str]:
    own_email = config.get("user.email")
    if name is None and own_email and own_email.casefold() == actor.casefold():
        # The actor acting as themselves: their own name, as any of their git commits has.
        name = config.get("user.name")
    env = {"GIT_AUTHOR_NAME": name or actor, "GIT_AUTHOR_EMAIL": actor}
    if not own_email:
        env |= {"GIT_COMMITTER_NAME": name or actor, "GIT_COMMITTER_EMAIL": actor}
    return env


def commit_files(
    git: Git, files: Mapping[Path, str | None], message: str, actor: str, name: str | None = None
) -> str:
    """Commit exactly `files` (text, or None to remove) on top of `HEAD`, then show them in the
    working tree; refused before anything is written when a file differs from `HEAD`."""
    held = git.held_head is not None
    old = git.head()  # once: the files, the tree and the compare-and-swap all build on it
    # The files `writing` checked under the lock are not looked at again (the lock is held, HEAD
    # as it read it): one check of each file per write.
    checked = git.checked if held else {}
    known = {rel: entry for rel, entry in checked.items() if entry is not None}
    known |= refuse_uncommitted(git, {p: t for p, t in files.items() if git.rel(p) not in checked},
                                old)  # fmt: skip
    rels = {git.rel(path): text for path, text in files.items()}
    modes = {rel: mode for rel, (mode, _) in known.items()}
    tree = _tree(git, old, rels, modes)
    parents = ["-p", old] if old else []
    config = git_configs(("commit.gpgsign", "user.email", "user.name"), git.root)
    # commit-tree does not read commit.gpgSign itself: where the region signs, sobreg signs too.
    signing = config.get("commit.gpgsign", "").lower() in ("true", "yes", "on", "1")
    made = git.call("commit-tree", tree, *parents, *(["-S"] if signing else []),
                    data=message.encode("utf-8"), env=_identity(config, actor, name))  # fmt: skip
    new = made.stdout.decode().strip()
    # The compare-and-swap: refused when anything else moved the branch meanwhile.
    moved = git.call("update-ref", "-m", "sobreg", "HEAD", new, old or ZERO, ok=True)
    if moved.returncode != 0:
        raise EnvironmentFailure("git.moved", ref="HEAD")
    if held:
        git.held_head = (new,)  # still under the lock: the next commit of this write builds on it
        git.checked = {}  # what this commit wrote is HEAD's now, under other entries
    for path, text in files.items():
        place(git, path, text)
    sync_index(git, list(rels))
    return new
