"""`sobreg validate` on positive and negative example files (issue 2, point 4)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import REPO_ROOT, cli, sobreg

EXAMPLES = REPO_ROOT / "tests" / "examples"
INVALID = sorted((EXAMPLES / "invalid").glob("*.yaml"))


@pytest.fixture
def valid_registry(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLES / "valid", tmp_path / "reg")
    return tmp_path / "reg" / "registry"


def test_valid_examples_pass(valid_registry: Path) -> None:
    ran = cli("validate", "--registry", str(valid_registry), "--format", "json")
    assert ran.code == 0, ran.stdout
    out = json.loads(ran.stdout)
    assert out["errors"] == [] and len(out["valid"]) == 4


@pytest.mark.parametrize("example", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_example_is_reported_at_its_position(valid_registry: Path, example: Path) -> None:
    header = example.read_text(encoding="utf-8").splitlines()[0]
    field, line = header.removeprefix("# expect: ").rsplit(" ", 1)
    target = valid_registry / "nominations" / "N-2026-002.yaml"
    shutil.copy(example, target)
    ran = cli("validate", "--registry", str(valid_registry), "--format", "json", str(target))
    assert ran.code == 1
    errors = json.loads(ran.stdout)["errors"]
    assert errors, "an invalid file must give at least one error"
    assert any(e["field"] == field.strip() and e["line"] == int(line) for e in errors), errors
    assert all(e["path"].endswith("N-2026-002.yaml") and e["message"] for e in errors)


def test_text_and_github_formats(valid_registry: Path) -> None:
    shutil.copy(
        EXAMPLES / "invalid" / "wrong-enum.yaml", valid_registry / "nominations" / "N-2026-002.yaml"
    )
    ran = cli("validate", "--registry", str(valid_registry), lang="en")
    assert ran.code == 1
    assert "N-2026-002.yaml:5:7: kind: must be one of" in ran.stdout
    ran = cli("validate", "--registry", str(valid_registry), "--format", "github")
    assert ran.stdout.startswith("::error file=") and ",line=5,col=7," in ran.stdout


def test_duplicate_ids_and_broken_links(valid_registry: Path) -> None:
    nominations = valid_registry / "nominations"
    shutil.copy(nominations / "N-2026-001.yaml", nominations / "N-2026-001.yml")
    text = (nominations / "N-2026-001.yaml").read_text(encoding="utf-8")
    (nominations / "N-2026-001.yaml").write_text(
        text.replace("need:", "program: finns-inte\nneed:"), "utf-8"
    )
    out = json.loads(cli("validate", "--registry", str(valid_registry), "--format", "json").stdout)
    messages = {(Path(e["path"]).name, e["field"]) for e in out["errors"]}
    assert ("N-2026-001.yml", "id") in messages
    assert ("N-2026-001.yaml", "program") in messages


def test_hostile_files(valid_registry: Path) -> None:
    import time

    target = valid_registry / "nominations" / "N-2026-002.yaml"
    laughs = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]\n"
        for i in range(9)
    )
    cases = {
        laughs.encode(): "anchors",
        b"\xef\xbb\xbfid: N-2026-002\n": "byte order mark",
        b"id: N-2026-002\ntitle: \xff\xfe\n": "invalid UTF-8",
        b"id: N-2026-002\n" + b"x" * (1024 * 1024 + 10): "limit",
        b"a: " + b"[" * 5000 + b"]" * 5000 + b"\n": "",
    }
    for content, needle in cases.items():
        target.write_bytes(content)
        started = time.monotonic()
        ran = cli("validate", "--registry", str(valid_registry), str(target), lang="en")
        assert time.monotonic() - started < 5
        assert ran.code == 1, content[:40]
        assert needle in ran.stdout and "Traceback" not in ran.stdout + ran.stderr


def test_validate_as_subprocess_on_a_missing_path(valid_registry: Path) -> None:
    ran = sobreg("validate", "nominations/N-2099-001.yaml", cwd=valid_registry)
    assert ran.code == 2 and "Traceback" not in ran.stderr


def test_no_registry_is_an_environment_error(tmp_path: Path) -> None:
    ran = sobreg("list", cwd=tmp_path)
    assert ran.code == 3 and "sobreg init" in ran.stderr


@pytest.mark.parametrize(
    ("written", "code", "at"),
    [('"Id\\e[31m"', "001B", 3), ('"\\x85Idé"', "0085", 1), ('"Idé\\x7f"', "007F", 4)],
)
def test_a_control_character_is_named_with_its_place(
    valid_registry: Path, written: str, code: str, at: int
) -> None:
    """Checked by a pattern in pydantic's Rust core, said as before: which character, where in
    the text, at the value's line and column."""
    target = valid_registry / "nominations" / "N-2026-001.yaml"
    text = target.read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("title: "))
    text = re.sub(r"(?m)^title: .*$", lambda _: f"title: {written}", text)
    target.write_text(text, encoding="utf-8")
    ran = cli("validate", "--registry", str(valid_registry), "--format", "json", lang="en")
    found = [e for e in json.loads(ran.stdout)["errors"] if e["field"] == "title"]
    assert [(e["line"], e["col"], e["message"]) for e in found] == [
        (line, 8, f"control character U+{code} not allowed, at character {at}")
    ]
    said = cli("validate", "--registry", str(valid_registry), lang="en").stdout
    assert f"control character U+{code} not allowed, at character {at}" in said
    said = cli("validate", "--registry", str(valid_registry)).stdout
    assert f"otillåtet styrtecken U+{code} vid tecken {at}" in said
