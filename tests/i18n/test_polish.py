"""Swedish polish (issue 34, item 10): questions end with "?", "(valfritt)" is said once (by the
form, not in the help line too), a count of one is said in the singular, and the report's footer
speaks no jargon."""

from __future__ import annotations

import re

from sobreg.engine.form import QUESTIONS, describe
from sobreg.i18n import set_language, t
from sobreg.models.process import ProcessDefinition
from sobreg.store import yamlio
from sobreg.store.resources import resource

_QUESTION_WORDS = re.compile(r"^(Vilk|Hur |Vad |Ska |Är |Har |Finns |I vilken |Kan |När )")


def _process() -> ProcessDefinition:
    text = resource("defaults/process.yaml").read_text(encoding="utf-8")
    return ProcessDefinition.model_validate(yamlio.load_safe(text, "process.yaml"))


def test_the_forms_help_lines_that_ask_end_with_a_question_mark_and_say_optional_once() -> None:
    set_language("sv")
    process = _process()
    helps = [describe(process, q, {}).help for q in QUESTIONS]
    asking = [h for h in helps if _QUESTION_WORDS.match(h)]
    assert len(asking) >= 6  # need, usage, role, financing, involvement, evaluation...
    assert [h for h in asking if "?" not in h] == []
    assert [h for h in helps if "valfri" in h] == []  # the title says "(valfritt)" already


def test_a_count_of_one_is_said_in_the_singular() -> None:
    set_language("sv")
    assert t("registry.unreadable", count=1).startswith("1 fil i registret")
    assert t("registry.unreadable", count=2).startswith("2 filer i registret")
    assert "angivna" not in t("assess.too_few", required=2, count=1).split("(")[0]
    assert t("agenda.waiting", days=1) == "Har väntat 1 dag."
    assert t("agenda.waiting", days=3) == "Har väntat 3 dagar."
    assert "commits" not in t("sync.done", pulled=1, pushed=0)
    set_language("en")
    assert t("registry.unreadable", count=1).startswith("1 file in")


def test_the_reports_footer_has_no_jargon() -> None:
    set_language("sv")
    footer = t("report.footer")
    assert "kommandokontrakt" not in footer and "commit-tider" not in footer
