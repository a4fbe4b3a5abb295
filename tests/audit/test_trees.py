"""A commit's tree from its parent's trees (audit/trees.py) equals the one a temporary index
builds, on generated changes: new, changed and removed files, new and emptied folders, names
git sorts in its own order, executable files and a file becoming a folder."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import git
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sobreg.audit.repo import Git
from sobreg.audit.transaction import commit_files, index_tree
from sobreg.audit.trees import build, write_objects
from sobreg.audit.worktree import blob_id

# Names chosen to meet git's tree order at its edges: "a" sorts before "a.yaml" and "a-b", but
# the folder "a" sorts as "a/", after them; non-ASCII and a space too.
_NAMES = ["a", "a.yaml", "a-b", "b", "Ä ö.yaml", "z"]
_FOLDERS = ["", "registry", "registry/nominations", "registry/programs", "a", "a/b"]

_changes = st.dictionaries(
    st.builds(lambda folder, name: f"{folder}/{name}".lstrip("/"), st.sampled_from(_FOLDERS),
              st.sampled_from(_NAMES)),
    st.none() | st.text(alphabet="abc\n", max_size=6),
    max_size=6,
)  # fmt: skip


def _start(folder: Path) -> tuple[Git, dict[str, str]]:
    subprocess.run(["git", "init", "-q", "-b", "main", str(folder)], check=True)
    files = {
        "registry/nominations/N-2026-001.yaml": "id: N-2026-001\n",
        "registry/nominations/N-2026-002.yaml": "id: N-2026-002\n",
        "registry/programs/somn.yaml": "id: somn\n",
        "registry/process.yaml": "steps: []\n",
        "run.sh": "#!/bin/sh\n",
        "a.yaml": "x\n",
    }
    for rel, text in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")
    (folder / "run.sh").chmod(0o755)
    git(folder, "add", "-A")
    git(folder, "-c", "user.name=t", "-c", "user.email=t@e.se", "commit", "-qm", "start")
    repo = Git(folder)
    modes = {}
    for line in git(folder, "ls-tree", "-r", "HEAD").splitlines():
        meta, _, rel = line.partition("\t")
        modes[rel] = meta.split(" ")[0]
    return repo, modes


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(changes=_changes)
def test_the_tree_from_the_parents_trees_is_the_index_s(
    tmp_path_factory: pytest.TempPathFactory, changes: dict[str, str | None]
) -> None:
    folder = tmp_path_factory.mktemp("trees")
    repo, modes = _start(folder)
    head = repo.head()
    assert head is not None
    # A path both a file and the parent of another change cannot be committed either way.
    changes = {
        rel: text for rel, text in changes.items()
        if not any(other.startswith(rel + "/") for other in changes)
    }  # fmt: skip
    blobs = {rel: None if text is None else _blob(folder, text) for rel, text in changes.items()}
    built = build(repo, head, blobs, modes)
    # Every tree it names was written (before the index method writes the same ones).
    subprocess.run(["git", "ls-tree", "-r", built], cwd=folder, capture_output=True, check=True)
    assert built == index_tree(repo, head, changes, modes)


def _blob(folder: Path, text: str) -> str:
    done = subprocess.run(["git", "hash-object", "-w", "--stdin"], cwd=folder, input=text.encode(),
                          capture_output=True, check=True)  # fmt: skip
    return done.stdout.decode().strip()


def test_a_commit_keeps_an_executable_file_executable_and_drops_an_emptied_folder(
    tmp_path: Path,
) -> None:
    repo, _ = _start(tmp_path)
    gone = tmp_path / "registry" / "programs" / "somn.yaml"
    edits = {tmp_path / "run.sh": "#!/bin/sh\necho\n", gone: None}
    commit_files(repo, edits, "edit\n", "t@e.se")
    listed = git(tmp_path, "ls-tree", "-r", "HEAD")
    assert "100755 blob" in next(line for line in listed.splitlines() if line.endswith("run.sh"))
    assert "registry/programs" not in listed
    assert git(tmp_path, "fsck", "--no-progress") == ""


def test_objects_are_written_as_given_whatever_gitattributes_say_of_their_path(
    tmp_path: Path,
) -> None:
    # Many objects go through files in .git/sobreg/tmp; a filter for "*" must not touch them.
    repo, _ = _start(tmp_path)
    (tmp_path / ".git" / "info").mkdir(exist_ok=True)
    (tmp_path / ".git" / "info" / "attributes").write_text("* text eol=crlf\n", encoding="utf-8")
    texts = [b"id: a\r\nx: 1\r\n", b"id: b\n", b"", b"id: c\n"]
    assert write_objects(repo, "blob", texts) == [blob_id(t) for t in texts]
    for text in texts:
        shown = subprocess.run(["git", "cat-file", "blob", blob_id(text)], cwd=tmp_path,
                               capture_output=True, check=True).stdout  # fmt: skip
        assert shown == text
    assert list((tmp_path / ".git" / "sobreg" / "tmp").iterdir()) == []
