"""Git as the audit trail: commit exactly the touched paths, read an item's log, read old versions.

Every call is one `git` process (`git_process`): GitPython's index API rewrites the whole index in
Python (about 0.46 s a commit on a 10,000-file repository against 0.07 s for the git commands),
and loading GitPython alone takes ~0.035 s, more than the `git rev-parse` that finds the
repository. GitPython creates a new repository in `init` (`init_repository`).
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sobreg.errors import EnvironmentFailure

TRAILERS = ("Sobreg-Id", "Sobreg-Action", "Sobreg-From", "Sobreg-To")

# Inside a git hook, git exports these for the hook's own operation (a temporary index during
# `git commit -a`, a worktree path). sobreg works on the repository that holds the registry and
# commits on its own, so they must not leak into its git calls.
_HOOK_VARIABLES = (
    "GIT_INDEX_FILE",
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_PREFIX",
    "GIT_OBJECT_DIRECTORY",
)


def _clean_environment() -> None:
    for name in _HOOK_VARIABLES:
        os.environ.pop(name, None)


def git_process(
    args: list[str],
    cwd: Path | None,
    *,
    ok: bool = False,
    env: dict[str, str] | None = None,
    data: bytes = b"",
    timeout: float = 300,
) -> subprocess.CompletedProcess[bytes]:
    """The one way sobreg runs git. `ok`: a failure is an answer (its exit code), not an error."""
    _clean_environment()
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, input=data, capture_output=True, check=False,
            env={**os.environ, **(env or {})}, timeout=timeout,
        )  # fmt: skip
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise EnvironmentFailure("git.failed", command=args[0], detail=str(exc)[:300]) from None
    if done.returncode != 0 and not ok:
        detail = done.stderr.decode("utf-8", "replace").strip().replace("\n", " ")
        raise EnvironmentFailure("git.failed", command=args[0], detail=detail[:300])
    return done


def git_config(key: str, cwd: Path | None = None) -> str | None:
    """A git configuration value, or None (no git, no repository, unset)."""
    try:
        done = git_process(["config", "--get", key], cwd, ok=True)
    except EnvironmentFailure:
        return None
    return done.stdout.decode("utf-8", "replace").strip() or None


def git_configs(keys: tuple[str, ...], cwd: Path | None = None) -> dict[str, str]:
    """Several configuration values in one git process (the last value of each key wins, as
    `git config --get` says); unset keys are left out."""
    pattern = "^(" + "|".join(key.replace(".", "\\.") for key in keys) + ")$"
    try:
        done = git_process(["config", "-z", "--get-regexp", pattern], cwd, ok=True)
    except EnvironmentFailure:
        return {}
    found = {}
    for record in done.stdout.decode("utf-8", "replace").split("\0"):
        key, _, value = record.partition("\n")
        if key:
            found[key.lower()] = value.strip()
    return {key: found[key.lower()] for key in keys if found.get(key.lower())}


def init_repository(folder: Path) -> None:
    """Make `folder` a git repository (branch `main`) unless it is inside one already."""
    # Lazy: GitPython loads for `init` only (see the module's docstring).
    import git

    try:
        git.Repo(folder, search_parent_directories=True)
    except git.InvalidGitRepositoryError:
        git.Repo.init(folder, initial_branch="main")


@dataclass
class Commit:
    sha: str
    date: str
    author: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        # `trailers` extends docs/cli.md's keys: scripts get id/action/from/to without parsing text.
        return {
            "commit": self.sha,
            "date": self.date,
            "author": self.author,
            "message": self.message,
            "trailers": trailers(self.message),
        }


# git commands that may move HEAD (see `Git.held_head`).
_MOVES_HEAD = frozenset(("update-ref", "reset", "commit", "rebase", "merge", "pull", "checkout",
                         "switch", "cherry-pick", "revert", "am", "stash", "symbolic-ref",
                         "branch"))  # fmt: skip


class Git:
    """The git repository that contains a folder."""

    def __init__(self, folder: Path) -> None:
        if not folder.is_dir():
            raise EnvironmentFailure("git.not_repo", path=str(folder))
        found = git_process(["rev-parse", "--show-toplevel", "--absolute-git-dir"], folder, ok=True)
        lines = found.stdout.decode("utf-8", "surrogateescape").splitlines()
        if found.returncode != 0 or len(lines) != 2:  # not a repository, or a bare one
            raise EnvironmentFailure("git.not_repo", path=str(folder))
        self.root = Path(lines[0]).resolve()
        self.git_dir = Path(lines[1]).resolve()
        # (commit, folder) -> the folder's tree entries, name -> (mode, id), as read (trees.py):
        # a commit's objects never change, so a write reads each folder of HEAD once.
        self.trees: dict[tuple[str, str], dict[bytes, tuple[bytes, str]]] = {}
        # HEAD as a write holding the registry lock read it, in a tuple (None inside: unborn);
        # None: ask git. Forgotten when this process runs a command that may move HEAD; one
        # moved by another process makes the commit's compare-and-swap refuse (`git.moved`).
        self.held_head: tuple[str | None] | None = None
        # Files a write holding the lock found as HEAD has them, with their entries there (None:
        # in neither): the commit that follows does not look at them again (`commit_files`).
        self.checked: dict[str, tuple[str, str] | None] = {}

    def run(self, command: str, *args: str, env: dict[str, str] | None = None) -> str:
        """git's output as text, without its final newline."""
        out = self.call(command, *args, env=env).stdout
        return out.decode("utf-8", "replace").removesuffix("\n")

    def call(
        self,
        *args: str,
        ok: bool = False,
        env: dict[str, str] | None = None,
        data: bytes = b"",
        timeout: float = 300,
    ) -> subprocess.CompletedProcess[bytes]:
        """git as a process in this repository (see `git_process`)."""
        if args and args[0] in _MOVES_HEAD:
            self.held_head = None
            self.checked = {}
        return git_process(list(args), self.root, ok=ok, env=env, data=data, timeout=timeout)

    def out(self, *args: str) -> str:
        return self.call(*args).stdout.decode("utf-8", "replace").strip()

    def rel(self, path: Path) -> str:
        return path.resolve().relative_to(self.root).as_posix()

    def has_commits(self) -> bool:
        return self.call("rev-parse", "--verify", "-q", "HEAD", ok=True).returncode == 0

    def head(self) -> str | None:
        """The commit `HEAD` names, or None on an unborn branch (one git process, none while a
        write holds what it read: `held_head`)."""
        if self.held_head is not None:
            return self.held_head[0]
        done = self.call("rev-parse", "--verify", "-q", "HEAD", ok=True)
        return done.stdout.decode().strip() if done.returncode == 0 else None

    def _commit_graph(self) -> None:
        """Keep git's commit-graph with changed-path Bloom filters up to date, so a path's log
        skips the commits that did not touch it without diffing them (1.3 s → ~0.1 s on a
        10,000-file repository). Written incrementally (`--split`) when HEAD has moved."""
        marker = self.git_dir / "sobreg" / "commit-graph-head"
        head = self.head()
        if head is None:
            return
        try:
            if marker.read_text(encoding="ascii").strip() == head:
                return
        except OSError:
            pass
        try:
            self.run("commit-graph", "write", "--reachable", "--changed-paths", "--split")
            marker.parent.mkdir(exist_ok=True)
            marker.write_text(head + "\n", encoding="ascii")
        except Exception:  # an optimisation only: the log is right without it
            return

    def log(self, path: Path) -> list[Commit]:
        """The commits that touched an item's file, newest first, following a renumbering back
        through its `Sobreg-Renamed-From` trailer (instead of `--follow`, which cannot use the
        changed-path filters)."""
        if not self.has_commits():
            return []
        self._commit_graph()
        sep, end = "\x1f", "\x1e"
        fmt = f"--format=%H{sep}%aI{sep}%an <%ae>{sep}%B{end}"

        def parse(out: str) -> list[Commit]:
            found = []
            for record in out.split(end):
                record = record.strip("\n")
                if record:
                    sha, date, author, body = record.split(sep, 3)
                    found.append(Commit(sha, date, author, body.strip()))
            return found

        # Commits about the item that change no file of it (a renumbering) carry its trailer.
        marked = parse(self.run("log", fmt, "--fixed-strings", f"--grep=Sobreg-Id: {path.stem}"))
        commits: list[Commit] = []
        rel, start = self.rel(path), "HEAD"
        for _ in range(100):  # renumberings of one item: a handful at most
            commits += parse(self.run("log", fmt, start, "--", rel))
            old = trailers(commits[-1].message).get("Sobreg-Renamed-From") if commits else None
            if not old:
                break
            rel = str(Path(rel).with_name(f"{old}{Path(rel).suffix}").as_posix())
            start = f"{commits[-1].sha}^"
        seen = {c.sha for c in commits}
        extra = [c for c in marked if c.sha not in seen]
        return sorted(commits + extra, key=lambda c: c.date, reverse=True) if extra else commits

    def show(self, ref: str, path: str) -> bytes | None:
        """A file's bytes at `ref`, or None when it did not exist there."""
        done = self.call("show", f"{ref}:{path}", ok=True)
        return done.stdout if done.returncode == 0 else None

    def signatures(self, shas: list[str], allowed: bytes) -> dict[str, tuple[str, str, str]]:
        """sha -> (git's %G? state, the signer, the author's e-mail) of each commit, checked
        against `allowed` as the SSH allowed-signers file (written to a file of its own for git,
        removed afterwards)."""
        # Lazy: only `verify --signatures` writes a signers file.
        import tempfile

        folder = self.git_dir / "sobreg"
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix="signers-", delete=False) as handle:
            handle.write(allowed)
        try:
            sep, end = "\x1f", "\x1e"
            out = self.call("-c", f"gpg.ssh.allowedSignersFile={handle.name}", "log",
                            "--no-walk=unsorted", f"--format=%H{sep}%G?{sep}%GS{sep}%ae{end}",
                            *shas).stdout.decode("utf-8", "replace")  # fmt: skip
        finally:
            Path(handle.name).unlink(missing_ok=True)
        found = {}
        for record in out.split(end):
            record = record.strip("\n")
            if record:
                sha, state, signer, author = record.split(sep, 3)
                found[sha] = (state, signer, author)
        return found

    def read_blobs(self, specs: list[str]) -> dict[str, bytes]:
        """The bytes of many `REV:PATH` objects in one `git cat-file --batch` (absent ones left
        out): reading a commit's files costs one process, not one per file."""
        found = self.read_objects(specs)
        return {spec: data for spec, (kind, data) in found.items() if kind == "blob"}

    def read_objects(self, specs: list[str]) -> dict[str, tuple[str, bytes]]:
        """(type, bytes) of many objects named `REV:PATH` (or any name git resolves) in one
        `git cat-file --batch`; absent ones left out."""
        if not specs:
            return {}
        done = self.call("cat-file", "--batch", data="".join(f"{s}\n" for s in specs).encode())
        out, found, at = done.stdout, {}, 0
        for spec in specs:
            end = out.index(b"\n", at)
            header = out[at:end].split(b" ")
            at = end + 1
            if len(header) == 3 and header[1] != b"missing":
                size = int(header[2])
                found[spec] = (header[1].decode(), out[at : at + size])
                at += size + 1
        return found

    def verify_ref(self, ref: str) -> str:
        done = self.call("rev-parse", "--verify", "-q", f"{ref}^{{commit}}", ok=True)
        if done.returncode != 0:
            raise EnvironmentFailure("git.bad_ref", ref=ref)
        return done.stdout.decode().strip()

    def changed_since(self, ref: str, folder: Path) -> dict[str, str]:
        """Files under `folder` that differ between `ref` and the working tree: path -> A/M/D."""
        rel = self.rel(folder)
        changes: dict[str, str] = {}
        out = self.run("diff", "--name-status", "--no-renames", ref, "--", rel)
        for line in out.splitlines():
            status, _, path = line.partition("\t")
            changes[path] = status[:1]
        for path in self.run("ls-files", "--others", "--exclude-standard", "--", rel).splitlines():
            changes[path] = "A"
        return changes


def trailers(message: str) -> dict[str, str]:
    found = {}
    for line in message.splitlines():
        key, sep, value = line.partition(": ")
        if sep and key in TRAILERS:
            found[key] = value.strip()
    return found


def message(
    subject: str, item_id: str, action: str, from_step: str | None, to_step: str | None
) -> str:
    lines = [subject, "", f"Sobreg-Id: {item_id}", f"Sobreg-Action: {action}"]
    lines.append(f"Sobreg-From: {from_step or '-'}")
    lines.append(f"Sobreg-To: {to_step or '-'}")
    return "\n".join(lines) + "\n"
