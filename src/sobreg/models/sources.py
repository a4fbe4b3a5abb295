"""Other registries this one reads (`registry/sources.yaml`, optional): regions and the nation.

A source is an ordinary git repository holding a sobreg registry (`registry/` at the top of its
branch). Its URL is anything `git fetch` accepts, except the transports that run a command
(`ext::`, `fd::`) and anything git could read as an option: a source is read, never run.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from sobreg.models.common import LocalText, Model, ShortText, fld
from sobreg.models.patterns import PROGRAM_ID_MAX, PROGRAM_ID_PATTERN, SOURCE_NAME_PATTERN

SourceName = Annotated[str, StringConstraints(pattern=SOURCE_NAME_PATTERN, max_length=40)]
# Branch names as git allows them, less what could be read as an option or a range.
BRANCH_PATTERN = r"^[A-Za-z0-9_][A-Za-z0-9._/-]*$"
_RUNS_A_COMMAND = ("ext::", "fd::")


def _fetchable(url: str) -> str:
    if url.startswith("-"):
        raise PydanticCustomError("sobreg_url_option", "a URL cannot begin with '-'")
    if url.lower().startswith(_RUNS_A_COMMAND):
        raise PydanticCustomError(
            "sobreg_url_command", "transports that run a command (ext::, fd::) are not allowed"
        )
    if any(c.isspace() for c in url) or any(ord(c) < 32 for c in url):
        raise PydanticCustomError("sobreg_url_space", "a URL has no spaces or control characters")
    return url


Url = Annotated[str, StringConstraints(min_length=1, max_length=2000), AfterValidator(_fetchable)]


def _branch(name: str) -> str:
    if ".." in name or "//" in name or name.endswith((".", "/", ".lock")):
        raise PydanticCustomError("sobreg_branch", "not a branch name git accepts")
    return name


Branch = Annotated[
    str, StringConstraints(pattern=BRANCH_PATTERN, max_length=200), AfterValidator(_branch)
]


class Source(Model):
    name: SourceName = fld(
        "Kortnamn", "Short name",
        help_sv="Gemener, siffror och bindestreck; skrivs före id: `sobreg show skane:N-2026-001`",
        help_en="Lower case, digits and hyphens; written before an id: `sobreg show skane:…`",
    )  # fmt: skip
    label: ShortText = fld("Namn", "Name")
    kind: Literal["region", "national"] = fld(
        "Slag", "Kind", help_sv="region eller national", help_en="region or national"
    )
    url: Url = fld("Git-adress", "Git URL", help_sv="Allt som git fetch tar emot, även sökvägar")
    branch: Branch = fld("Gren", "Branch", "main")


class Local(Model):
    """How this registry is named beside its sources (in the national catalogue)."""

    name: SourceName = fld("Kortnamn", "Short name")
    label: ShortText = fld("Namn", "Name")
    kind: Literal["region", "national"] = fld("Slag", "Kind", "region")


class SourcesFile(Model):
    description: LocalText | None = None
    local: Local | None = fld("Detta register", "This registry", None)
    sources: list[Source] = Field([], max_length=200)

    @model_validator(mode="after")
    def _unique(self) -> SourcesFile:
        names = [s.name for s in self.sources] + ([self.local.name] if self.local else [])
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            message = "source name used twice: {names}"
            raise PydanticCustomError("sobreg_source_twice", message, {"names": ", ".join(twice)})
        return self

    def named(self, name: str) -> Source | None:
        return next((s for s in self.sources if s.name == name), None)


class NationalLink(Model):
    """The national assessment a regional program relies on."""

    source: SourceName = fld("Källa", "Source", help_sv="Kortnamn i sources.yaml (kind: national)")
    id: Annotated[str, StringConstraints(pattern=PROGRAM_ID_PATTERN, max_length=PROGRAM_ID_MAX)] = (
        fld("Program-id i källan", "Program id in the source")
    )
