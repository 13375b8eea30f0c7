"""The Notes tab: autosave, revisions on a second edit, refusals that keep the text."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from gui.detail import DetailPane
from storage.service import AccordsService
from tests.gui.detail.panes import (
    ACTION_PLAN,
    LETTER,
    show,
)


def test_typing_a_note_autosaves_and_a_second_edit_keeps_a_revision(
    qtbot: QtBot, pane: DetailPane, service: AccordsService
) -> None:
    record_id = show(pane, service, ACTION_PLAN)
    pane.setCurrentWidget(pane.notes_tab)
    editor = pane.notes_tab.editor
    editor.setFocus()

    with qtbot.waitSignal(pane.statusMessage, timeout=3000) as saved:
        qtbot.keyClicks(editor, "First thought")
    assert saved.args == ["Saved"]
    notes = service.records.get_record(record_id).notes
    assert [n.body for n in notes] == ["First thought"]

    qtbot.keyClicks(editor, ", and more")
    qtbot.waitUntil(
        lambda: service.notes.get_note(notes[0].id).body == "First thought, and more", timeout=3000
    )
    assert [r.body for r in service.notes.note_revisions(notes[0].id)] == ["First thought"]
    assert pane.notes_tab.model.rowCount() == 1
    assert "First thought, and more" in pane.notes_tab.preview.toPlainText()


def test_flush_edits_saves_at_once(pane: DetailPane, service: AccordsService) -> None:
    record_id = show(pane, service, LETTER)
    pane.notes_tab.editor.setPlainText("Typed just before closing")
    assert pane.notes_tab.timer.isActive()

    pane.flush_edits()

    assert not pane.notes_tab.timer.isActive()
    assert [n.body for n in service.records.get_record(record_id).notes] == [
        "Typed just before closing"
    ]


def test_a_refused_note_stays_in_the_editor_and_goes_to_the_clipboard_on_switching(
    pane: DetailPane, service: AccordsService, messages: list[str]
) -> None:
    record_id = show(pane, service, LETTER)
    pane.notes_tab.editor.setPlainText("broken \x00 text")
    pane.flush_edits()

    assert messages and "NUL" in messages[0]
    assert pane.notes_tab.editor.toPlainText() == "broken \x00 text"
    assert service.records.get_record(record_id).notes == ()

    show(pane, service, ACTION_PLAN)

    assert "clipboard" in messages[-1]
    assert QGuiApplication.clipboard().text() == "broken \x00 text"


def test_a_cleared_note_keeps_its_text_and_says_so_without_a_message_box(
    qtbot: QtBot, pane: DetailPane, service: AccordsService, messages: list[str]
) -> None:
    record_id = show(pane, service, LETTER)
    note = service.notes.add_note(record_id, "keep me")
    pane.show_record(record_id)
    assert pane.notes_tab.editor.toPlainText() == "keep me"

    with qtbot.waitSignal(pane.statusMessage, timeout=3000) as said:
        pane.notes_tab.editor.setPlainText("  \n")
        pane.flush_edits()

    assert "empty note is not saved" in said.args[0]
    assert messages == []
    assert service.notes.get_note(note.id).body == "keep me"


def test_picking_another_note_saves_the_open_one_first(
    pane: DetailPane, service: AccordsService
) -> None:
    record_id = show(pane, service, LETTER)
    first = service.notes.add_note(record_id, "first")
    service.notes.add_note(record_id, "second")
    pane.show_record(record_id)
    tab = pane.notes_tab
    assert tab.editor.toPlainText() == "second"  # the newest opens
    tab.editor.setPlainText("second, edited")

    tab.list.setCurrentIndex(tab.model.index(tab.model.row_of(first.id), 0))

    assert tab.editor.toPlainText() == "first"
    assert [n.body for n in service.records.get_record(record_id).notes] == [
        "first",
        "second, edited",
    ]
    tab.new_note()
    assert tab.editor.toPlainText() == "" and tab.list.currentIndex().row() in (-1, 0)
