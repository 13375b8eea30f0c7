"""Annotating a selection of the source: the exact quote stored, and undo."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCursor

from gui.detail import DetailPane
from gui.detail.positions import py_to_qt
from gui.undo import UndoStack
from storage.service import AccordsService
from tests.gui.detail.panes import (
    ACTION_PLAN,
    show,
)


def test_annotating_a_selection_stores_the_exact_quote_and_undo_removes_it(
    pane: DetailPane, service: AccordsService, undo_stack: UndoStack
) -> None:
    record_id = show(pane, service, ACTION_PLAN)
    pane.setCurrentWidget(pane.source_tab)
    tab = pane.source_tab
    assert tab.source is not None
    text = tab.source.text
    start = text.index("hybrid threats")
    end = start + len("hybrid threats")
    cursor = tab.text.textCursor()
    cursor.setPosition(py_to_qt(text, start))
    cursor.setPosition(py_to_qt(text, end), QTextCursor.MoveMode.KeepAnchor)
    tab.text.setTextCursor(cursor)
    assert tab.annotate_button.isEnabled()

    menu = tab.text.context_menu(QPoint(5, 5))
    action = next(a for a in menu.actions() if a.text() == "Annotate selection…")
    assert action.isEnabled()
    action.trigger()
    dialog = tab.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.comment_box.setPlainText("one of the areas")
    dialog.set_field("tags")
    dialog.accept()

    new = [a for a in service.sources.annotations_for_source(tab.source.id) if a.comment]
    assert len(new) == 1
    assert new[0].quote == "hybrid threats"
    assert (new[0].start, new[0].end) == (start, end)
    assert (new[0].record_id, new[0].field) == (record_id, "tags")
    assert new[0].id in {a.id for a in service.records.get_record(record_id).annotations}
    assert tab.emphasised == new[0].id

    undo_stack.stack.undo()

    assert new[0].id not in {a.id for a in service.sources.annotations_for_source(tab.source.id)}
    assert new[0].id not in {a.id for a in tab.annotations}
