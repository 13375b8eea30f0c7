"""The Source tab: highlights, their comments, the record's quotes, the first source shown."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QToolTip,
)
from pytestqt.qtbot import QtBot

from gui.detail import DetailPane
from gui.detail.positions import py_to_qt
from gui.undo import UndoStack
from storage.service import AccordsService
from tests.gui.detail.panes import (
    ACTION_PLAN,
    ASSISTANCE,
    commented_quote,
    show,
)


def test_a_highlights_tooltip_shows_its_comment(
    qtbot: QtBot, pane: DetailPane, service: AccordsService
) -> None:
    commented_quote(service, ACTION_PLAN, "hybrid threats", "Why <this> matters")
    show(pane, service, ACTION_PLAN)
    pane.setCurrentWidget(pane.source_tab)
    tab = pane.source_tab
    assert tab.source is not None
    cursor = QTextCursor(tab.text.document())
    cursor.setPosition(py_to_qt(tab.source.text, tab.source.text.index("hybrid threats") + 3))
    point = tab.text.cursorRect(cursor).center()
    viewport = tab.text.viewport()
    event = QHelpEvent(QEvent.Type.ToolTip, point, viewport.mapToGlobal(point))

    QApplication.sendEvent(viewport, event)

    qtbot.waitUntil(QToolTip.isVisible, timeout=3000)
    assert "Why &lt;this&gt; matters" in QToolTip.text()
    assert "Areas" in QToolTip.text()


def test_the_source_tab_lists_the_records_quotes_and_edits_a_comment_undoably(
    pane: DetailPane, service: AccordsService, undo_stack: UndoStack
) -> None:
    annotation_id = commented_quote(service, ACTION_PLAN, "hybrid threats", "first reading")
    record_id = show(pane, service, ACTION_PLAN)
    pane.setCurrentWidget(pane.source_tab)
    tab = pane.source_tab
    texts = [tab.quotes.item(row).text() for row in range(tab.quotes.count())]
    assert "“hybrid threats” — Areas: first reading" in texts
    assert not tab.edit_button.isEnabled()

    tab.quotes.setCurrentRow(texts.index("“hybrid threats” — Areas: first reading"))
    assert tab.emphasised == annotation_id
    assert tab.edit_button.isEnabled()
    tab.edit_button.click()
    dialog = tab.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.comment() == "first reading"
    dialog.comment_box.setPlainText("second reading")
    dialog.accept()

    stored = {a.id: a.comment for a in service.records.get_record(record_id).annotations}
    assert stored[annotation_id] == "second reading"
    assert "“hybrid threats” — Areas: second reading" in [
        tab.quotes.item(row).text() for row in range(tab.quotes.count())
    ]

    undo_stack.stack.undo()

    stored = {a.id: a.comment for a in service.records.get_record(record_id).annotations}
    assert stored[annotation_id] == "first reading"


def test_a_record_without_quotes_shows_the_first_source(
    pane: DetailPane, service: AccordsService
) -> None:
    record_id = service.records.create_record("pledge", {"title": "Unquoted pledge"})
    pane.show_record(record_id)
    assert pane.source_tab.source is not None
    assert pane.source_tab.source.id == service.sources.list_sources()[0].id
    assert pane.source_tab.text.toPlainText() == pane.source_tab.source.text


def test_clicking_a_quote_marker_shows_the_quote_in_the_source(
    qtbot: QtBot, pane: DetailPane, service: AccordsService
) -> None:
    show(pane, service, ASSISTANCE)
    marker = pane.overview_tab.rows["amount"].marker
    assert marker.isVisible() and marker.text() == "❝"
    assert marker.accessibleName() == "Show quote for amount"
    assert "almost 22 billion Canadian dollars" in marker.toolTip()
    assert not pane.overview_tab.rows["quantity"].marker.isVisible()

    with qtbot.waitSignal(pane.overview_tab.quoteRequested):
        qtbot.mouseClick(marker, Qt.MouseButton.LeftButton)

    assert pane.currentWidget() is pane.source_tab
    assert pane.source_tab.emphasised == marker.annotation_id
    selected = pane.source_tab.text.textCursor().selectedText()
    assert selected == "almost 22 billion Canadian dollars"
