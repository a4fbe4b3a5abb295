"""A program's life after step j, as data in `process.yaml` (`life:`): what a version's kind of
change demands, who may record it, and the yearly follow-up's fields."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, GetJsonSchemaHandler, model_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from sobreg.models.common import LocalText, Model, StepId


class ChangeRule(Model):
    """What a kind of change (minor, significant) demands before the version counts as reviewed."""

    label: LocalText
    # Dated fields to be recorded again, on or after the version's date (h and i, for example).
    redo: list[str] = Field(default_factory=list)
    # A new national review: an assessment of this version (`program_version`) is needed.
    national_review: bool = False


class Instrument(Model):
    """A known measuring instrument (ISI, PHQ-9, THI, ...) and its scale where known."""

    name: str = Field(min_length=1, max_length=60)
    label: LocalText | None = None
    scale: str | None = Field(None, max_length=200)

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        return {"name": data} if isinstance(data, str) else data

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        # The exported schema accepts the shorthand too, as the model does (the name alone).
        schema = handler.resolve_ref_schema(handler(core_schema))
        return {"anyOf": [schema, {"type": "string", "minLength": 1, "maxLength": 60}]}


class FollowUpField(Model):
    key: str = Field(pattern=r"^[a-z_][a-z0-9_]*$")
    label: LocalText
    type: Literal["count", "measure", "text", "choice"]
    required: bool = True
    # count: not more than this other count (completed <= started).
    at_most: str | None = None
    # measure: the instruments known (any named instrument is accepted and shown as given; a
    # known one is shown with its scale).
    instruments: list[Instrument] = Field(default_factory=list)
    # choice: the values allowed, with their labels.
    choices: dict[str, LocalText] = Field(default_factory=dict)


class Life(Model):
    """`life:` in process.yaml."""

    item: Literal["program"] = "program"
    # The statuses in which a program is in use: release, adopt and follow-up only then.
    statuses: list[str] = Field(min_length=1)
    # The step the program stays at while in use (history entries of these actions stay there).
    step: StepId
    roles: list[str] = Field(default_factory=list)
    changes: dict[str, ChangeRule] = Field(min_length=1)
    follow_up: list[FollowUpField] = Field(min_length=1)
    # The assessment value that keeps a program listed until deactivated or a later "continue".
    follow_up_assessment: str = "assessment"
    consider_deactivation: str = "consider_deactivation"
    keep_going: str = "continue"
