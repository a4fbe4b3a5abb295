"""A national assessment of a program by the competence group's method (seed 000)."""

from __future__ import annotations

from sobreg.models.common import Date, Model, ShortText, Text, fld


class Assessor(Model):
    name: ShortText = fld("Namn", "Name")
    role: ShortText | None = fld("Roll/kompetens", "Role/competence", None)
    organisation: ShortText | None = fld("Organisation", "Organisation", None)


class CriterionScore(Model):
    score: ShortText = fld("Bedömning", "Score", help_sv="Ett värde på kriteriets skala")
    note: Text | None = fld("Kommentar", "Note", None)


class Assessment(Model):
    date: Date = fld("Datum", "Date")
    method_version: ShortText = fld("Metodversion", "Method version")
    template: ShortText = fld("Mall", "Template", help_sv="behandling eller stöd")
    assessors: list[Assessor] = fld("Bedömare", "Assessors", min_length=1)
    scores: dict[str, CriterionScore] = fld("Bedömning per kriterium", "Score per criterion")
    evidence_grade: ShortText = fld("Samlad evidensgrad", "Overall evidence grade")
    recommendation: ShortText = fld("Rekommendation", "Recommendation")
    statement: Text = fld("Utlåtande", "Statement")
    next_review: Date | None = fld("Nästa granskning", "Next review", None)
