"""Types shared by every model: ids, dates, enums, people, history entries, bilingual titles.

Every field carries a Swedish title and description (what the JSON Schema shows in editors) and
English ones in `json_schema_extra`; prompts, messages and reports take field names from here.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)
from pydantic.config import JsonDict
from pydantic_core import PydanticCustomError

from sobreg.models.patterns import (
    CONTROL_FREE,
    EMAIL_PATTERN,
    NOMINATION_ID_PATTERN,
    PROGRAM_ID_MAX,
    PROGRAM_ID_PATTERN,
    STEP_ID_PATTERN,
)

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _date_in(value: Any) -> Any:
    # YAML gives dates; JSON and the command line give ISO strings. Anything else (numbers read
    # as Unix time by pydantic's lax mode, datetimes) is refused rather than guessed.
    if isinstance(value, dt.datetime):
        raise PydanticCustomError("sobreg_datetime", "a date (YYYY-MM-DD) without a time of day")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        return dt.date.fromisoformat(value.strip())
    raise PydanticCustomError("sobreg_date", "a date written YYYY-MM-DD")


Date = Annotated[dt.date, BeforeValidator(_date_in)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=20000, pattern=CONTROL_FREE)]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=500, pattern=CONTROL_FREE)]
Email = Annotated[str, StringConstraints(pattern=EMAIL_PATTERN, max_length=254)]
NominationId = Annotated[str, StringConstraints(pattern=NOMINATION_ID_PATTERN)]
ProgramId = Annotated[str, StringConstraints(pattern=PROGRAM_ID_PATTERN, max_length=PROGRAM_ID_MAX)]
StepId = Annotated[str, StringConstraints(pattern=STEP_ID_PATTERN, max_length=32)]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


def _whole(value: Any) -> Any:
    # 250000.0 is a whole number as JSON Schema's "integer" counts it: the same here.
    return int(value) if isinstance(value, float) and value.is_integer() else value


# Whole kronor, at most a thousand billion: a larger sum is a typing mistake.
Sek = Annotated[int, Field(strict=True, ge=0, le=10**12), BeforeValidator(_whole)]
Flag = Annotated[bool, Field(strict=True)]


def fld(
    sv: str, en: str, default: Any = ..., *, help_sv: str = "", help_en: str = "",
    labels: str | None = None, **kw: Any,
) -> Any:  # fmt: skip
    """A field with Swedish and English titles and help texts. `labels`: for a closed set, the
    catalogue's prefix of its values' labels (`nominator_role` → `nominator_role.employee`,
    "medarbetare i VGR"); by default the field's own name."""
    extra: JsonDict = {"title_en": en, "description_en": help_en or en}
    if labels:
        extra["labels"] = labels
    return Field(default, title=sv, description=help_sv or sv, json_schema_extra=extra, **kw)


def value_labels(info: Any) -> str | None:
    """The labels' prefix a field names (`fld(labels=...)`), or None for its own name."""
    extra = info.json_schema_extra
    found = extra.get("labels") if isinstance(extra, dict) else None
    return found if isinstance(found, str) else None


class Model(BaseModel):
    """Base of every registry model: unknown fields are errors, not silently kept."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)


class Kind(StrEnum):
    stod = "stod"
    behandling = "behandling"


class Request(StrEnum):
    new = "new"
    purchase = "purchase"


class NominatorRole(StrEnum):
    employee = "employee"
    contracted_provider = "contracted_provider"
    research_group = "research_group"
    sob_contact = "sob_contact"
    sob_administration = "sob_administration"
    council = "council"
    knowledge_governance = "knowledge_governance"


class NominationStatus(StrEnum):
    open = "open"
    rejected = "rejected"
    withdrawn = "withdrawn"
    decided = "decided"
    not_feasible = "not_feasible"


class ProgramStatus(StrEnum):
    in_production = "in_production"
    active = "active"
    inactive = "inactive"
    inventoried = "inventoried"


class Origin(StrEnum):
    nomination = "nomination"
    purchase = "purchase"
    national_inventory = "national_inventory"


class Action(StrEnum):
    nominate = "nominate"
    create = "create"
    inventory = "inventory"
    advance = "advance"
    skip = "skip"
    reopen = "reopen"
    close = "close"
    activate = "activate"
    deactivate = "deactivate"
    withdraw = "withdraw"
    set = "set"
    assess = "assess"
    release = "release"
    adopt = "adopt"
    follow_up = "follow-up"
    amend = "amend"


class Contact(Model):
    name: ShortText = fld("Namn", "Name")
    email: Email | None = fld("E-post", "E-mail", None)


class HistoryEntry(Model):
    """One event in an item's own audit trail; the list is only ever appended to."""

    at: Date = fld("Datum", "Date")
    action: Action = fld("Händelse", "Action")
    from_: StepId | None = fld("Från steg", "From step", None, alias="from")
    to: StepId | None = fld("Till steg", "To step", None)
    status: str | None = fld("Status efter", "Status after", None)
    actor: Email = fld("Utförd av", "Actor", help_sv="E-postadress", help_en="E-mail address")
    role: str | None = fld("Roll", "Role", None)
    reason: Text | None = fld("Skäl", "Reason", None)
    note: Text | None = fld("Anteckning", "Note", None)
    # Recommended parts of the step left without being done (h, i): their dotted paths; each
    # part's own `reason_not_done` says why.
    not_done: list[str] | None = fld("Ej genomfört (rekommenderat)", "Not done (recommended)", None)
    # An amendment's fields (dotted paths): records of a step already left, changed with a reason.
    fields: list[str] | None = fld("Rättade fält", "Amended fields", None)
    # The version of process.yaml the entry was made under (absent in entries before 0.10).
    process_version: ShortText | None = fld("Rutinens version", "Routine version", None)
    # The chain (engine/chain.py): the item's content hash when written, and the link.
    state: Sha256 | None = fld("Innehållets kontrollsumma", "Content digest", None)
    digest: Sha256 | None = fld("Kedjans kontrollsumma", "Chain digest", None)


class LocalText(Model):
    """A text in Swedish and (optionally) English, as used in process.yaml and evaluation.yaml."""

    sv: Text
    en: Text | None = None


def field_title(model: type[BaseModel], name: str, lang: str) -> str:
    """The title of a model field in `lang`, for prompts, messages and reports."""
    info = model.model_fields.get(name)
    if info is None:
        return name
    if lang == "en" and isinstance(info.json_schema_extra, dict):
        title = info.json_schema_extra.get("title_en")
        if isinstance(title, str):
            return title
    return info.title or name


def field_help(model: type[BaseModel], name: str, lang: str) -> str:
    """The description of a model field in `lang`: the help line under a question."""
    info = model.model_fields.get(name)
    if info is None:
        return ""
    if lang == "en" and isinstance(info.json_schema_extra, dict):
        text = info.json_schema_extra.get("description_en")
        if isinstance(text, str):
            return text
    return info.description or ""
