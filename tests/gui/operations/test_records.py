"""The record undo commands: edit fields, create, trash and restore, each through the service."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from gui.operations.records import (
    CreateRecordCommand,
    DeleteRecordsCommand,
    EditFieldsCommand,
    structure_of,
)
from gui.undo import UndoStack
from storage.api.records import FieldQuote
from storage.errors import ConflictError, NotFoundError, ValidationError
from storage.records.data import SignatoryView
from storage.schema.enums import RecordKind
from storage.service import AccordsService

SEPTEMBER = "september-2025-drones-ammunition-armored-vehicles"
PLAN = "action-plan-security-cooperation"


def title_of(service: AccordsService, ref: int | str) -> str:
    return service.records.get_record(ref).row.title


def trashed(service: AccordsService, ref: int | str) -> bool:
    return service.records.get_record(ref).row.deleted


def test_editing_a_title_is_undone_and_redone(qtbot: QtBot, service: AccordsService) -> None:
    record = service.records.get_record(SEPTEMBER).row
    undo_stack = UndoStack()
    command = EditFieldsCommand(
        service, undo_stack, record.id, record.version, {"title": record.title}, {"title": "New"}
    )
    with qtbot.waitSignal(undo_stack.changed) as changed:
        undo_stack.perform(command)
    assert changed.args == [{record.id}]
    assert title_of(service, record.id) == "New"
    undo_stack.stack.undo()
    assert title_of(service, record.id) == record.title
    undo_stack.stack.redo()
    assert title_of(service, record.id) == "New"


def test_two_edits_of_one_record_are_undone_in_turn(service: AccordsService) -> None:
    """Each step expects the version the one before it wrote: no conflict with itself."""
    record = service.records.get_record(SEPTEMBER).row
    undo_stack = UndoStack()
    undo_stack.perform(
        EditFieldsCommand(
            service, undo_stack, record.id, record.version, {"title": record.title}, {"title": "A"}
        )
    )
    seen = service.records.get_record(record.id).version
    undo_stack.perform(
        EditFieldsCommand(service, undo_stack, record.id, seen, {"title": "A"}, {"title": "B"})
    )
    undo_stack.stack.undo()
    assert title_of(service, record.id) == "A"
    undo_stack.stack.undo()
    assert title_of(service, record.id) == record.title


def test_an_edit_from_a_stale_version_is_refused_and_not_pushed(service: AccordsService) -> None:
    record = service.records.get_record(SEPTEMBER).row
    undo_stack = UndoStack()
    stale = EditFieldsCommand(
        service, undo_stack, record.id, record.version - 1, {"title": record.title}, {"title": "X"}
    )
    with pytest.raises(ConflictError):
        undo_stack.perform(stale)
    assert undo_stack.stack.count() == 0 and title_of(service, record.id) == record.title


def test_an_undo_refused_after_a_change_elsewhere_is_reported(
    qtbot: QtBot, service: AccordsService
) -> None:
    record = service.records.get_record(SEPTEMBER).row
    undo_stack = UndoStack()
    undo_stack.perform(
        EditFieldsCommand(
            service, undo_stack, record.id, record.version, {"title": record.title}, {"title": "A"}
        )
    )
    service.records.update_record(record.id, record.version + 1, {"title": "Elsewhere"})
    with qtbot.waitSignal(undo_stack.failed) as failed:
        undo_stack.stack.undo()
    assert "Edit title" in failed.args[0]
    assert title_of(service, record.id) == "Elsewhere"


def test_a_created_record_goes_to_the_trash_on_undo_and_back_on_redo(
    service: AccordsService,
) -> None:
    undo_stack = UndoStack()
    command = CreateRecordCommand(service, undo_stack, RecordKind.PLEDGE, {"title": "Fresh"})
    assert undo_stack.perform(command)
    assert command.record_id is not None and command.record_ids == {command.record_id}
    assert title_of(service, command.record_id) == "Fresh"
    assert undo_stack.stack.undoText() == "New pledge"
    undo_stack.stack.undo()
    assert trashed(service, command.record_id)
    undo_stack.stack.redo()
    assert not trashed(service, command.record_id)


def test_a_record_without_a_title_is_refused(service: AccordsService) -> None:
    undo_stack = UndoStack()
    before = service.records.count_records()
    with pytest.raises(ValidationError):
        undo_stack.perform(CreateRecordCommand(service, undo_stack, RecordKind.PLEDGE, {}))
    assert undo_stack.stack.count() == 0 and service.records.count_records() == before


def test_a_new_documents_provisions_are_created_with_it(service: AccordsService) -> None:
    undo_stack = UndoStack()
    fields: dict[str, object] = {"title": "Accord", "provisions": ["First", "Second"]}
    command = CreateRecordCommand(service, undo_stack, RecordKind.DOCUMENT, fields)
    undo_stack.perform(command)
    assert command.record_id is not None
    provisions = service.records.get_record(command.record_id).provisions
    assert [p.title for p in provisions] == ["First", "Second"]


def test_structure_of_keeps_only_items_of_the_right_type() -> None:
    person = SignatoryView("Ann", "Minister", "Canada")
    quote = FieldQuote(1, 0, 5, "title")
    structure = structure_of(
        {"signatories": [person, "stray"], "provisions": ("P", 3), "quotes": [quote], "x": 1}
    )
    assert structure.signatories == (person,)
    assert structure.provisions == ("P",)
    assert structure.quotes == (quote,)
    assert structure.relations == ()


def test_deleting_records_trashes_them_together_and_undo_restores_them(
    service: AccordsService,
) -> None:
    ids = [service.records.resolve_id(SEPTEMBER), service.records.resolve_id(PLAN)]
    undo_stack = UndoStack()
    undo_stack.perform(DeleteRecordsCommand(service, undo_stack, ids))
    assert undo_stack.stack.undoText() == "Delete 2 records"
    assert all(trashed(service, i) for i in ids)
    undo_stack.stack.undo()
    assert not any(trashed(service, i) for i in ids)
    undo_stack.stack.redo()
    assert all(trashed(service, i) for i in ids)


def test_restoring_from_the_trash_is_undone_by_trashing_again(service: AccordsService) -> None:
    record_id = service.records.resolve_id(SEPTEMBER)
    service.records.delete_record(record_id)
    undo_stack = UndoStack()
    undo_stack.perform(DeleteRecordsCommand(service, undo_stack, [record_id], restore=True))
    assert undo_stack.stack.undoText() == "Restore 1 record"
    assert not trashed(service, record_id)
    undo_stack.stack.undo()
    assert trashed(service, record_id)


def test_one_refused_record_leaves_every_record_as_it_was(service: AccordsService) -> None:
    ids = [service.records.resolve_id(SEPTEMBER), service.records.resolve_id(PLAN)]
    service.records.delete_record(ids[1])
    undo_stack = UndoStack()
    with pytest.raises(NotFoundError):
        undo_stack.perform(DeleteRecordsCommand(service, undo_stack, ids))
    assert not trashed(service, ids[0]) and undo_stack.stack.count() == 0
