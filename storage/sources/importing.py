"""What proposing reads from the database (records and names held), and the call to propose."""

from __future__ import annotations

import importlib
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, select

from storage.schema import tables
from storage.schema.enums import RecordKind
from storage.sources.names import fold
from storage.sources.proposals import HeldRecord, Proposal, ProposalContext

PROPOSE_MODULE = "storage.sources.propose"
# The columns of a held record that proposing compares with what a text states.
HELD_COLUMNS = (
    "title",
    "summary",
    "document_kind",
    "signed_on",
    "amount",
    "currency",
    "currency_as_written",
    "qualifier",
    "equivalent_amount",
    "equivalent_as_written",
    "announced_on",
    "due_start",
    "due_end",
    "due_precision",
)
LIST_SEPARATOR = "; "


def proposals_for(text: str, context: ProposalContext) -> list[Proposal]:
    """What ``text`` proposes; none while the proposing module is not installed."""
    try:
        module = importlib.import_module(PROPOSE_MODULE)
    except ModuleNotFoundError as error:
        if error.name != PROPOSE_MODULE:
            raise  # the module is there but something it needs is not: say so
        return []
    return list(module.propose(text, context))


def context_for(connection: Connection, published: date | None, language: str) -> ProposalContext:
    """The records and names a text is matched against, read in a few set queries."""
    return ProposalContext(
        published=published,
        language=language,
        held=tuple(held_records(connection)),
        aliases=known_names(connection),
    )


def known_names(connection: Connection) -> dict[str, str]:
    """Every name and alias of a person or party, folded, to its canonical name."""
    persons = dict(connection.execute(select(tables.persons.c.id, tables.persons.c.name)).all())
    parties = dict(connection.execute(select(tables.parties.c.id, tables.parties.c.name)).all())
    names = {fold(name): name for name in [*parties.values(), *persons.values()]}
    a = tables.aliases.c
    for name, person_id, party_id in connection.execute(select(a.name, a.person_id, a.party_id)):
        owner = persons.get(person_id) if person_id is not None else parties.get(party_id)
        if owner is not None:
            names.setdefault(fold(name), owner)
    return names


def held_records(connection: Connection) -> Iterable[HeldRecord]:
    """Every live document and pledge with the values matching compares."""
    r = tables.records.c
    parties = dict(connection.execute(select(tables.parties.c.id, tables.parties.c.name)).all())
    lists = record_lists(connection, parties)
    columns = [r.id, r.kind, r.donor_id, r.recipient_id, *(r[name] for name in HELD_COLUMNS)]
    rows = connection.execute(
        select(*columns).where(r.deleted_at.is_(None), r.kind != RecordKind.PROVISION.value)
    )
    for row in rows:
        values = {name: text_of(row._mapping[name]) for name in HELD_COLUMNS}
        values["donor"] = parties.get(row.donor_id, "")
        values["recipient"] = parties.get(row.recipient_id, "")
        for name, items in lists.items():
            values[name] = LIST_SEPARATOR.join(items.get(row.id, ()))
        held = {name: value for name, value in values.items() if value}
        yield HeldRecord(row.id, RecordKind(row.kind), row.title, held)


def record_lists(
    connection: Connection, parties: dict[int, str]
) -> dict[str, dict[int, list[str]]]:
    """Each record's parties, categories and signatories ("Person | role | Party")."""
    lists: dict[str, dict[int, list[str]]] = {
        "parties": defaultdict(list),
        "categories": defaultdict(list),
        "signatories": defaultdict(list),
    }
    rp = tables.record_parties.c
    for record_id, party_id in connection.execute(
        select(rp.record_id, rp.party_id).order_by(rp.record_id, rp.party_id)
    ):
        lists["parties"][record_id].append(parties.get(party_id, ""))
    pc = tables.pledge_categories.c
    for record_id, category in connection.execute(select(pc.record_id, pc.category)):
        lists["categories"][record_id].append(category)
    s, roles, persons = tables.signatories.c, tables.roles.c, tables.persons.c
    signed = (
        select(s.record_id, persons.name, roles.title, roles.party_id)
        .join_from(tables.signatories, tables.roles, roles.id == s.role_id)
        .join(tables.persons, persons.id == roles.person_id)
        .order_by(s.id)
    )
    for record_id, person, title, party_id in connection.execute(signed):
        lists["signatories"][record_id].append(f"{person} | {title} | {parties.get(party_id)}")
    return lists


def text_of(value: Any) -> str:
    """A stored value as proposals write it: ISO dates, decimal text, "" for nothing."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)
