"""The annotation undo commands: a highlight added and removed, a comment changed and back."""

from __future__ import annotations

import pytest

from gui.operations.annotations import AnnotateCommand, EditAnnotationCommentCommand
from gui.undo import UndoStack
from storage.errors import NotFoundError
from storage.records.data import AnnotationView
from storage.service import AccordsService

SEPTEMBER = "september-2025-drones-ammunition-armored-vehicles"


def highlights(service: AccordsService, source_id: int) -> list[AnnotationView]:
    return service.sources.annotations_for_source(source_id)


def test_a_highlight_is_removed_on_undo_and_back_on_redo(service: AccordsService) -> None:
    source = service.sources.list_sources()[0]
    record_id = service.records.resolve_id(SEPTEMBER)
    before = highlights(service, source.id)
    undo_stack = UndoStack()
    command = AnnotateCommand(
        service, undo_stack, source.id, 0, 12, record_id, comment="opening", field="title"
    )
    undo_stack.perform(command)
    assert command.record_ids == {record_id}
    added = [a for a in highlights(service, source.id) if a not in before]
    assert [(a.id, a.quote, a.comment, a.field) for a in added] == [
        (command.annotation_id, source.text[0:12], "opening", "title")
    ]
    undo_stack.stack.undo()
    assert highlights(service, source.id) == before
    undo_stack.stack.redo()
    assert [a.id for a in highlights(service, source.id) if a not in before] == [
        command.annotation_id
    ]


def test_a_highlight_on_no_source_is_refused(service: AccordsService) -> None:
    undo_stack = UndoStack()
    with pytest.raises(NotFoundError):
        undo_stack.perform(AnnotateCommand(service, undo_stack, 999_999, 0, 3, None))
    assert undo_stack.stack.count() == 0


def test_a_comment_change_is_undone_and_redone(service: AccordsService) -> None:
    source = service.sources.list_sources()[0]
    made = service.sources.annotate(source.id, 0, 12, record_id=None, comment="old")
    undo_stack = UndoStack()
    undo_stack.perform(
        EditAnnotationCommentCommand(service, undo_stack, made.id, None, before="old", after="new")
    )

    def comment() -> str:
        return next(a.comment for a in highlights(service, source.id) if a.id == made.id)

    assert comment() == "new"
    undo_stack.stack.undo()
    assert comment() == "old"
    undo_stack.stack.redo()
    assert comment() == "new"
