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
    name: ShortText = fld(
        "Programmets namn",
        "Program name",
        help_sv="Namnet på det befintliga program som ska köpas in",
        help_en="The name of the existing program to be purchased",
    )
    supplier: ShortText | None = fld(
        "Leverantör",
        "Supplier",
        None,
        help_sv="Företaget eller organisationen som erbjuder programmet",
        help_en="The company or organisation offering the program",
    )


class Nominator(Model):
    name: ShortText = fld(
        "Namn",
        "Name",
        help_sv="För- och efternamn på den som nominerar",
        help_en="First and last name of the person nominating",
    )
    email: Email = fld(
        "E-post",
        "E-mail",
        help_sv="E-postadress dit frågor om nomineringen skickas",
        help_en="E-mail address for questions about the nomination",
    )
    unit: ShortText | None = fld(
        "Verksamhet",
        "Unit",
        None,
        help_sv="Verksamheten eller enheten som nominerar",
        help_en="The unit nominating the idea",
    )
    role: NominatorRole | None = fld(
        "Roll",
        "Role",
        None,
        labels="nominator_role",
        help_sv="I vilken egenskap initieras programidén?",
        help_en="In which capacity is the idea put forward?",
    )


class Anchoring(Model):
    head_of_unit: Flag | None = fld(
        "Förankrad hos verksamhetschef",
        "Anchored with the head of unit",
        None,
        help_sv="Idén ska vara förankrad hos verksamhetschefen innan den nomineras",
        help_en="The idea is to be anchored with the head of unit before it is nominated",
    )
    sob_contact: Contact | None = fld(
        "SoB-kontaktperson",
        "SoB contact person",
        None,
        help_sv="Saknas kontaktperson kontaktas regionala SoB-förvaltningen",
        help_en="Without a contact person, the regional SoB administration is contacted",
    )


class TargetGroup(Model):
    description: Text | None = fld(
        "Målgrupp",
        "Target group",
        None,
        help_sv="Vilka riktar sig programmet till? Diagnos, ålder, situation.",
        help_en="Who is the program for? Condition, age, situation.",
    )
    children: Flag | None = fld(
        "Riktar sig till barn",
        "Aimed at children",
        None,
        help_sv="Om målgruppen är barn gäller riktlinjen Barnsäkring av digitala invånartjänster.",
        help_en="For children the guideline 'Barnsäkring av digitala invånartjänster' applies",
    )
    child_safety_considered: Flag | None = fld(
        "Riktlinjen Barnsäkring av digitala invånartjänster beaktad",
        "Guideline 'Barnsäkring av digitala invånartjänster' considered",
        None,
        help_sv="Har den regionala riktlinjen Barnsäkring av digitala invånartjänster beaktats?",
        help_en="Was the guideline 'Barnsäkring av digitala invånartjänster' considered?",
    )


class Costs(Model):
    development_sek: Sek | None = fld(
        "Utvecklingskostnad (kr)",
        "Development cost (SEK)",
        None,
        help_sv="Beräknad kostnad för att ta fram programmet, i hela kronor",
        help_en="Estimated cost of producing the program, in whole SEK",
    )
    other_sek: Sek | None = fld(
        "Övriga kostnader (kr)",
        "Other costs (SEK)",
        None,
        help_sv="T.ex. licenser, förvaltning, utbildning, i hela kronor",
        help_en="E.g. licences, maintenance, training, in whole SEK",
    )
    financing: Text | None = fld(
        "Finansiering",
        "Financing",
        None,
        help_sv="Hur är kostnaderna tänkta att finansieras?",
        help_en="How are the costs to be financed?",
    )


class Screening(Model):
    feasible_in_sob: Flag | None = fld(
        "Kan utvecklas i SoB",
        "Feasible in SoB",
        None,
        help_sv="Regionala SoB-förvaltningens bedömning av om programidén kan utvecklas i SoB",
        help_en="The regional SoB administration's view of whether the idea can be built in SoB",
    )
    rationale: Text | None = fld(
        "Motivering av bedömningen",
        "Rationale of the screening",
        None,
        help_sv="Varför idén inte kan utvecklas i SoB (krävs när den inte kan det)",
        help_en="Why the idea cannot be built in SoB (required when it cannot)",
    )
    kind_confirmed: Flag | None = fld("Stöd/behandling bedömt", "Kind confirmed", None)
    catalogue_searched: Flag | None = fld(
        "Innehållskatalogen genomsökt", "Content catalogue searched", None
    )
    similar_programs: list[ShortText] | None = fld("Liknande program", "Similar programs", None)
    councils: list[ShortText] | None = fld("Samordningsråd", "Coordination councils", None)
    design_network: Flag | None = fld(
        "Behovet avstämt i det nationella designnätverket",
        "Need checked with the national design network",
        None,
    )


class Alternative(Model):
    name: ShortText = fld("Namn", "Name")
    in_sob: Flag | None = fld("Finns i SoB", "Available in SoB", None)
    meets_need: Flag | None = fld("Uppfyller behovet", "Meets the need", None)
    note: Text | None = fld("Anteckning", "Note", None)


