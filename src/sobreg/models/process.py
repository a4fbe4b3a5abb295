"""The process definition (`registry/process.yaml`) as a model: steps a–k as data.

A condition (`when`, `only_when`) maps dotted field paths of the item to a value or a list of
accepted values; all must hold. A list of such mappings holds when any one of them does.
Requirements are what must be recorded before an item leaves a step (or, with `enter`, before it
enters one). A requirement marked `recommended` is a part of the step that is either done (its
own `requires`, relative to it) or not done with a reason (`done: false`, `reason_not_done`).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, GetJsonSchemaHandler, model_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from sobreg.models.common import Date, Email, LocalText, Model, StepId, Text
from sobreg.models.life import Life
from sobreg.models.plain import ProcessQueries

Condition = dict[str, Any] | list[dict[str, Any]]
ItemType = Literal["nomination", "program"]


FIELD_PATH = r"^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$"


class Requirement(Model):
    """A field to be recorded; written as the dotted path alone when nothing else is said."""

    field: str = Field(pattern=FIELD_PATH)
    when: Condition | None = None
    equals: Any = None
    min_items: int = Field(1, ge=0)
    exists: Literal["program", "nomination"] | None = None
    # A recommended part ("rekommenderas"): done with these fields (paths relative to `field`),
    # or not done with a reason. Never a blocker by itself, never recorded as a skip.
    recommended: bool = False
    requires: list[Requirement] = []

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        if isinstance(data, str):
            return {"field": data}
        if isinstance(data, dict) and isinstance(data.get("requires"), list):
            return {**data, "requires": [_req(r) for r in data["requires"]]}
        return data

    @model_validator(mode="after")
    def _parts_are_recommended(self) -> Requirement:
        if self.requires and not self.recommended:
            raise ValueError(f"{self.field}: nested requires belong to a recommended part")
        return self

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        # The exported schema accepts the shorthand too, as the model does (a plain path).
        schema = handler.resolve_ref_schema(handler(core_schema))
        return {"anyOf": [schema, {"type": "string", "pattern": FIELD_PATH}]}


class ItemRules(Model):
    first_step: StepId
    initial_status: str
    open_statuses: list[str] = Field(min_length=1)
    # Statuses from which reopening is refused: the item has been handed over to another one.
    final_statuses: list[str] = []
    # The role in which the person who creates the item (nominates) is recorded.
    creator_role: str | None = None
    # The field whose value, once recorded, is the item's `name` (a program's production name).
    name_from: str | None = None


class Optional_(Model):
    when: Condition
    reason: Text


class NeverSkipped(Model):
    """A step that `advance --to` may never skip when `when` holds, whoever asks; `rule` is the
    routine's own sentence, quoted in the refusal."""

    when: Condition
    rule: LocalText


class CreateProgram(Model):
    step: StepId
    status: str
    id_from: str = "decision.program_id"
    # The first of these fields that holds a value names the program.
    name_from: str | list[str] = "title"
    origin_from: str
    origin_map: dict[str, str]
    copy_fields: dict[str, str] = {}


class Outcome(Model):
    when: Condition | None = None
    status: str
    action: Literal["close", "activate", "deactivate"]
    create_program: CreateProgram | None = None


class Entry(Model):
    from_statuses: list[str] = Field(min_length=1)
    status: str
    action: Literal["advance", "activate", "deactivate"] = "advance"
    requires: list[Requirement] = []


