"""Other registries as read-only git data: fetched into refs of this repository's own
(`refs/sobreg/sources/<name>/head`), never into the working tree or a branch, and read from git
objects in one batch.

Nothing of a source is ever run: its URL cannot name a transport that runs a command (the model
refuses `ext::` and `fd::`, and git is told to refuse them too), git asks no questions on a
terminal, and hooks do not run on fetch. Each source is fetched in its own `git fetch`, several
at once, so one unreachable source costs its own timeout and no more; what each fetch found is
kept in `.git/sobreg/sources.json`, so the age of the data can be said later.
"""

from __future__ import annotations

import datetime as dt
import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sobreg.audit.repo import Git
from sobreg.errors import EnvironmentFailure
from sobreg.store import atomic

REF_PREFIX = "refs/sobreg/sources/"
REGISTRY = "registry"
FETCH_TIMEOUT = 120
PARALLEL = 8
# Transports git would otherwise accept that run a command of the URL's choosing.
_SAFE = ("-c", "protocol.ext.allow=never", "-c", "protocol.fd.allow=never",
         "-c", "gc.auto=0", "-c", "maintenance.auto=false")  # fmt: skip
_QUIET = {
    "GIT_TERMINAL_PROMPT": "0",  # an unreachable https source fails instead of asking
    "GIT_ASKPASS": "true",
    "SSH_ASKPASS": "true",
    "GIT_SSH_COMMAND": "ssh -o BatchMode=yes -o ConnectTimeout=20",
}


def ref(name: str) -> str:
    return f"{REF_PREFIX}{name}/head"


def incoming(name: str) -> str:
    """Where a fetch lands first: the source's head moves there only when the new commit
    descends from the one held (or a rewrite is accepted by name)."""
    return f"{REF_PREFIX}{name}/incoming"


@dataclass
class Spec:
    """What fetching needs of a source (from sources.yaml)."""

    name: str
    url: str
    branch: str


@dataclass
class Fetched:
    name: str
    ok: bool
    commit: str | None
    fetched_at: str | None  # when the data now held was fetched (ISO, UTC)
    previous: str | None = None
    error: str | None = None
    changed: dict[str, int] = field(default_factory=dict)  # added / modified / deleted files
    last_fetched_at: str | None = None  # when the fetch before this one got its data
    rewritten: bool = False  # the source's new head does not descend from the one held

    def as_json(self) -> dict[str, Any]:
        found: dict[str, Any] = {
            "name": self.name, "ok": self.ok, "commit": self.commit,
            "fetched_at": self.fetched_at, "previous": self.previous, "changed": self.changed,
            "last_fetched_at": self.last_fetched_at, "rewritten": self.rewritten,
        }  # fmt: skip
        if self.error is not None:
            found["error"] = self.error
        return found


def state_file(git: Git) -> Path:
    return git.git_dir / "sobreg" / "sources.json"


