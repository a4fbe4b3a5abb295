"""A program (`programs/<slug>.yaml`): production steps f–k, or a national inventory entry."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Discriminator, StringConstraints, Tag, model_validator
from pydantic_core import PydanticCustomError

from sobreg.models.assessment import Assessment
from sobreg.models.common import (
    Contact,
    Date,
    Email,
    Flag,
    HistoryEntry,
    Kind,
    Model,
    NominationId,
    Origin,
    ProgramId,
    ProgramStatus,
    Sek,
    ShortText,
    StepId,
    Text,
    fld,
)
from sobreg.models.patterns import PROGRAM_ID_PATTERN, SOURCE_PROGRAM_PATTERN
from sobreg.models.sources import NationalLink

# A program here (its id) or in another registry (`SOURCE:ID`).
ProgramRef = Annotated[
    str, StringConstraints(pattern=f"{PROGRAM_ID_PATTERN[:-1]}|{SOURCE_PROGRAM_PATTERN[1:]}",
                           max_length=105)
]  # fmt: skip


class Member(Model):
    name: ShortText = fld("Namn", "Name")
    role: ShortText = fld("Roll i projektgruppen", "Role in the project group")


class ProjectPlan(Model):
    development: Text | None = fld("Utveckling", "Development", None)
    evaluation: Text | None = fld("Utvärdering", "Evaluation", None)
    management: Text | None = fld("Förvaltning", "Management", None)


class Agreement(Model):
    party: ShortText = fld("Part", "Party")
    kind: ShortText = fld("Typ av avtal", "Kind of agreement")
    date: Date | None = fld("Datum", "Date", None)


class Project(Model):
    group: list[Member] | None = fld("Projektgrupp", "Project group", None)
    plan: ProjectPlan | None = fld("Projektplan", "Project plan", None)
    cost_calculation_sek: Sek | None = fld("Kostnadskalkyl (kr)", "Cost calculation (SEK)", None)
    agreements: list[Agreement] | None = fld("Avtal", "Agreements", None)


class MedicalDevice(Model):
    is_device: Literal["yes", "no", "unclear"] = fld(
        "Medicinteknisk produkt", "A medical device", labels="medical_device"
    )
    basis: Text = fld(
        "Underlag för bedömningen",
        "Basis of the assessment",
        help_sv="Vad bygger bedömningen enligt Läkemedelsverkets vägledning på?",
        help_en="What the assessment by the agency's guidance rests on",
    )


class Production(Model):
    name: ShortText | None = fld("Programnamn", "Program name", None)
    languages: list[ShortText] | None = fld("Språk", "Languages", None)
    wcag21_checked: Flag | None = fld("Avstämt mot WCAG 2.1", "Checked against WCAG 2.1", None)
    design_guide_considered: Flag | None = fld(
        "Ineras Designguiden beaktad", "Inera's design guide considered", None
    )
    # Before 0.10 the record said "followed"; still read, and counts as considered.
    design_guide_followed: Flag | None = fld("Designguiden följd", "Design guide followed", None)
    language_reviewed: Flag | None = fld("Språket granskat", "Language reviewed", None)
    medical_device: MedicalDevice | None = fld(
        "Medicinteknisk produkt",
        "Medical device",
        None,
        help_sv="Är programmet en medicinteknisk produkt enligt Läkemedelsverkets vägledning?",
        help_en="Is the program a medical device by the Medical Products Agency's guidance?",
    )


class ContentReview(Model):
    done: Flag | None = fld(
        "Granskning genomförd", "Review done", None,
        help_sv="Oberoende granskning rekommenderas; ej genomförd kräver ett skäl",
        help_en="An independent review is recommended; not done needs a reason",
    )  # fmt: skip
    reason_not_done: Text | None = fld("Skäl till att den inte genomförts", "Reason not done", None)
    reviewer: Contact | None = fld("Granskare", "Reviewer", None)
    independent: Flag | None = fld("Oberoende granskning", "Independent review", None)
    date: Date | None = fld("Datum", "Date", None)
    outcome: Literal["approved", "changes_requested", "rejected"] | None = fld(
        "Resultat", "Outcome", None, labels="review_outcome"
    )


class Test(Model):
    done: Flag | None = fld(
        "Test genomfört", "Test done", None,
        help_sv="Testet rekommenderas; ej genomfört kräver ett skäl",
        help_en="The test is recommended; not done needs a reason",
    )  # fmt: skip
    reason_not_done: Text | None = fld("Skäl till att det inte genomförts", "Reason not done", None)
    date: Date | None = fld("Datum", "Date", None)
    result: Literal["passed", "failed"] | None = fld(
        "Resultat", "Result", None, labels="test_result"
    )


class Testing(Model):
    functional: Test | None = fld("Funktionstest", "Functional test", None)
    clinical: Test | None = fld("Kliniskt test", "Clinical test", None)


class Implementation(Model):
    published: Date | None = fld("Publicerat", "Published", None)
    units: list[ShortText] | None = fld(
        "Verksamheter som använder programmet", "Units using it", None
    )
    follow_up_plan: Text | None = fld("Plan för uppföljning", "Follow-up plan", None)
    owner: ShortText | None = fld("Utgivare/ägare", "Publisher/owner", None)


class CouncilStatement(Model):
    council: ShortText = fld("Samordningsråd", "Coordination council")
    date: Date = fld("Datum", "Date")
    rationale: Text | None = fld("Motivering", "Rationale", None)


class ProgramOutside(Model):
    name: ShortText = fld("Programmets namn", "Program name")


# Told apart by their shape, so a wrong value gets one message, not one per alternative.
Replacement = Annotated[
    Annotated[ProgramRef, Tag("ref")] | Annotated[ProgramOutside, Tag("outside")],
    Discriminator(lambda v: "outside" if isinstance(v, dict) else "ref"),
]


class Deactivation(Model):
    date: Date | None = fld("Datum", "Date", None)
    reason: Literal["need_changed", "evidence_changed", "replaced", "other"] | None = fld(
        "Skäl", "Reason", None
    )
    replaced_by: Replacement | None = fld(
        "Ersatt av", "Replaced by", None,
        help_sv="Ett program i registret, KÄLLA:ID i ett annat register, eller {name: NAMN}",
        help_en="A program in this registry, SOURCE:ID in another one, or {name: NAME}",
    )  # fmt: skip
    council_position: CouncilStatement | None = fld(
        "Samordningsrådets ställningstagande om inaktivering",
        "The council's position on inactivation",
        None,
    )
    note: Text | None = fld("Anteckning", "Note", None)


class Version(Model):
    version: ShortText = fld("Version", "Version")
    date: Date = fld("Datum", "Date")
    change: ShortText = fld(
        "Typ av ändring",
        "Kind of change",
        help_sv="Ändringstyperna står i process.yaml (life.changes)",
        help_en="The kinds of change are in process.yaml (life.changes)",
    )
    summary: Text = fld("Vad som ändrats", "What changed")
    actor: Email = fld("Registrerad av", "Recorded by")


class Unit(Model):
    name: ShortText = fld("Vårdenhet", "Care unit")
    since: Date = fld("Sedan", "Since")
    ended: Date | None = fld("Slutade", "Ended", None)


class FollowUp(Model):
    """One year's follow-up; its fields are defined in process.yaml (life.follow_up) and
    checked against that definition."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)

    year: int = fld("År", "Year", ge=2000, le=2100)