class Step(Model):
    id: StepId
    item: ItemType
    name: LocalText
    description: LocalText | None = None
    owner: list[str] = Field(min_length=1)
    target_days: int | None = Field(None, ge=1)
    only_when: Condition | None = None
    optional_when: Optional_ | None = None
    never_skipped_when: NeverSkipped | None = None
    requires: list[Requirement] = []
    outcomes: list[Outcome] = []
    enter: Entry | None = None
    # The step that asks whether other regions have the same need (seed 001, step b): its
    # `check` and `show` list similar open nominations in the sources of kind region.
    compare_regions: bool = False

    @model_validator(mode="before")
    @classmethod
    def _short_requirements(cls, data: Any) -> Any:
        # `requires: [a.b, c]` is shorthand for `[{field: a.b}, {field: c}]`.
        if isinstance(data, dict):
            for key in ("requires",):
                if isinstance(data.get(key), list):
                    data = {**data, key: [_req(r) for r in data[key]]}
            enter = data.get("enter")
            if isinstance(enter, dict) and isinstance(enter.get("requires"), list):
                data = {
                    **data,
                    "enter": {**enter, "requires": [_req(r) for r in enter["requires"]]},
                }
        return data


def _req(value: Any) -> Any:
    return {"field": value} if isinstance(value, str) else value


class OwnWithdrawal(Model):
    """The person an item names (for example its nominator) may withdraw it themselves."""

    field: str = Field(description="Dotted path of the e-mail address in the item")
    role: str = Field(description="The role the withdrawal is recorded in")


class Withdraw(Model):
    item: ItemType
    status: str
    from_statuses: list[str] = Field(min_length=1)
    roles: list[str] = Field(
        default_factory=list,
        description="Roles that may withdraw at any step, besides the step's owners",
    )
    own: OwnWithdrawal | None = None


class Publisher(Model):
    """Who publishes the catalogue (`publish`): named in its pages, its open data's description
    (DCAT-AP-SE's publisher and contact point) and its accessibility statement."""

    name: LocalText
    unit: LocalText | None = None  # the part of the organisation that answers
    email: Email | None = None
    url: str | None = Field(None, pattern=r"^https://\S+$", max_length=300)
    # Where the published catalogue (`publish --out`) is on the web: the stand-alone report and
    # agenda link its open data, accessibility statement and form; dcat.jsonld's base.
    catalogue: str | None = Field(None, pattern=r"^https://\S+$", max_length=300)


class ProcessDefinition(ProcessQueries, Model):
    """The whole of `process.yaml`."""

    version: str
    title: LocalText
    source: Text | None = None
    valid_until: Date | None = None
    roles: dict[str, LocalText] = Field(min_length=1)
    items: dict[ItemType, ItemRules]  # type: ignore[assignment]
    steps: list[Step] = Field(min_length=1)
    withdraw: Withdraw | None = None
    life: Life | None = None
    # Roles whose members may change the policy files (process.yaml, roles.yaml, allowed_signers).
    policy_roles: list[str] = Field(default_factory=lambda: ["sob_administration"])
    # Who records a national assessment (`sobreg assess`) when roles.yaml names people's roles.
    assessment_roles: list[str] = Field(default_factory=lambda: ["competence_group"])
    publisher: Publisher | None = None

    @model_validator(mode="after")
    def _coherent(self) -> ProcessDefinition:
        ids = [s.id for s in self.steps]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"step ids must be unique: {', '.join(dupes)}")
        if self.withdraw is not None:
            named = [*self.withdraw.roles, *([self.withdraw.own.role] if self.withdraw.own else [])]
            unknown_roles = [r for r in named if r not in self.roles]
            if unknown_roles:
                raise ValueError(f"withdraw names unknown roles: {', '.join(unknown_roles)}")
        for step in self.steps:
            unknown = [r for r in step.owner if r not in self.roles]
            if unknown:
                raise ValueError(f"step {step.id}: unknown owner role {', '.join(unknown)}")
            for outcome in step.outcomes:
                created = outcome.create_program
                if created and created.step not in ids:
                    raise ValueError(
                        f"step {step.id}: create_program.step {created.step} is unknown"
                    )
        for item, rules in self.items.items():
            if rules.first_step not in ids:
                raise ValueError(f"items.{item}.first_step {rules.first_step} is not a step")
            if self.step(rules.first_step).item != item:
                raise ValueError(
                    f"items.{item}.first_step {rules.first_step} belongs to another item"
                )
        return self
