"""The one way sobreg writes a file outside git's object store: whole or not at all.

Every file sobreg writes (registry files placed after a commit, exported schemas and reports,
its kept files under `.git/sobreg/`) is written to a temporary file in the same folder (or in a
scratch folder on the same file system), then renamed over the target: a reader, a crash or a
kill sees the old file or the new one, never half of one, and no temporary file is left behind.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

Content = bytes | Callable[[int], bytes]


def write(
    path: Path, content: Content, *, durable: bool = True, scratch: Path | None = None,
    best_effort: bool = False,
) -> bool:  # fmt: skip
    """Replace `path` with `content` (bytes, or a function given the new file's creation time in
    ns, for a kept file that records when it was written). `durable`: synced to disk, file and
    folder, before and after the rename (what people and git see); a cache need not be.
    `scratch`: where the temporary file is made (same file system), when the target's folder must
    never hold one. `best_effort`: an OSError only costs time (a cache): False is returned and
    nothing is left. The file keeps the mode of the one it replaces, else 0644."""
    tmp = ""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        folder = scratch if scratch is not None else path.parent
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            data = content if isinstance(content, bytes) else content(os.fstat(fd).st_mtime_ns)
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        try:
            mode = path.stat().st_mode & 0o777
        except FileNotFoundError:
            mode = 0o644
        os.chmod(tmp, mode)
        os.replace(tmp, path)
        tmp = ""
    except OSError:
        if not best_effort:
            raise
        return False
    finally:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
    if durable:
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    return True
