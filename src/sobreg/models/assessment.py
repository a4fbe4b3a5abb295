"""A national assessment of a program by the competence group's method (seed 000).

Whether the values fit the method (criteria of the template, values on each scale, assessors
enough and independent) depends on `evaluation.yaml` at the time of assessing, so `sobreg assess`
checks that; the model checks the shape, which holds whatever the method later becomes.
"""

from __future__ import annotations

from sobreg.models.common import Date, Email, Model, ShortText, Text, fld


class Assessor(Model):
    name: ShortText = fld("Namn", "Name")
    role: ShortText | None = fld(
        "Roll/kompetens",
        "Role/competence",
        None,
        help_sv="T.ex. hälsoekonom, etiker, legitimerad psykolog; visas i utlåtandet",
        help_en="E.g. health economist, ethicist, licensed psychologist; shown in the statement",
    )
    organisation: ShortText | None = fld("Organisation", "Organisation", None)
    email: Email | None = fld(
        "E-post",
        "E-mail",
        None,
        help_sv="Används för att pröva oberoendet; publiceras aldrig",
        help_en="Used to check independence; never published",
    )


class CriterionScore(Model):
    score: ShortText = fld("Bedömning", "Score", help_sv="Ett värde på kriteriets skala")
    note: Text | None = fld("Kommentar", "Note", None)


class PartRecord(Model):
    date: Date | None = fld("Datum", "Date", None)
    summary: Text | None = fld("Sammanfattning", "Summary", None)


class Assessment(Model):
    date: Date = fld("Datum", "Date")
    method_version: ShortText = fld("Metodversion", "Method version")
    template: ShortText = fld("Mall", "Template", help_sv="Metodens mall, t.ex. treatment")
    assessors: list[Assessor] = fld("Bedömare", "Assessors", min_length=1)
    parts: dict[str, PartRecord] | None = fld("Värderingens delar", "Parts of the evaluation", None)
    scores: dict[str, CriterionScore] = fld("Bedömning per kriterium", "Score per criterion")
    evidence_grade: ShortText = fld("Samlad evidensgrad", "Overall evidence grade")
    recommendation: ShortText = fld("Rekommendation", "Recommendation")
    statement: Text = fld("Utlåtande", "Statement")
    program_version: ShortText | None = fld(
        "Värderad version av programmet", "Program version assessed", None
    )
    next_review: Date | None = fld("Nästa granskning", "Next review", None)


# What sobreg works out itself: refused in an input file (`assess --from-file`).
COMPUTED = ("next_review",)
# What sobreg fills in when the input file leaves it out (the method's version and template).
FILLED = ("method_version", "template")
