"""The structure undo commands: a record's lists set and set back, a provision added and trashed."""

from __future__ import annotations

import pytest

from gui.operations.structure import AddProvisionCommand, SetListCommand
from gui.undo import UndoStack
from storage.api.parties import RelationEdit
from storage.errors import ConflictError, ValidationError
from storage.records.data import RecordDetail, SignatoryView
from storage.service import AccordsService

SEPTEMBER = "september-2025-drones-ammunition-armored-vehicles"  # a pledge
PLAN = "action-plan-security-cooperation"  # a document
AGREEMENT = "agreement-on-security-cooperation"


def detail(service: AccordsService, ref: str) -> RecordDetail:
    return service.records.get_record(ref)


def set_list(
    service: AccordsService, undo_stack: UndoStack, ref: str, field: str, after: list[object]
) -> SetListCommand:
    record = detail(service, ref)
    before: tuple[object, ...] = getattr(record, field)
    command = SetListCommand(service, undo_stack, record.id, record.version, field, before, after)
    undo_stack.perform(command)
    return command


def test_parties_are_set_undone_and_redone(service: AccordsService) -> None:
    record = detail(service, PLAN)
    other = next(p.name for p in service.parties.list_parties() if p.name not in record.parties)
    undo_stack = UndoStack()
    set_list(service, undo_stack, PLAN, "parties", [*record.parties, other])
    assert other in detail(service, PLAN).parties
    undo_stack.stack.undo()
    assert detail(service, PLAN).parties == record.parties
    undo_stack.stack.redo()
    assert other in detail(service, PLAN).parties


def test_signatories_are_set_and_set_back(service: AccordsService) -> None:
    record = detail(service, PLAN)
    person = SignatoryView("Ann Example", "Minister", record.parties[0])
    undo_stack = UndoStack()
    set_list(service, undo_stack, PLAN, "signatories", [person])
    assert detail(service, PLAN).signatories == (person,)
    undo_stack.stack.undo()
    assert detail(service, PLAN).signatories == record.signatories


def test_relations_are_set_and_set_back(service: AccordsService) -> None:
    record = detail(service, PLAN)
    own = tuple(RelationEdit(r.kind, r.other_id) for r in record.relations if r.outgoing)
    undo_stack = UndoStack()
    undo_stack.perform(
        SetListCommand(
            service,
            undo_stack,
            record.id,
            record.version,
            "relations",
            own,
            [RelationEdit("refers_to", AGREEMENT)],
        )
    )
    shown = [(r.kind, r.other_slug) for r in detail(service, PLAN).relations if r.outgoing]
    assert shown == [("refers_to", AGREEMENT)]
    undo_stack.stack.undo()
    assert detail(service, PLAN).relations == record.relations


def test_a_pledges_categories_and_a_documents_areas_are_set_and_set_back(
    service: AccordsService,
) -> None:
    pledge, document = detail(service, SEPTEMBER), detail(service, PLAN)
    undo_stack = UndoStack()
    set_list(service, undo_stack, SEPTEMBER, "categories", ["humanitarian"])
    set_list(service, undo_stack, PLAN, "tags", [*document.tags, "drones"])
    assert detail(service, SEPTEMBER).categories == ("humanitarian",)
    assert "drones" in detail(service, PLAN).tags
    undo_stack.stack.undo()
    undo_stack.stack.undo()
    assert detail(service, SEPTEMBER).categories == pledge.categories
    assert detail(service, PLAN).tags == document.tags


def test_areas_replaced_whole_are_set_back_on_undo(service: AccordsService) -> None:
    """The seed's 42-character area, no longer in use once replaced, comes back on undo."""
    document = detail(service, PLAN)
    undo_stack = UndoStack()
    failed: list[str] = []
    undo_stack.failed.connect(failed.append)
    set_list(service, undo_stack, PLAN, "tags", ["drones"])
    undo_stack.stack.undo()
    assert failed == [] and detail(service, PLAN).tags == document.tags


def test_a_list_a_record_does_not_hold_is_refused_at_once(service: AccordsService) -> None:
    record = detail(service, PLAN)
    with pytest.raises(ValueError, match="notes"):
        SetListCommand(service, UndoStack(), record.id, record.version, "notes", (), ())


def test_signatories_of_a_pledge_are_refused_and_not_pushed(service: AccordsService) -> None:
    undo_stack = UndoStack()
    person = SignatoryView("Ann Example", "Minister", "Canada")
    with pytest.raises(ValidationError):
        set_list(service, undo_stack, SEPTEMBER, "signatories", [person])
    assert undo_stack.stack.count() == 0


def test_a_list_set_from_a_stale_version_is_a_conflict(service: AccordsService) -> None:
    record = detail(service, SEPTEMBER)
    stale = SetListCommand(
        service, UndoStack(), record.id, record.version - 1, "categories", (), ("economic",)
    )
    with pytest.raises(ConflictError):
        stale.apply()
    assert detail(service, SEPTEMBER).categories == record.categories


def test_an_added_provision_is_trashed_on_undo_and_back_on_redo(service: AccordsService) -> None:
    record = detail(service, PLAN)
    undo_stack = UndoStack()
    command = AddProvisionCommand(service, undo_stack, record.id, record.version, "Training")
    undo_stack.perform(command)
    assert command.provision_id is not None
    assert command.record_ids == {record.id, command.provision_id}
    assert "Training" in [p.title for p in detail(service, PLAN).provisions]
    undo_stack.stack.undo()
    assert service.records.get_record(command.provision_id).row.deleted
    undo_stack.stack.redo()
    assert not service.records.get_record(command.provision_id).row.deleted
