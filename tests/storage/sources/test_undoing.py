"""Taking back an application: what it added goes, what it filled is empty again."""

from __future__ import annotations

from sqlalchemy import func, select

from storage.schema import models
from storage.service import AccordsService
from storage.sources.applying import Applied
from storage.sources.resolving import Names
from storage.sources.undoing import unapply

SEPTEMBER = "september-2025-drones-ammunition-armored-vehicles"
NAMED = (models.Party, models.Person, models.Role, models.RecordParty, models.PledgeCategory)


def counts(service: AccordsService) -> dict[str, int]:
    with service.db.reading() as session:
        return {m.__name__: session.scalar(select(func.count()).select_from(m)) or 0 for m in NAMED}


def test_unapply_takes_back_names_links_and_filled_values(service: AccordsService) -> None:
    before = counts(service)
    applied = Applied(source_id=0)
    with service.db.writing() as session:
        names = Names(session, applied)
        pledge = session.scalars(select(models.Record).where(models.Record.slug == SEPTEMBER)).one()
        pledge.recipient_id = None
        session.flush()
        names.set_recipient(pledge, "Veterans Office of Atlantis")  # a new party, filled in
        names.add_party_to(pledge, "Canada")  # held already: no new party
        names.add_category_to(pledge, "drones and more")
        names.role(names.person("Jane Envoy"), names.party("Canada"), "Envoy")
        pledge_id = pledge.id
    assert counts(service) != before
    assert applied.parties and applied.persons and applied.roles and applied.filled
    with service.db.writing() as session:
        touched = unapply(session, applied, search=False)
    assert touched == {pledge_id}
    assert counts(service) == before
    with service.db.reading() as session:
        recipient = session.scalar(
            select(models.Record.recipient_id).where(models.Record.id == pledge_id)
        )
    assert recipient is None