class Evidence(Model):
    level: Literal["none", "low", "moderate", "high"] | None = fld(
        "Evidensnivå", "Evidence level", None, labels="evidence_level"
    )
    summary: Text | None = fld("Sammanfattning av evidens", "Evidence summary", None)


class ExistingInstead(Model):
    program: ShortText = fld("Befintligt program", "Existing program")
    route: Literal["agreement", "procurement"] = fld(
        "Avtal eller upphandling", "Agreement or procurement", labels="route"
    )


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
    cost_effectiveness: Text | None = fld(
        "Kostnadseffektivitet", "Cost-effectiveness", None,
        help_sv="Samordningsrådets värdering av kostnadseffektiviteten",
        help_en="The council's assessment of cost-effectiveness",
    )  # fmt: skip
    existing_instead: ExistingInstead | None = fld(
        "Befintligt program i stället för det nominerade",
        "An existing program instead of the nominated one",
        None,
        help_sv="Ett befintligt program som ska nyttjas i stället, via avtal eller upphandling",
        help_en="When an existing program is to be used instead: which, by agreement or tender",
    )


class Position(Model):
    decision: Literal["support", "reject"] | None = fld(
        "Ställningstagande", "Position", None, labels="position"
    )
    rationale: Text | None = fld("Motivering", "Rationale", None)
    date: Date | None = fld("Datum", "Date", None)


class CouncilPosition(Position):
    council: ShortText | None = fld("Samordningsråd", "Coordination council", None)
    to_ppr: Flag | None = fld("Vidare till PPR", "Referred to PPR", None)
    ordered_introduction: Flag | None = fld(
        "Aktuell för ordnat införande",
        "A case for national ordered introduction",
        None,
    )
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
    title: ShortText = fld(
        "Programidé",
        "Program idea",
        help_sv="Ett kort namn på idén, t.ex. Internetbaserad KBT vid sömnbesvär",
        help_en="A short name for the idea, e.g. Internet-based CBT for insomnia",
    )
    kind: Kind | None = fld(
        "Stöd eller behandling",
        "Support or treatment",
        None,
        help_sv="Behandlingsprogram kräver evidens; stödprogram en plan för uppföljning",
        help_en="Treatment programs need evidence; support programs a follow-up plan",
    )
    step: StepId = fld("Steg", "Step")
    status: NominationStatus = fld("Status", "Status")
    request: Request | None = fld(
        "Nytt program eller inköp",
        "New program or purchase",
        None,
        help_sv="Ska ett nytt program tas fram, eller ett befintligt program köpas in?",
        help_en="Is a new program to be produced, or an existing program purchased?",
    )
    existing_program: ExistingProgram | None = fld("Befintligt program", "Existing program", None)
    nominator: Nominator | None = fld("Nominerad av", "Nominator", None)
    anchoring: Anchoring | None = fld("Förankring", "Anchoring", None)
    need: Text | None = fld(
        "Behov",
        "Need",
        None,
        help_sv="Vilket behov ska programmet tillgodose?",
        help_en="Which need is the program to meet?",
    )
    target_group: TargetGroup | None = fld("Målgrupp", "Target group", None)
    usage: Text | None = fld(
        "Användning i verksamheten",
        "Usage in the unit",
        None,
        help_sv="Hur ska programmet användas i verksamheten?",
        help_en="How will the unit use the program?",
    )
    costs: Costs | None = fld("Kostnader", "Costs", None)
    patient_involvement: Text | None = fld(
        "Patient- och brukarmedverkan",
        "Patient involvement",
        None,
        help_sv="Hur medverkar patienter eller brukare i arbetet?",
        help_en="How do patients or service users take part?",
    )
    evaluation_plan: Text | None = fld(
        "Plan för utvärdering",
        "Evaluation plan",
        None,
        help_sv="Hur ska programmets effekt utvärderas?",
        help_en="How is the program's effect to be evaluated?",
    )
    screening: Screening | None = fld("Bedömning av SoB-förvaltningen", "Screening", None)
    inventory: Inventory | None = fld("Inventering", "Inventory", None)
    council_position: CouncilPosition | None = fld(
        "Samordningsrådets ställningstagande", "Council's position", None
    )
    ppr_position: Position | None = fld("PPR:s ställningstagande", "PPR's position", None)
    decision: Decision | None = fld("Beslut", "Decision", None)
    program: ProgramId | None = fld("Program", "Program", None)
    history: list[HistoryEntry] = fld("Historik", "History", min_length=1)


# What the person nominating fills in (docs/cli.md "what --from-file gives at step a"); the rest is
# recorded later by the administration and the councils, and id/step/status/history by sobreg.
FORM_FIELDS = (
    "title",
    "kind",
    "request",
    "existing_program",
    "nominator",
    "anchoring",
    "need",
    "target_group",
    "usage",
    "costs",
    "patient_involvement",
    "evaluation_plan",
)
