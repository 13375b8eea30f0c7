"""Parties, people and roles named by a source: found by name or alias, or created."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.api.parties import known_labels
from storage.errors import ValidationError
from storage.schema import models
from storage.schema.enums import PartyKind
from storage.sources.alias_keys import fold
from storage.sources.parties import find_states

if TYPE_CHECKING:
    from storage.sources.applying import Applied

# A new party named so is an organisation (a ministry of a state); any other is a state.
ORGANISATION_WORDS = re.compile(
    r"\b(ministry|department|office|agency|bank|fund|council|commission|government|"
    r"parliament|forces|service|corporation|ministère|міністерство|офіс|уряд)\b",
    re.IGNORECASE,
)


class Names:
    """Finds the parties, people and roles a proposal names, creating the missing ones."""

    def __init__(self, session: Session, applied: Applied) -> None:
        self.session = session
        self.applied = applied

    def party(self, name: str) -> models.Party:
        found: models.Party | None = self.find(models.Party, name, models.Alias.party_id)
        if found is not None:
            return found
        kind = PartyKind.ORGANISATION if ORGANISATION_WORDS.search(name) else PartyKind.STATE
        parent = self._state_of(name) if kind is PartyKind.ORGANISATION else None
        party = models.Party(
            slug=self.unique_slug(models.Party, name),
            name=name,
            kind=kind.value,
            parent_id=parent.id if parent is not None else None,
        )
        self.session.add(party)
        self.session.flush()
        self.applied.parties.append(party.id)
        return party

    def _state_of(self, organisation: str) -> models.Party | None:
        """The state an organisation's name ends in ("… of Veterans Affairs of Canada", "… du
        Canada", "… України"), found or created; None when it names no state."""
        states = find_states(organisation, 0, len(organisation))
        return self.party(states[-1].name) if states else None

    def person(self, name: str) -> models.Person:
        found: models.Person | None = self.find(models.Person, name, models.Alias.person_id)
        if found is not None:
            return found
        person = models.Person(slug=self.unique_slug(models.Person, name), name=name)
        self.session.add(person)
        self.session.flush()
        self.applied.persons.append(person.id)
        return person

    def role(self, person: models.Person, party: models.Party, title: str) -> models.Role:
        r = models.Role
        held = self.session.scalars(
            select(r).where(r.person_id == person.id, r.party_id == party.id)
        ).all()
        # "President" is the role the seed calls "President of Ukraine": the same one.
        for found in held:
            if fold(title) in fold(found.title):
                return found
        role = models.Role(
            slug=self.unique_slug(models.Role, f"{title} {person.name}"),
            person_id=person.id,
            party_id=party.id,
            title=title,
        )
        self.session.add(role)
        self.session.flush()
        self.applied.roles.append(role.id)
        return role

    def add_party_to(self, record: models.Record, name: str) -> None:
        party = self.party(name)
        key = (record.id, party.id)
        if self.session.get(models.RecordParty, key) is None:
            self.session.add(models.RecordParty(record_id=record.id, party_id=party.id))
            self.applied.record_parties.append(key)

    def add_category_to(self, record: models.Record, name: str) -> None:
        """Categories are free labels, spelled as the one in use that matches, if any."""
        try:
            (category,) = known_labels(self.session, "categories", [name])
        except (ValidationError, ValueError):  # too long, or nothing left once trimmed
            self.applied.skipped.append(f"#{record.id} categories: {name}")
            return
        if self.session.get(models.PledgeCategory, (record.id, category)) is None:
            self.session.add(models.PledgeCategory(record_id=record.id, category=category))
            self.applied.categories.append((record.id, category))

    def add_signatory_to(self, record: models.Record, signatory: str) -> None:
        """Sign ``record`` by "Person | role | Party" (role and party may be empty)."""
        person_name, title, party_name = ([*signatory.split("|"), "", ""])[:3]
        person = self.person(person_name.strip())
        party = self.party(party_name.strip()) if party_name.strip() else None
        if party is None:
            held = self.session.scalars(
                select(models.Role).where(models.Role.person_id == person.id)
            ).first()
            if held is None:
                self.applied.skipped.append(f"#{record.id} signatories: {signatory}")
                return
            party = held.party
        role = self.role(person, party, title.strip() or person.name)
        s = models.Signatory
        exists = select(s).where(s.record_id == record.id, s.role_id == role.id)
        if self.session.scalars(exists).first() is None:
            signed = models.Signatory(record_id=record.id, role_id=role.id)
            self.session.add(signed)
            self.session.flush()
            self.applied.signatories.append(signed.id)

    def set_donor(self, record: models.Record, name: str) -> str | None:
        return self.set_party(record, "donor_id", name)

    def set_recipient(self, record: models.Record, name: str) -> str | None:
        return self.set_party(record, "recipient_id", name)

    def set_party(self, record: models.Record, column: str, name: str) -> str | None:
        """Set an empty donor or recipient; the name of a different one already set."""
        party = self.party(name)
        current = getattr(record, column)
        if current is None:
            setattr(record, column, party.id)
            if record.id not in self.applied.created:
                self.applied.filled.append((record.id, column))
            return None
        if current == party.id:
            return None
        held = self.session.get(models.Party, current)
        return held.name if held is not None else str(current)

    def find(self, model: Any, name: str, alias_owner: Any) -> Any:
        """The row whose name, slug or alias is ``name``, folded."""
        folded = fold(name)
        for row in self.session.scalars(
            select(model).where((model.name == name) | (model.slug == name))
        ):
            return row
        owner = self.session.scalars(
            select(alias_owner).where(models.Alias.folded == folded, alias_owner.is_not(None))
        ).first()
        if owner is not None:
            return self.session.get(model, owner)
        # Names differ in case or apostrophes more often than they differ at all.
        for row in self.session.scalars(select(model)):
            if fold(row.name) == folded:
                return row
        return None

    def unique_slug(self, model: Any, name: str) -> str:
        from storage.api.records import slugify

        base = slugify(name)
        taken = set(self.session.scalars(select(model.slug).where(model.slug.like(f"{base}%"))))
        candidate, counter = base, 2
        while candidate in taken:
            candidate, counter = f"{base}-{counter}", counter + 1
        return candidate
