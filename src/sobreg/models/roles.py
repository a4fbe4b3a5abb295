"""Who holds which role (`registry/roles.yaml`, optional): e-mail address to role ids."""

from __future__ import annotations

from pydantic import Field

from sobreg.models.common import Email, LocalText, Model, ShortText


class Person(Model):
    name: ShortText | None = None
    roles: list[str] = Field(min_length=1)


class RolesFile(Model):
    description: LocalText | None = None
    people: dict[Email, Person]

    def roles_of(self, email: str) -> list[str]:
        for address, person in self.people.items():
            if address.casefold() == email.casefold():
                return person.roles
        return []
