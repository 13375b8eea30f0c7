"""The undo command that applies an imported source's proposals as one step."""

from __future__ import annotations

from gui.operations.imports import ApplyProposalsCommand
from gui.undo import UndoStack
from storage.service import AccordsService
from tests.storage.api.test_imports import ARTICLE, PLEDGE, proposals


def titles(service: AccordsService) -> set[str]:
    return {row.title for row in service.records.list_records()}


def test_applied_proposals_are_taken_back_on_undo_and_applied_again_on_redo(
    service: AccordsService,
) -> None:
    source = service.imports.import_source(ARTICLE.encode("utf-8"), "a.txt").source
    before = titles(service)
    undo_stack = UndoStack()
    command = ApplyProposalsCommand(service, undo_stack, source.id, proposals(service))
    undo_stack.perform(command)
    assert command.applied is not None and command.applied.created
    assert service.records.resolve_id(PLEDGE) in command.record_ids
    added = titles(service) - before
    assert "Memorandum on the joint production of drones" in added
    undo_stack.stack.undo()
    assert titles(service) == before
    undo_stack.stack.redo()
    assert titles(service) - before == added
