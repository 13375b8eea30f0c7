"""Names a source gives, found by name, slug or alias, or created and noted for undo."""

from __future__ import annotations

from sqlalchemy import select

from storage.schema import models
from storage.service import AccordsService
from storage.sources.applying import Applied
from storage.sources.resolving import Names

SEPTEMBER = "september-2025-drones-ammunition-armored-vehicles"


def test_a_held_party_is_found_however_it_is_written(service: AccordsService) -> None:
    applied = Applied(source_id=0)
    with service.db.writing() as session:
        names = Names(session, applied)
        canada = names.party("Canada")
        assert names.party("canada").id == canada.id  # the slug
        assert names.party("CANADA").id == canada.id  # folded
        zelensky = names.person("Zelenskyy")  # an alias
        assert zelensky.name == "Volodymyr Zelensky"
    assert applied.parties == [] and applied.persons == []


def test_a_new_party_is_created_inside_the_one_it_names(service: AccordsService) -> None:
    applied = Applied(source_id=0)
    with service.db.writing() as session:
        names = Names(session, applied)
        ministry = names.party("Veterans Office of Canada")
        atlantis = names.party("Atlantis")
        canada = names.party("Canada")
        assert (ministry.kind, ministry.parent_id) == ("organisation", canada.id)
        assert (atlantis.kind, atlantis.parent_id) == ("state", None)
        assert applied.parties == [ministry.id, atlantis.id]
        assert names.unique_slug(models.Party, "Atlantis") == "atlantis-2"


def test_a_shorter_title_is_the_role_already_held(service: AccordsService) -> None:
    applied = Applied(source_id=0)
    with service.db.writing() as session:
        names = Names(session, applied)
        zelensky, ukraine = names.person("Volodymyr Zelensky"), names.party("Ukraine")
        held = session.scalars(
            select(models.Role).where(models.Role.person_id == zelensky.id)
        ).all()
        assert names.role(zelensky, ukraine, "President") in held
        assert applied.roles == []
        envoy = names.role(zelensky, ukraine, "Envoy")
        assert applied.roles == [envoy.id]


def test_a_donor_is_set_once_and_a_different_one_is_named(service: AccordsService) -> None:
    applied = Applied(source_id=0)
    with service.db.writing() as session:
        names = Names(session, applied)
        pledge = session.scalars(select(models.Record).where(models.Record.slug == SEPTEMBER)).one()
        assert names.set_donor(pledge, "Canada") is None  # already Canada
        assert names.set_donor(pledge, "Atlantis") == "Canada"
        assert pledge.donor_id == names.party("Canada").id
        pledge.recipient_id = None
        assert names.set_recipient(pledge, "Ukraine") is None
        assert applied.filled == [(pledge.id, "recipient_id")]


def test_a_ministry_belongs_to_the_state_its_name_ends_in(service: AccordsService) -> None:
    """The last state named, whatever comes between; a state not held yet is created."""
    applied = Applied(source_id=0)
    with service.db.writing() as session:
        names = Names(session, applied)
        canada, ukraine = names.party("Canada"), names.party("Ukraine")
        veterans = names.party("Ministry of Veterans Affairs of Canada")
        french = names.party("Ministère des Anciens Combattants du Canada")
        ukrainian = names.party("Міністерство у справах ветеранів України")
        german = names.party("Ministry of Defence of Germany")
        germany = names.party("Germany")
        assert veterans.parent_id == french.parent_id == canada.id
        assert ukrainian.parent_id == ukraine.id
        assert (german.parent_id, germany.kind, germany.parent_id) == (germany.id, "state", None)
        assert applied.parties == [veterans.id, french.id, ukrainian.id, germany.id, german.id]