class Program(Model):
    """One file `programs/<slug>.yaml`."""

    id: ProgramId = fld("Id", "Id")
    created: Date = fld("Skapad", "Created")
    name: ShortText = fld("Namn", "Name")
    kind: Kind | None = fld("Stöd eller behandling", "Support or treatment", None)
    step: StepId | None = fld("Steg", "Step", None)
    status: ProgramStatus = fld("Status", "Status")
    origin: Origin = fld("Ursprung", "Origin")
    nomination: NominationId | None = fld("Nominering", "Nomination", None)
    council: ShortText | None = fld(
        "Ansvarigt samordningsråd",
        "Responsible coordination council",
        None,
        help_sv="Rådet som ansvarar för programmets kvalitet och innehåll så länge det används",
        help_en="The council responsible for quality and content while the program is in use",
    )
    source: Text | None = fld("Källa", "Source", None)
    national: NationalLink | None = fld(
        "Nationell bedömning",
        "National assessment",
        None,
        help_sv="Den nationella bedömning programmet stöder sig på: källa i sources.yaml och id",
        help_en="The national assessment the program relies on: a source in sources.yaml and an id",
    )
    project: Project | None = fld("Projekt", "Project", None)
    production: Production | None = fld("Produktion", "Production", None)
    content_review: ContentReview | None = fld("Granskning av innehåll", "Content review", None)
    testing: Testing | None = fld("Test", "Testing", None)
    implementation: Implementation | None = fld("Implementering", "Implementation", None)
    deactivation: Deactivation | None = fld("Avpublicering", "Deactivation", None)
    significant_version: ShortText | None = fld(
        "Senaste betydande version",
        "Latest significant version",
        None,
        help_sv="Sätts när en betydande ny version publiceras; utlöser ny nationell granskning",
        help_en="Set when a significant new version is published; triggers a new national review",
    )
    assessments: list[Assessment] | None = fld(
        "Nationella värderingar", "National assessments", None
    )
    versions: list[Version] | None = fld("Versioner", "Versions", None)
    units: list[Unit] | None = fld("Vårdenheter som använder programmet", "Units using it", None)
    follow_up: list[FollowUp] | None = fld("Årlig uppföljning", "Yearly follow-up", None)
    history: list[HistoryEntry] = fld("Historik", "History", min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Program:
        # Rules that hold at every step, unlike the step checklists in process.yaml.
        if self.status == ProgramStatus.inventoried and self.step is not None:
            raise PydanticCustomError(
                "rule_inventoried_step", "an inventoried program has step: null"
            )
        if self.status != ProgramStatus.inventoried and self.step is None:
            raise PydanticCustomError("rule_needs_step", "a program in the process needs a step")
        if self.deactivation and self.deactivation.replaced_by == self.id:
            raise PydanticCustomError(
                "rule_replaced_by_self", "a program cannot be replaced by itself"
            )
        review = self.content_review
        if (
            review
            and review.independent
            and review.reviewer
            and self.project
            and self.project.group
        ):
            members = {m.name.strip().casefold() for m in self.project.group}
            if review.reviewer.name.strip().casefold() in members:
                raise PydanticCustomError(
                    "rule_reviewer_in_group",
                    "an independent reviewer is not a member of the project group",
                )
        return self
