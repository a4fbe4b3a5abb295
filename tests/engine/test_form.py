"""The nomination form's questions: kinds, choices, required-ness from process.yaml, answers."""

from __future__ import annotations

import pytest

from sobreg.engine.form import (
    HAS_SOB_CONTACT,
    QUESTIONS,
    AnswerError,
    Question,
    asked,
    describe,
    fields_of,
    parse,
)
from sobreg.i18n import set_language
from sobreg.models import Nomination, ProcessDefinition
from sobreg.store.resources import resource
from sobreg.store.yamlio import load_safe


@pytest.fixture
def process() -> ProcessDefinition:
    text = resource("defaults/process.yaml").read_text(encoding="utf-8")
    return ProcessDefinition.model_validate(load_safe(text, "process.yaml"))


def test_every_question_is_a_field_of_the_nomination(process: ProcessDefinition) -> None:
    for question in QUESTIONS:
        field = describe(process, question, {})
        assert field.title
        if question.path != HAS_SOB_CONTACT:
            assert question.path.split(".")[0] in Nomination.model_fields


def test_kinds_and_choices_come_from_the_models(process: ProcessDefinition) -> None:
    kind = describe(process, Question("kind"), {})
    assert kind.kind == "choice"
    assert kind.choices == (("stod", "stöd"), ("behandling", "behandling"))
    assert describe(process, Question("target_group.children"), {}).kind == "bool"
    assert describe(process, Question("costs.other_sek"), {}).kind == "int"
    role = describe(process, Question("nominator.role"), {})
    assert ("research_group", "forskargrupp") in role.choices
    set_language("en")
    assert describe(process, Question("kind"), {}).choices[0] == ("stod", "support")
    assert describe(process, Question("need"), {}).help == "Which need is the program to meet?"


def test_required_follows_the_process(process: ProcessDefinition) -> None:
    assert describe(process, Question("need"), {}).required
    assert not describe(process, Question("evaluation_plan"), {}).required
    # Required only when the branch's condition holds (process.yaml `when`).
    name = Question("existing_program.name")
    assert not describe(process, name, {"request": "new"}).required
    assert describe(process, name, {"request": "purchase"}).required


def test_conditional_questions(process: ProcessDefinition) -> None:
    child_safety = next(q for q in QUESTIONS if q.path.endswith("child_safety_considered"))
    assert not asked(child_safety, {"target_group.children": False})
    assert asked(child_safety, {"target_group.children": True})
    contact = next(q for q in QUESTIONS if q.path == "anchoring.sob_contact.name")
    assert not asked(contact, {HAS_SOB_CONTACT: False})


@pytest.mark.parametrize(
    ("path", "raw", "value"),
    [
        ("target_group.children", "Ja", True),
        ("target_group.children", "n", False),
        ("kind", "2", "behandling"),
        ("kind", "Stöd", "stod"),
        ("costs.development_sek", "250 000", 250000),
        ("costs.development_sek", "1000 kr", 1000),
        ("nominator.email", " anna@vgregion.se ", "anna@vgregion.se"),
        ("evaluation_plan", "", None),
    ],
)
def test_answers_are_parsed(process: ProcessDefinition, path: str, raw: str, value: object) -> None:
    assert parse(describe(process, Question(path), {}), raw) == value


@pytest.mark.parametrize(
    ("path", "raw", "reason"),
    [
        ("target_group.children", "kanske", "ja eller nej"),
        ("kind", "3", "1–2"),
        ("costs.development_sek", "-1", "minst 0"),
        ("costs.development_sek", "tio", "heltal"),
        ("nominator.email", "anna", "e-postadress"),
        ("need", "", "svar behövs"),
        ("title", "x" * 501, "500"),
        ("title", "Id\x1b[31m", "styrtecken U+001B vid tecken 3"),
    ],
)
def test_bad_answers_say_why(process: ProcessDefinition, path: str, raw: str, reason: str) -> None:
    with pytest.raises(AnswerError) as caught:
        parse(describe(process, Question(path), {}), raw)
    assert reason.casefold() in str(caught.value).casefold()


def test_default_is_taken_for_an_empty_answer(process: ProcessDefinition) -> None:
    field = describe(process, Question("nominator.name"), {})
    assert parse(field, "", "Anna Berg") == "Anna Berg"


def test_fields_of_nests_and_records_no_contact() -> None:
    answers = {
        "title": "x",
        "target_group.children": False,
        HAS_SOB_CONTACT: False,
        "costs.financing": None,
    }
    assert fields_of(answers) == {
        "title": "x",
        "target_group": {"children": False},
        "anchoring": {"sob_contact": None},
    }
