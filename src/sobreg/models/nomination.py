"""A nomination (nomineringsmall, routine step a) and what steps b–e record on it.

Fields the routine requires at a step are optional here: `process.yaml` says when each becomes
required, so a nomination half-way through step a is a valid file with a checklist still open.
"""

from __future__ import annotations

from typing import Literal

from sobreg.models.common import (
    Contact,
    Date,
    Email,
    Flag,
    HistoryEntry,
    Kind,
    Model,
    NominationId,
    NominationStatus,
    NominatorRole,
    ProgramId,
    Request,
    Sek,
    ShortText,
    StepId,
    Text,
    fld,
)


class ExistingProgram(Model):
    name: ShortText = fld("Programmets namn", "Program name")
    supplier: ShortText | None = fld("Leverantör", "Supplier", None)


class Nominator(Model):
    name: ShortText = fld("Namn", "Name")
    email: Email = fld("E-post", "E-mail")
    unit: ShortText | None = fld("Verksamhet", "Unit", None)
    role: NominatorRole | None = fld("Roll", "Role", None)


class Anchoring(Model):
    head_of_unit: Flag | None = fld(
        "Förankrad hos verksamhetschef",
        "Anchored with the head of unit",
        None,
    )
    sob_contact: Contact | None = fld(
        "SoB-kontaktperson",
        "SoB contact person",
        None,
        help_sv="Saknas kontaktperson kontaktas regionala SoB-förvaltningen",
        help_en="Without a contact person, the regional SoB administration is contacted",
    )


class TargetGroup(Model):
    description: Text | None = fld("Målgrupp", "Target group", None)
    children: Flag | None = fld("Riktar sig till barn", "Aimed at children", None)
    child_safety_considered: Flag | None = fld(
        "Riktlinjen Barnsäkring av digitala invånartjänster beaktad",
        "Guideline 'Barnsäkring av digitala invånartjänster' considered",
        None,
    )


class Costs(Model):
    development_sek: Sek | None = fld("Utvecklingskostnad (kr)", "Development cost (SEK)", None)
    other_sek: Sek | None = fld("Övriga kostnader (kr)", "Other costs (SEK)", None)
    financing: Text | None = fld("Finansiering", "Financing", None)


class Screening(Model):
    feasible_in_sob: Flag | None = fld("Kan utvecklas i SoB", "Feasible in SoB", None)
    kind_confirmed: Flag | None = fld("Stöd/behandling bedömt", "Kind confirmed", None)
    catalogue_searched: Flag | None = fld(
        "Innehållskatalogen genomsökt", "Content catalogue searched", None
    )
    similar_programs: list[ShortText] | None = fld("Liknande program", "Similar programs", None)
    councils: list[ShortText] | None = fld("Samordningsråd", "Coordination councils", None)


class Alternative(Model):
    name: ShortText = fld("Namn", "Name")
    in_sob: Flag | None = fld("Finns i SoB", "Available in SoB", None)
    meets_need: Flag | None = fld("Uppfyller behovet", "Meets the need", None)
    note: Text | None = fld("Anteckning", "Note", None)


class Evidence(Model):
    level: Literal["none", "low", "moderate", "high"] | None = fld(
        "Evidensnivå", "Evidence level", None
    )
    summary: Text | None = fld("Sammanfattning av evidens", "Evidence summary", None)


class Inventory(Model):
    regional_need: Text | None = fld("Regionalt behov", "Regional need", None)
    alternatives: list[Alternative] | None = fld("Befintliga alternativ", "Alternatives", None)
    evidence: Evidence | None = fld("Evidensläge", "Evidence", None)
    follow_up_plan: Text | None = fld(
        "Plan för uppföljning av patientupplevelse och medicinskt resultat",
        "Follow-up plan of patient experience and medical result",
        None,
    )
    practitioner_requirements: Text | None = fld(
        "Behörighetskrav för behandlare", "Therapist qualification requirements", None
    )
    national_guidelines: Text | None = fld("Nationella riktlinjer", "National guidelines", None)
    other_regions: Text | None = fld("Andra regioners behov", "Other regions' need", None)


class Position(Model):
    decision: Literal["support", "reject"] | None = fld("Ställningstagande", "Position", None)
    rationale: Text | None = fld("Motivering", "Rationale", None)
    date: Date | None = fld("Datum", "Date", None)


class CouncilPosition(Position):
    council: ShortText | None = fld("Samordningsråd", "Coordination council", None)
    to_ppr: Flag | None = fld("Vidare till PPR", "Referred to PPR", None)
    consequences: Text | None = fld(
        "Organisatoriska och ekonomiska konsekvenser",
        "Organisational and economic consequences",
        None,
    )


class Decision(Model):
    outcome: Literal["build", "purchase", "reject"] | None = fld("Beslut", "Outcome", None)
    rationale: Text | None = fld("Motivering", "Rationale", None)
    date: Date | None = fld("Datum", "Date", None)
    program_id: ProgramId | None = fld("Programmets id", "Program id", None)


class Nomination(Model):
    """One file `nominations/N-YYYY-NNN.yaml`."""

    id: NominationId = fld("Id", "Id")
    created: Date = fld("Skapad", "Created")
    title: ShortText = fld("Programidé", "Program idea")
    kind: Kind | None = fld("Stöd eller behandling", "Support or treatment", None)
    step: StepId = fld("Steg", "Step")
    status: NominationStatus = fld("Status", "Status")
    request: Request | None = fld("Nytt program eller inköp", "New program or purchase", None)
    existing_program: ExistingProgram | None = fld("Befintligt program", "Existing program", None)
    nominator: Nominator | None = fld("Nominerad av", "Nominator", None)
    anchoring: Anchoring | None = fld("Förankring", "Anchoring", None)
    need: Text | None = fld("Behov", "Need", None)
    target_group: TargetGroup | None = fld("Målgrupp", "Target group", None)
    usage: Text | None = fld("Användning i verksamheten", "Usage in the unit", None)
    costs: Costs | None = fld("Kostnader", "Costs", None)
    patient_involvement: Text | None = fld(
        "Patient- och brukarmedverkan", "Patient involvement", None
    )
    evaluation_plan: Text | None = fld("Plan för utvärdering", "Evaluation plan", None)
    screening: Screening | None = fld("Bedömning av SoB-förvaltningen", "Screening", None)
    inventory: Inventory | None = fld("Inventering", "Inventory", None)
    council_position: CouncilPosition | None = fld(
        "Samordningsrådets ställningstagande", "Council's position", None
    )
    ppr_position: Position | None = fld("PPR:s ställningstagande", "PPR's position", None)
    decision: Decision | None = fld("Beslut", "Decision", None)
    program: ProgramId | None = fld("Program", "Program", None)
    history: list[HistoryEntry] = fld("Historik", "History", min_length=1)
