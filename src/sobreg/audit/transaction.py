"""Write a set of files and commit them as one change, or leave everything as it was."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sobreg.audit.lock import registry_lock
from sobreg.audit.repo import Git
from sobreg.errors import EnvironmentFailure
from sobreg.store.registry import Registry
from sobreg.store.yamlio import atomic_write


@contextmanager
def writing(registry: Registry) -> Iterator[Git]:
    """Hold the registry lock for a whole read-modify-write, so no update is lost."""
    git = Git(registry.root)
    with registry_lock(git.git_dir):
        if (git.git_dir / "index.lock").exists():
            # Left by a git process that died (or one still running): committing would fail
            # after the files were written, so refuse before writing anything.
            raise EnvironmentFailure("git.index_locked", path=str(git.git_dir / "index.lock"))
        yield git


def commit_files(
    git: Git, files: dict[Path, str], message: str, actor: str, name: str | None = None
) -> str:
    """Write `files` atomically and commit exactly them; on any failure restore every file."""
    before: dict[Path, bytes | None] = {p: (p.read_bytes() if p.exists() else None) for p in files}
    try:
        for path, text in files.items():
            atomic_write(path, text)
        return git.commit_paths(list(files), message, actor, name)
    except BaseException:
        for path, old in before.items():
            if old is None:
                path.unlink(missing_ok=True)
            else:
                atomic_write(path, old.decode("utf-8"))
        # The restore above is what matters; a failed unstage leaves an index entry equal to HEAD.
        with contextlib.suppress(Exception):
            git.unstage(list(files))
        raise
