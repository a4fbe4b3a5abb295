"""The hostile-input corpus: files and command lines that must be refused with the exact exit
code and a message naming the position, with no traceback, no hang and nothing written."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import add_nomination, git

GOOD = """id: N-2026-001
created: 2026-03-01
title: Idé
kind: behandling
step: a
status: open
history:
  - at: 2026-03-01
    action: nominate
    to: a
    status: open
    actor: anna.berg@vgregion.se
"""
NOM = "registry/nominations/N-2026-001.yaml"
PROG = "registry/programs/somn.yaml"


def _with(old: str, new: str) -> bytes:
    assert old in GOOD
    return GOOD.replace(old, new, 1).encode()


LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
    for p, c in zip("abcdefgh", "bcdefghi", strict=True)
)

# (name, file written at path, content, exit code, text the message must contain)
FILES: list[tuple[str, str, bytes, int, str]] = [
    ("unclosed flow", NOM, b"id: [N-2026-001\ntitle: x\n", 1, "N-2026-001.yaml:2:6"),
    ("bad indentation", NOM, b"id: N-2026-001\n  title: x\n", 1, "N-2026-001.yaml:2:8"),
    ("unclosed quote", NOM, b'title: "x\nkind: stod\n', 1, "N-2026-001.yaml:3:1"),
    ("tab indentation", NOM, b"id: N-2026-001\nnominator:\n\tname: x\n", 1, "N-2026-001.yaml:3:1"),
    ("duplicate key", NOM, _with("kind: behandling\n", "kind: behandling\nkind: stod\n"), 1,
     "N-2026-001.yaml:5:1"),
    ("anchor and alias", NOM, _with("title: Idé\n", "title: &t Idé\nneed: *t\n"), 1,
     "N-2026-001.yaml:3:8"),
    ("billion laughs", NOM, LAUGHS.encode(), 1, "N-2026-001.yaml:1:4"),
    ("python object tag", NOM, b"title: !!python/object:os.system x\n", 1, "N-2026-001.yaml:1:"),
    ("python apply tag", NOM, b"title: !!python/object/apply:os.system [ls]\n", 1,
     "N-2026-001.yaml:1:"),
    ("custom tag", NOM, _with("title: Idé", "title: !secret Idé"), 1, "N-2026-001.yaml:3:"),
    ("a list, not a mapping", NOM, b"- id: N-2026-001\n", 1, "N-2026-001.yaml:1:1"),
    ("a bare string", NOM, b"just text\n", 1, "N-2026-001.yaml:1:1"),
    ("empty file", NOM, b"", 1, "N-2026-001.yaml:1:1"),
    ("two documents", NOM, GOOD.encode() + b"---\nid: x\n", 1, "N-2026-001.yaml:13:1"),
    ("bad UTF-8", NOM, _with("title: Idé", "title: Id\xff").replace("\xff".encode(), b"\xff"),
     1, "N-2026-001.yaml:3:"),
    ("byte order mark", NOM, b"\xef\xbb\xbf" + GOOD.encode(), 1, "N-2026-001.yaml:1:1"),
    ("NUL byte", NOM, _with("title: Idé", "title: Id\x00"), 1, "N-2026-001.yaml:3:"),
    ("oversized", NOM, GOOD.encode() + b"# " + b"x" * (1024 * 1024) + b"\n", 1,
     "N-2026-001.yaml:1:1"),
    ("deeply nested", NOM, b"need: " + b"[" * 5000 + b"]" * 5000 + b"\n", 1,
     "N-2026-001.yaml:1:1"),
    ("wrong type", NOM, _with("title: Idé", "title: [a, b]"), 1, "N-2026-001.yaml:3:1"),
    ("wrong enum", NOM, _with("kind: behandling", "kind: terapi"), 1, "N-2026-001.yaml:4:7"),
    ("yes is not a boolean", NOM, _with("kind: behandling\n", "kind: behandling\n"
     "target_group: {children: yes}\n"), 1, "N-2026-001.yaml:5:"),
    ("unknown field", NOM, _with("kind: behandling\n", "kind: behandling\nsecret: 1\n"), 1,
     "N-2026-001.yaml:5:1"),
    ("id not matching its file", NOM, _with("id: N-2026-001", "id: N-2026-002"), 1,
     "N-2026-001.yaml:1:5"),
    ("id with a path in it", NOM, _with("id: N-2026-001", "id: ../../etc/passwd"), 1,
     "N-2026-001.yaml:1:5"),
    ("impossible date", NOM, _with("created: 2026-03-01", "created: 2026-02-30"), 1,
     "N-2026-001.yaml:2:10"),
    ("date with a time", NOM, _with("created: 2026-03-01", "created: 2026-03-01T10:00:00"), 1,
     "N-2026-001.yaml:2:10"),
    ("negative cost", NOM, _with("kind: behandling\n", "kind: behandling\n"
     "costs: {development_sek: -100}\n"), 1, "N-2026-001.yaml:5:"),
    ("cost as text", NOM, _with("kind: behandling\n", "kind: behandling\n"
     "costs: {other_sek: '100'}\n"), 1, "N-2026-001.yaml:5:"),
    ("control character", NOM, _with("title: Idé", 'title: "Id\\u001b[31m"'), 1,
     "N-2026-001.yaml:3:"),
    ("unknown step", NOM, _with("step: a", "step: z"), 1, "N-2026-001.yaml:5:7"),
    ("empty history", NOM, GOOD.split("history:")[0].encode() + b"history: []\n", 1,
     "N-2026-001.yaml:7:"),
    ("program with a nomination id", PROG, _with("step: a", "step: f"), 1, "somn.yaml:1:5"),
    ("bad e-mail in history", NOM, _with("actor: anna.berg@vgregion.se", "actor: <script>"), 1,
     "N-2026-001.yaml:12:12"),
    ("file outside the folders", "registry/N-2026-001.yaml", GOOD.encode(), 1,
     "N-2026-001.yaml:1:1"),
    # Issue 33: what readers counted though validate refused it, and what crashed validate.
    ("a 5,000-digit integer", NOM, _with("kind: behandling\n", "kind: behandling\n"
     "costs: {development_sek: " + "9" * 5000 + "}\n"), 1, "N-2026-001.yaml:"),
    ("a lowercase id", NOM, _with("id: N-2026-001", "id: n-2026-001"), 1, "N-2026-001.yaml:1:5"),
    ("20,000 characters", NOM, _with("title: Idé\n", "title: Idé\nneed: " + "x" * 20001 + "\n"),
     1, "N-2026-001.yaml:4:"),
    ("an OSC escape", NOM, _with("title: Idé", 'title: "\\e]8;;http://x\\aIdé"'), 1,
     "N-2026-001.yaml:3:"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "where", "content", "code", "expected"), FILES, ids=[f[0] for f in FILES]
)
def test_hostile_file(
    repo: Path, name: str, where: str, content: bytes, code: int, expected: str
) -> None:
    target = repo / where
    target.write_bytes(content)
    head = git(repo, "rev-parse", "HEAD")
    command = [sys.executable, "-m", "sobreg", "validate", str(target)]
    start = time.perf_counter()
    done = subprocess.run(command, cwd=repo, capture_output=True, text=True, timeout=60)
    assert time.perf_counter() - start < 10, "took too long"
    assert done.returncode == code, done.stdout + done.stderr
    output = done.stdout + done.stderr
    assert expected in output, output
    assert "Traceback" not in output
    assert target.read_bytes() == content  # nothing rewritten
    assert git(repo, "rev-parse", "HEAD") == head


def test_billion_laughs_is_refused_well_under_a_second(repo: Path) -> None:
    from sobreg.store import yamlio

    start = time.perf_counter()
    with pytest.raises(yamlio.YamlProblem) as caught:
        yamlio.load_safe(LAUGHS, "laughs.yaml")
    assert time.perf_counter() - start < 0.5
    assert caught.value.key == "yaml.alias"


# Command lines: (arguments, exit code, text the message must contain)
COMMANDS: list[tuple[list[str], int, str]] = [
    (["show", "../../etc/passwd"], 2, "../../etc/passwd"),
    (["show", "/etc/passwd"], 2, "/etc/passwd"),
    (["advance", "N-2026-001/../../x"], 2, "N-2026-001/../../x"),
    (["log", "programs/../../x"], 2, "programs/../../x"),
    (["set", "N-2026-001", "id=N-2026-002"], 2, "'id'"),
    (["set", "N-2026-001", "history=[]"], 2, "'history'"),
    (["set", "N-2026-001", "a..b=1"], 2, "a..b"),
    (["set", "N-2026-001", "title"], 2, "title"),
    (["set", "N-2026-001", "title=[unclosed"], 2, "title"),
    (["set", "N-2026-001", "costs.development_sek=-5"], 1, "--set costs.development_sek=-5:"),
    (["--registry", "/etc", "validate"], 3, "/etc"),
    (["--registry", "../../..", "list"], 3, "../../.."),
    (["report", "--year", "2026", "-o", "registry/r.html"], 2, "registry"),
    (["report", "--year", "2026", "-o", ".git/r.html"], 2, ".git"),
    (["report", "--year", "-1"], 2, "--year"),
    (["publish", "--out", "registry"], 2, "registry"),
    (["nominate", "--from-file", "/dev/zero"], 1, "/dev/zero"),
    (["nominate", "--from-file", "/etc"], 2, "/etc"),
    # Outside any registry: judged by the routine sobreg ships, and not a mapping.
    (["validate", "/etc/hostname"], 1, "/etc/hostname:1:1: filen ska vara en mappning"),
    (["due", "--on", "2026-13-01"], 2, "2026-13-01"),
    (["advance", "N-2026-001", "--to", "../b", "--reason", "x"], 2, "../b"),
    (["withdraw", "N-2026-001", "--reason", ""], 2, "--reason"),
]


@pytest.mark.parametrize(("args", "code", "expected"), COMMANDS, ids=[" ".join(c[0]) for c in
                                                                     COMMANDS])  # fmt: skip
def test_hostile_command_line(repo: Path, args: list[str], code: int, expected: str) -> None:
    add_nomination(repo)
    head = git(repo, "rev-parse", "HEAD")
    before = {p: p.read_bytes() for p in (repo / "registry").rglob("*.yaml")}
    command = [sys.executable, "-m", "sobreg", *args]
    done = subprocess.run(
        command, cwd=repo, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL
    )
    output = done.stdout + done.stderr
    assert done.returncode == code, output
    assert expected in output
    assert "Traceback" not in output
    assert git(repo, "rev-parse", "HEAD") == head
    assert {p: p.read_bytes() for p in (repo / "registry").rglob("*.yaml")} == before
    assert git(repo, "status", "--porcelain") == ""


def test_unexpected_errors_say_one_line_and_where_the_details_are(repo: Path) -> None:
    # A registry file that cannot be read by anyone makes no expected error path, but a broken
    # installation does: simulate one with a module that raises on import.
    done = subprocess.run(
        [sys.executable, "-c",
         "import sobreg.reporting.listing as l\n"
         "def boom(*a, **k):\n    secret_local = 'hemlig'\n    raise RuntimeError('x')\n"
         "l.rows = boom\nimport sys\nsys.argv = ['sobreg', 'list']\n"
         "from sobreg.cli import main\nmain()"],
        cwd=repo, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 3
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "RuntimeError" in lines[0]
    log = Path(lines[0].rsplit(" ", 1)[1].rstrip("."))
    assert log.is_file() and "Traceback" in log.read_text()
    assert "hemlig" not in done.stderr and "Traceback" not in done.stderr
