"""The party undo commands: a party added and removed again, a party renamed and named back."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from gui.operations.parties import CreatePartyCommand, RenamePartyCommand
from gui.undo import UndoStack
from storage.errors import ConflictError, ValidationError
from storage.records.data import PartyView
from storage.service import AccordsService


def party(service: AccordsService, name: str) -> PartyView | None:
    return next((p for p in service.parties.list_parties() if p.name == name), None)


def test_a_new_party_is_removed_on_undo_and_added_on_redo(service: AccordsService) -> None:
    undo_stack = UndoStack()
    command = CreatePartyCommand(service, undo_stack, " Ministry of Health ", "ministry", "Canada")
    undo_stack.perform(command)
    assert undo_stack.stack.undoText() == "New party Ministry of Health"
    added = party(service, "Ministry of Health")
    assert added is not None and added.parent == "Canada" and added.kind == "ministry"
    undo_stack.stack.undo()
    assert party(service, "Ministry of Health") is None
    undo_stack.stack.redo()
    assert party(service, "Ministry of Health") is not None


def test_a_party_that_exists_is_refused(service: AccordsService) -> None:
    undo_stack = UndoStack()
    with pytest.raises(ValidationError):
        undo_stack.perform(CreatePartyCommand(service, undo_stack, "Canada", "state", None))
    assert undo_stack.stack.count() == 0


def test_removing_a_party_in_use_on_undo_is_refused_and_reported(
    qtbot: QtBot, service: AccordsService
) -> None:
    undo_stack = UndoStack()
    undo_stack.perform(CreatePartyCommand(service, undo_stack, "Estonia", "state", None))
    service.parties.create_party("Ministry of Defence of Estonia", "ministry", "Estonia")
    with qtbot.waitSignal(undo_stack.failed):
        undo_stack.stack.undo()
    assert party(service, "Estonia") is not None


def test_a_rename_is_undone_and_redone(service: AccordsService) -> None:
    canada = party(service, "Canada")
    assert canada is not None
    undo_stack = UndoStack()
    undo_stack.perform(
        RenamePartyCommand(service, undo_stack, canada.id, canada.version, "Canada", "Kanada")
    )
    assert party(service, "Kanada") is not None and party(service, "Canada") is None
    undo_stack.stack.undo()
    assert party(service, "Canada") is not None
    undo_stack.stack.redo()
    assert party(service, "Kanada") is not None


def test_a_rename_from_a_stale_version_is_a_conflict(service: AccordsService) -> None:
    canada = party(service, "Canada")
    assert canada is not None
    service.parties.rename_party(canada.id, "Canada (federal)", canada.version)
    undo_stack = UndoStack()
    stale = RenamePartyCommand(service, undo_stack, canada.id, canada.version, "Canada", "Kanada")
    with pytest.raises(ConflictError):
        undo_stack.perform(stale)
    assert party(service, "Canada (federal)") is not None
