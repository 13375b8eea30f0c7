"""What importing reads from the database to propose against: names and held records."""

from __future__ import annotations

from storage.schema.enums import RecordKind
from storage.service import AccordsService
from storage.sources.alias_keys import fold
from storage.sources.importing import known_names

PLEDGE = "september-2025-drones-ammunition-armored-vehicles"


def test_held_records_follow_every_change(service: AccordsService) -> None:
    """The records proposing matches against are read again after any edit of them."""
    from storage.sources.importing import held_records

    def held() -> dict[int, dict[str, str]]:
        with service.db.connected() as connection:
            return {record.id: dict(record.values) for record in held_records(connection)}

    pledge = service.records.resolve_id(PLEDGE)
    assert held()[pledge]["amount"] == "700000000"
    assert held()[pledge]["donor"] == "Canada"
    version = service.records.get_record(pledge).version
    service.records.update_record(pledge, version, {"amount": "750000000"})
    assert held()[pledge]["amount"] == "750000000"
    service.records.delete_record(pledge)
    assert pledge not in held()
    new = service.records.create_record(RecordKind.PLEDGE, {"title": "Drones from Germany"})
    assert held()[new] == {"title": "Drones from Germany"}


def test_known_names_fold_every_name_and_alias_to_its_owner(service: AccordsService) -> None:
    with service.db.connected() as connection:
        names = known_names(connection)
    for party in service.records.list_parties():
        assert names[fold(party.name)] == party.name
    assert names[fold("ZELENSKYY")] == "Volodymyr Zelensky"  # an alias, to the person
    assert all(key == fold(key) for key in names)


def test_the_context_says_which_names_are_parties(service: AccordsService) -> None:
    from storage.sources.importing import context_for

    with service.db.connected() as connection:
        context = context_for(connection, None, "en")
    assert context.parties == {party.name for party in service.records.list_parties()}
    assert "Volodymyr Zelensky" in context.aliases.values()
    assert "Volodymyr Zelensky" not in context.parties
