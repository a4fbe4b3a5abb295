"""`validate FILE` on a filled-in nomination form: the model's problems, the answers step a still
needs (errors), and an answer that keeps the nomination at a (a warning)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import REPO_ROOT, cli

from sobreg.store import yamlio

EXAMPLES = REPO_ROOT / "examples"


def _idea() -> dict:
    return yamlio.load_safe((EXAMPLES / "walkthrough" / "idea.yaml").read_text("utf-8"), "x")


def _validate(tmp_path: Path, data: dict) -> tuple[int, dict]:
    path = tmp_path / "nominering.yaml"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    ran = cli("validate", str(path), "--format", "json")
    return ran.code, json.loads(ran.stdout)


def test_a_complete_form_is_valid(tmp_path: Path) -> None:
    code, found = _validate(tmp_path, _idea())
    assert code == 0, found
    assert found["errors"] == [] and found["warnings"] == []


def test_a_missing_answer_is_an_error_named_by_its_field(tmp_path: Path) -> None:
    idea = _idea()
    del idea["need"]
    idea["request"] = "purchase"  # now the existing program is asked for too
    code, found = _validate(tmp_path, idea)
    assert code == 1
    assert {e["field"] for e in found["errors"]} == {"need", "existing_program.name"}
    assert all("Svar saknas" in e["message"] for e in found["errors"])


def test_a_blocking_answer_is_a_warning_and_the_file_stays_valid(tmp_path: Path) -> None:
    idea = _idea()
    idea["nominator"] = {**idea["nominator"], "role": "employee"}
    idea["anchoring"] = {**idea.get("anchoring", {}), "head_of_unit": False}
    code, found = _validate(tmp_path, idea)
    assert code == 0, found
    assert [w["field"] for w in found["warnings"]] == ["anchoring.head_of_unit"]


def test_a_model_problem_is_named_once(tmp_path: Path) -> None:
    idea = _idea()
    idea["nominator"] = {"unit": "Psykiatri"}  # no name, no e-mail: the model says so
    code, found = _validate(tmp_path, idea)
    assert code == 1
    fields = [e["field"] for e in found["errors"]]
    assert sorted(fields) == ["nominator.email", "nominator.name"]


def test_an_emoji_escaped_as_two_json_units_is_said_in_swedish(tmp_path: Path) -> None:
    # json.dumps writes 😀 as \ud83d\ude00; YAML reads each escape alone (a lone surrogate).
    path = tmp_path / "nominering.json"
    path.write_text(json.dumps({**_idea(), "title": "Sömn 😀"}), encoding="utf-8")
    ran = cli("validate", str(path))
    assert ran.code == 1
    assert "title: texten innehåller ett ensamt surrogattecken" in ran.stdout
    assert "pyd." not in ran.stdout


def test_a_pydantic_error_without_words_is_said_in_general_terms() -> None:
    from pydantic import BaseModel, ValidationError, field_validator

    from sobreg.validation.modelissues import pydantic_issues

    class Odd(BaseModel):
        x: int

        @field_validator("x")
        @classmethod
        def _odd(cls, value: int) -> int:
            from pydantic_core import PydanticCustomError

            raise PydanticCustomError("never_named_in_the_catalogue", "odd")

    with pytest.raises(ValidationError) as caught:
        Odd(x=1)
    (issue,) = pydantic_issues("f.yaml", None, caught.value)
    assert issue.key == "pyd.other"
