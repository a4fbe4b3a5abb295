"""Who holds which role (`registry/roles.yaml`, optional): e-mail address to role ids."""

from __future__ import annotations

from pydantic import Field

from sobreg.models.common import Email, LocalText, Model, ShortText
from sobreg.models.plain import RolesQueries


class Person(Model):
    name: ShortText | None = None
    roles: list[str] = Field(min_length=1)


class RolesFile(RolesQueries, Model):
    description: LocalText | None = None
    people: dict[Email, Person]
