"""What proposing reads from the database (records and names held), and the call to propose."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from sqlalchemy import Connection, String, cast, func, select

from storage.errors import AccordsError
from storage.i18n import _
from storage.schema import tables
from storage.schema.enums import RecordKind
from storage.sources.alias_keys import fold
from storage.sources.proposals import HeldRecord, Proposal, ProposalContext
from storage.sources.propose import propose

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
# What changes when any held record does: editing a record's lists touches the record.
# One scalar query each: SQLite then reads max() from an index and counts from the smallest
# one (10 ms at 250,000 records), where one query of all the aggregates read every row (75 ms).
_r = tables.records.c
HELD_VERSION = select(
    select(func.count()).select_from(tables.records).scalar_subquery(),
    select(func.max(_r.id)).scalar_subquery(),
    select(func.max(_r.updated_at)).scalar_subquery(),
    # Trashing or restoring changes it.
    select(func.count()).where(_r.deleted_at.is_not(None)).scalar_subquery(),
    select(func.count(tables.parties.c.id)).scalar_subquery(),
    select(func.count(tables.persons.c.id)).scalar_subquery(),
    select(func.count(tables.signatories.c.id)).scalar_subquery(),
)
_held_cache: dict[str, tuple[tuple[object, ...], tuple[HeldRecord, ...]]] = {}


def proposals_for(text: str, context: ProposalContext) -> list[Proposal]:
    """What ``text`` proposes, read by the rules of ``storage.sources.propose``."""
    try:
        return list(propose(text, context))
    except Exception as error:  # a fault in the rules must not lose the user's import
        logging.getLogger("accords").exception("Proposing failed")
        raise AccordsError(
            _("Proposing from this text failed ({error}); nothing was imported.").format(
                error=type(error).__name__
            )
        ) from error


def context_for(connection: Connection, published: date | None, language: str) -> ProposalContext:
    """The records and names a text is matched against, read in a few set queries."""
    return ProposalContext(
        published=published,
        language=language,
        held=held_records(connection),
        aliases=known_names(connection),
        parties=frozenset(connection.scalars(select(tables.parties.c.name))),
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


def held_records(connection: Connection) -> tuple[HeldRecord, ...]:
    """Every live document and pledge with the values matching compares.

    Read again only when the records changed since the last read on this database (a
    window imports several sources in a row; an import's new source changes no record).
    """
    key = (str(connection.engine.url), *connection.execute(HELD_VERSION).one())
    cached = _held_cache.get("held")
    if cached is not None and cached[0] == key:
        return cached[1]
    held = tuple(read_held_records(connection))
    _held_cache["held"] = (key, held)
    return held


def read_held_records(connection: Connection) -> Iterable[HeldRecord]:
    r = tables.records.c
    parties = dict(connection.execute(select(tables.parties.c.id, tables.parties.c.name)).all())
    lists = record_lists(connection, parties)
    # As text in SQL (ISO dates, decimal text as kept): no per-value conversion in Python,
    # which cost half a second at 20,000 records.
    columns = [
        r.id,
        r.kind,
        r.donor_id,
        r.recipient_id,
        *(cast(r[n], String) for n in HELD_COLUMNS),
    ]
    rows = connection.execute(
        select(*columns).where(r.deleted_at.is_(None), r.kind != RecordKind.PROVISION.value)
    )
    kinds = {kind.value: kind for kind in RecordKind}
    for record_id, kind, donor_id, recipient_id, *stored in rows:
        values = {name: value for name, value in zip(HELD_COLUMNS, stored, strict=True) if value}
        if donor_id is not None:
            values["donor"] = parties.get(donor_id, "")
        if recipient_id is not None:
            values["recipient"] = parties.get(recipient_id, "")
        for name, items in lists.items():
            if record_id in items:
                values[name] = LIST_SEPARATOR.join(items[record_id])
        yield HeldRecord(record_id, kinds[kind], values.get("title", ""), values)


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
