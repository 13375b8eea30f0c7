"""Parties, people and their roles: shared by every run on a database, added once."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from storage.generate.days import BASE_TIME
from storage.generate.rows import scalar_int, table_of, tracked
from storage.generate.vocabulary import INTERNATIONAL, NESTED, PEOPLE, STATES
from storage.schema.enums import PartyKind
from storage.schema.models import Party, Person, Role
from storage.service import slugify


@dataclass(slots=True)
class GeneratedParty:
    id: int
    name: str
    uk: str  # the name in Ukrainian, for Ukrainian titles and texts


@dataclass(slots=True)
class Reference:
    """The parties by name (states first, then organisations) and the role ids by party."""

    parties: dict[str, GeneratedParty] = field(default_factory=dict)
    roles_by_party: dict[int, list[int]] = field(default_factory=dict)


def ensure_reference_data(session: Session) -> Reference:
    """Parties, people and roles; reused when present (matched by name or slug), else added."""
    parties = _ensure_parties(session)
    return Reference(parties, _ensure_roles(session, parties))


def _wanted_parties() -> list[tuple[str, str, str, str | None]]:
    """(name, Ukrainian name, kind, name of the party it sits inside) of every party."""
    wanted: list[tuple[str, str, str, str | None]] = [
        (name, uk, PartyKind.STATE.value, None) for name, uk in STATES
    ]
    wanted += [(name, name, PartyKind.ORGANISATION.value, None) for name in INTERNATIONAL]
    wanted += [(name, name, PartyKind.ORGANISATION.value, inside) for name, inside in NESTED]
    return wanted


def _ensure_parties(session: Session) -> dict[str, GeneratedParty]:
    existing = {name: pid for pid, name in session.execute(select(Party.id, Party.name))}
    taken = set(session.scalars(select(Party.slug)))
    parties: dict[str, GeneratedParty] = {}
    for name, uk, kind, inside in _wanted_parties():
        if name not in existing:
            parent = existing.get(inside) if inside else None
            slug = _free_slug(f"gen-{slugify(name)}", taken)
            existing[name] = _insert_party(session, slug, name, kind, parent)
        parties[name] = GeneratedParty(existing[name], name, uk)
    return parties


def _insert_party(session: Session, slug: str, name: str, kind: str, parent: int | None) -> int:
    values = {"slug": slug, "name": name, "kind": kind, "parent_id": parent}
    session.execute(insert(table_of(Party)), [tracked(values, BASE_TIME)])
    return scalar_int(session, select(Party.id).where(Party.slug == slug))


def _ensure_roles(session: Session, parties: dict[str, GeneratedParty]) -> dict[int, list[int]]:
    """Each person of PEOPLE with their one role; returns the role ids by party id."""
    people = {slug: pid for pid, slug in session.execute(select(Person.id, Person.slug))}
    roles = {slug: rid for rid, slug in session.execute(select(Role.id, Role.slug))}
    roles_by_party: dict[int, list[int]] = {}
    for person_name, title, party_name in PEOPLE:
        person_slug = f"gen-{slugify(person_name)}"
        if person_slug not in people:
            people[person_slug] = _insert_person(session, person_slug, person_name)
        role_slug = f"gen-{slugify(person_name)}-{slugify(title)}"
        party_id = parties[party_name].id
        if role_slug not in roles:
            values = {"person_id": people[person_slug], "party_id": party_id, "title": title}
            roles[role_slug] = _insert_role(session, role_slug, values)
        roles_by_party.setdefault(party_id, []).append(roles[role_slug])
    return roles_by_party


def _insert_person(session: Session, slug: str, name: str) -> int:
    session.execute(insert(table_of(Person)), [tracked({"slug": slug, "name": name}, BASE_TIME)])
    return scalar_int(session, select(Person.id).where(Person.slug == slug))


def _insert_role(session: Session, slug: str, values: dict[str, object]) -> int:
    session.execute(insert(table_of(Role)), [tracked({"slug": slug, **values}, BASE_TIME)])
    return scalar_int(session, select(Role.id).where(Role.slug == slug))


def _free_slug(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``… whichever is not taken yet; marks it taken."""
    candidate, counter = base, 2
    while candidate in taken:
        candidate, counter = f"{base}-{counter}", counter + 1
    taken.add(candidate)
    return candidate
