"""Who made each change: status changes, note texts and record edits name their maker."""

from __future__ import annotations

from storage.schema import tables
from storage.service import AccordsService

DRONES = "september-2025-drones-ammunition-armored-vehicles"


def test_every_kind_of_change_names_the_actor(service: AccordsService) -> None:
    """A status change, a field edit and a note edit each record the service's actor."""
    record_id = service.records.resolve_id(DRONES)
    before = service.records.get_record(record_id)
    assert before.updated_by is None  # seeded before anyone was named

    version = service.records.change_status(record_id, "committed")
    assert service.records.get_record(record_id).history[-1].changed_by == "tester"
    assert service.records.get_record(record_id).updated_by == "tester"

    colleague = AccordsService.open(service.db.location, seed=False, actor="colleague")
    try:
        colleague.records.update_record(record_id, version, {"unit": "boxes"})
        note = colleague.notes.add_note(record_id, "first text")
        assert note.updated_by == "colleague"
    finally:
        colleague.close()
    assert service.records.get_record(record_id).updated_by == "colleague"

    edited = service.notes.edit_note(note.id, "second text", expected_version=note.version)
    assert edited.updated_by == "tester"
    assert service.notes.get_note(note.id).updated_by == "tester"
    (revision,) = service.notes.note_revisions(note.id)
    assert (revision.body, revision.written_by) == ("first text", "colleague")
    service.notes.edit_note(note.id, "third text", expected_version=edited.version)
    revisions = service.notes.note_revisions(note.id)
    assert [r.written_by for r in revisions] == ["colleague", "tester"]
    notes = service.records.get_record(record_id).notes
    assert [n.updated_by for n in notes] == ["tester"]


def test_revisions_kept_before_anyone_was_named_name_no_one(service: AccordsService) -> None:
    """A note last saved before migration 0010 gives its revision no writer, not a guess."""
    record_id = service.records.resolve_id(DRONES)
    note = service.notes.add_note(record_id, "one")
    note = service.notes.edit_note(note.id, "two", expected_version=note.version)
    with service.db.engine.begin() as connection:
        connection.execute(tables.notes.update().values(updated_by=None))
    service.notes.edit_note(note.id, "three", expected_version=note.version)
    assert [r.written_by for r in service.notes.note_revisions(note.id)] == ["tester", None]