def read_state(git_dir: Path) -> dict[str, dict[str, Any]]:
    """What the last fetch of each source found (`{}` when never fetched or unreadable)."""
    try:
        data = json.loads((git_dir / "sobreg" / "sources.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_state(git: Git, state: dict[str, dict[str, Any]]) -> None:
    # What the last fetches found, shown by `sources list`: a write that fails loses only that.
    data = json.dumps(state, indent=1, sort_keys=True).encode()
    atomic.write(state_file(git), data, durable=False, best_effort=True)


def commits(git: Git) -> dict[str, str]:
    """The commit each fetched source's ref holds, in one git process."""
    out = git.run("for-each-ref", "--format=%(refname) %(objectname)", REF_PREFIX)
    found = {}
    for line in out.splitlines():
        name, _, sha = line.partition(" ")
        if name.endswith("/head"):
            found[name[len(REF_PREFIX) : -len("/head")]] = sha
    return found


def _changes(git: Git, old: str | None, new: str) -> dict[str, int]:
    counts = {"added": 0, "modified": 0, "deleted": 0}
    if old is None or old == new:
        return counts if old else {}
    done = git.call("diff", "--name-status", "--no-renames", old, new, "--", REGISTRY, ok=True)
    for line in done.stdout.decode("utf-8", "replace").splitlines():
        key = {"A": "added", "M": "modified", "D": "deleted"}.get(line[:1])
        if key:
            counts[key] += 1
    return counts


def _fetch_one(git: Git, spec: Spec) -> tuple[bool, str]:
    args = [*_SAFE, "fetch", "--quiet", "--no-tags", "--no-write-fetch-head",
            "--no-recurse-submodules", "--force", "--", spec.url,
            f"+refs/heads/{spec.branch}:{incoming(spec.name)}"]  # fmt: skip
    try:
        done = git.call(*args, ok=True, env=_QUIET, timeout=FETCH_TIMEOUT)
    except EnvironmentFailure as exc:  # git could not be started or did not answer in time
        return False, str(exc.params.get("detail") or exc.key)
    text = done.stderr.decode("utf-8", "replace").strip().replace("\n", " ")
    return done.returncode == 0, text[:300]


def _take(git: Git, name: str, before: str | None, accept: bool) -> tuple[str | None, bool]:
    """Move the source's head to what was fetched, when that descends from the head held (or
    the rewrite is accepted); returns (the head now held, whether the source was rewritten)."""
    got = git.call("rev-parse", "--verify", "-q", incoming(name), ok=True)
    new = got.stdout.decode().strip() if got.returncode == 0 else None
    if new is None:
        return before, False
    rewritten = (
        bool(before)
        and before != new
        and git.call("merge-base", "--is-ancestor", str(before), new, ok=True).returncode != 0
    )
    if not rewritten or accept:
        git.call("update-ref", ref(name), new)
    git.call("update-ref", "-d", incoming(name), ok=True)
    return (before if rewritten and not accept else new), rewritten


def fetch(
    git: Git, specs: list[Spec], now: dt.datetime, accept_rewrite: tuple[str, ...] = ()
) -> list[Fetched]:
    """Fetch every source (several at once); a failure is reported for its source only. A source
    whose new head does not descend from the one held (a force-push) keeps what was held and is
    reported as rewritten until `accept_rewrite` names it."""
    before = commits(git)
    state = read_state(git.git_dir)
    with ThreadPoolExecutor(max_workers=max(1, min(PARALLEL, len(specs)))) as pool:
        answers = list(pool.map(lambda s: _fetch_one(git, s), specs))
    stamp = now.astimezone(dt.UTC).isoformat(timespec="seconds")
    results = []
    for spec, (ok, error) in zip(specs, answers, strict=True):
        old = state.get(spec.name, {})
        held = before.get(spec.name)
        rewritten = False
        if ok:
            commit, rewritten = _take(git, spec.name, held, spec.name in accept_rewrite)
            ok = not rewritten or spec.name in accept_rewrite
            if not ok:
                error = "rewritten"
        if ok:
            entry = {"commit": commit, "fetched_at": stamp, "ok": True, "url": spec.url,
                     "branch": spec.branch, "attempted_at": stamp}  # fmt: skip
            changed = _changes(git, held, commit) if commit else {}
            results.append(Fetched(spec.name, True, commit, stamp, held, None, changed,
                                   old.get("fetched_at"), rewritten))  # fmt: skip
        else:
            entry = {**old, "ok": False, "error": error or "git fetch", "attempted_at": stamp}
            entry.setdefault("commit", held)
            results.append(Fetched(spec.name, False, held, old.get("fetched_at"), held,
                                   error or "git fetch", {}, old.get("fetched_at"),
                                   rewritten))  # fmt: skip
        state[spec.name] = entry
    _write_state(git, state)
    return results


@dataclass(slots=True)
class Entry:
    """A file of a source's registry as git holds it."""

    path: str  # relative to the source's registry folder
    sha: str
    size: int
    regular: bool


def tree(git: Git, name: str, folders: tuple[str, ...]) -> list[Entry]:
    """The files under the source's `registry/<folder>` (one `git ls-tree`)."""
    specs = [f"{REGISTRY}/{folder}" for folder in folders]
    done = git.call("ls-tree", "-r", "-l", "-z", ref(name), "--", *specs, ok=True)
    if done.returncode != 0:
        return []
    found = []
    for record in done.stdout.split(b"\0"):
        if not record:
            continue
        meta, _, raw = record.partition(b"\t")
        mode, kind, sha, size = meta.split()
        path = raw.decode("utf-8", "surrogateescape")[len(REGISTRY) + 1 :]
        regular = kind == b"blob" and mode in (b"100644", b"100755")
        found.append(Entry(path, sha.decode(), int(size) if size.isdigit() else 0, regular))
    return found


def blobs(git: Git, shas: list[str]) -> dict[str, bytes]:
    """Many blobs by object id in one `git cat-file --batch`."""
    return git.read_blobs(shas)
