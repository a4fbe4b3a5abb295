"""Editors and linters (issue 34, item 11): JSON Schemas for the input files, read by a real
client (check-jsonschema) with messages about the value, not about null; `validate FILE` for a
file outside the registry; yamllint clean on the registry and on what sobreg writes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO_ROOT, cli, input_file

from sobreg.store import yamlio

SCHEMAS = REPO_ROOT / "schemas"
EXAMPLES = REPO_ROOT / "examples"


def _tool(name: str) -> str:
    found = Path(sys.executable).parent / name
    return str(found) if found.exists() else name


def _check_jsonschema(schema: str, *files: Path) -> subprocess.CompletedProcess[str]:
    command = [_tool("check-jsonschema"), "--schemafile", str(SCHEMAS / schema), *map(str, files)]
    return subprocess.run(command, capture_output=True, text=True, check=False)


@pytest.mark.parametrize(
    ("schema", "examples"),
    [
        ("nomination-form.schema.json", ["walkthrough/idea.yaml", "regions/skane-idea.yaml"]),
        ("nomination-input.schema.json", ["walkthrough/inventory.yaml"]),
        (
            "program-input.schema.json",
            [
                "walkthrough/project.yaml",
                "walkthrough/production.yaml",
                "walkthrough/review.yaml",
                "walkthrough/tests.yaml",
                "walkthrough/implementation.yaml",
            ],
        ),
        ("assessment.schema.json", ["evaluation/bedomning.yaml", "regions/bedomning.yaml"]),
        ("follow-up.schema.json", ["life/uppfoljning-2026.yaml"]),
    ],
)
def test_every_example_input_file_meets_its_schema(schema: str, examples: list[str]) -> None:
    done = _check_jsonschema(schema, *(EXAMPLES / e for e in examples))
    assert done.returncode == 0, done.stdout + done.stderr
    # The file names its schema for editors (yaml-language-server), as the registry's files do.
    for example in examples[:1]:
        first = (EXAMPLES / example).read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../../schemas/{schema}"


def test_a_wrong_value_in_an_optional_field_is_said_as_what_it_is(tmp_path: Path) -> None:
    form = tmp_path / "form.yaml"
    form.write_text("title: x\nkind: stöd\ntarget_group: {children: ja, description: y}\n")
    done = _check_jsonschema("nomination-form.schema.json", form)
    assert done.returncode == 1
    assert "'stöd' is not one of ['stod', 'behandling'" in done.stdout
    assert "'ja' is not of type 'boolean'" in done.stdout
    assert "is not of type 'null'" not in done.stdout
    assert "not valid under any of the given schemas" not in done.stdout


def test_the_form_schema_and_nominate_agree(repo: Path) -> None:
    idea = yamlio.load_safe((EXAMPLES / "walkthrough" / "idea.yaml").read_text("utf-8"), "x")
    cases = {
        "valid": idea,
        "wrong kind": {**idea, "kind": "stöd"},
        "a field of the administration": {**idea, "screening": {"feasible_in_sob": True}},
        "no title": {k: v for k, v in idea.items() if k != "title"},
        "bad e-mail": {**idea, "nominator": {**idea["nominator"], "email": "anna"}},
        "children as text": {**idea, "target_group": {**idea["target_group"], "children": "ja"}},
    }
    for name, data in cases.items():
        path = input_file(repo, data, f"{name.replace(' ', '-')}.json")
        by_schema = _check_jsonschema("nomination-form.schema.json", path).returncode == 0
        by_sobreg = cli("nominate", "--from-file", str(path)).code == 0
        assert by_schema == by_sobreg == (name == "valid"), name


def test_validate_takes_a_file_outside_the_registry(tmp_path: Path) -> None:
    copy = tmp_path / "angest.yaml"
    shutil.copy(REPO_ROOT / "registry" / "programs" / "angest.yaml", copy)
    ran = cli("validate", str(copy))
    assert ran.code == 0, ran.stdout + ran.stderr
    broken = tmp_path / "programs" / "angest.yaml"
    broken.parent.mkdir()
    broken.write_text(copy.read_text("utf-8").replace("status: inventoried", "status: actve"))
    ran = cli("validate", str(broken))
    assert ran.code == 1
    assert "status: måste vara ett av" in ran.stdout and "Menade du active?" in ran.stdout


def _yamllint(*paths: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([_tool("yamllint"), "-f", "parsable", *map(str, paths)], cwd=cwd,
                          capture_output=True, text=True, check=False)  # fmt: skip


def test_yamllint_finds_nothing_in_the_registry_or_the_examples() -> None:
    done = _yamllint(REPO_ROOT / "registry", REPO_ROOT / "examples", cwd=REPO_ROOT)
    assert done.returncode == 0 and done.stdout == "", done.stdout


def test_yamllint_finds_nothing_in_what_sobreg_writes(repo: Path) -> None:
    # init writes the same configuration as this repository's; then a nomination and an edit.
    assert (repo / ".yamllint.yaml").read_text("utf-8") == (REPO_ROOT / ".yamllint.yaml").read_text(
        "utf-8"
    )
    data = yamlio.load_safe((EXAMPLES / "walkthrough" / "idea.yaml").read_text("utf-8"), "x")
    idea = input_file(repo, json.loads(json.dumps(data, default=str)))
    assert cli("nominate", "--from-file", str(idea)).code == 0
    assert cli("set", "N-2026-001", "usage=Som första insats").code == 0
    done = _yamllint(repo / "registry", repo / ".pre-commit-config.yaml", cwd=repo)
    assert done.returncode == 0 and done.stdout == "", done.stdout
    # Without the configuration the defaults do complain: the check is not empty.
    (repo / ".yamllint.yaml").unlink()
    assert _yamllint(repo / "registry", cwd=repo).stdout
