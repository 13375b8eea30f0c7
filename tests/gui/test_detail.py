"""The detail pane: models, status changes, autosaved notes, annotations, field edits, quotes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QDate, QEvent, QPoint, Qt
from PySide6.QtGui import QGuiApplication, QHelpEvent, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QToolTip,
)
from pytestqt.qtbot import QtBot

from gui.background import wait_for_background_work
from gui.dashboard import DashboardView
from gui.detail import DetailPane
from gui.detail.conflict import KEEP_MERGED, KEEP_THEIRS, NoteConflictDialog
from gui.detail.deliveries import DeliveriesModel
from gui.detail.notes import NotesModel
from gui.detail.positions import py_to_qt, qt_to_py
from gui.detail.status import HistoryModel
from gui.dialogs import msgbox
from gui.operations.status import ChangeStatusCommand
from gui.undo import UndoStack
from storage.service import AccordsService

ACTION_PLAN = "action-plan-security-cooperation"
LETTER = "letter-of-intent-joint-defense-production"
ASSISTANCE = "canada-assistance-since-2022"
REFUGEES = "canada-ukrainian-refugees-accepted"
DRONES = "september-2025-drones-ammunition-armored-vehicles"


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every message box the pane would have shown, instead of showing it."""
    shown: list[str] = []

    def inform(_parent: Any, title: str, text: str, *, warning: bool = False) -> None:
        shown.append(f"{title}: {text}")

    monkeypatch.setattr(msgbox, "inform", inform)
    monkeypatch.setattr(msgbox, "ask", lambda *args, **kwargs: pytest.fail("unexpected ask"))
    return shown


@pytest.fixture
def undo_stack() -> UndoStack:
    return UndoStack()


@pytest.fixture
def pane(
    qtbot: QtBot, service: AccordsService, undo_stack: UndoStack, messages: list[str]
) -> Iterator[DetailPane]:
    widget = DetailPane(service, undo_stack)
    qtbot.addWidget(widget)
    widget.resize(520, 700)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.notes_tab.timer.stop()


def line(pane: DetailPane, field: str) -> QLineEdit:
    editor = pane.overview_tab.rows[field].editor
    assert isinstance(editor, QLineEdit)
    return editor


def show(pane: DetailPane, service: AccordsService, slug: str) -> int:
    record_id = service.records.resolve_id(slug)
    pane.show_record(record_id)
    return record_id


# -- models -----------------------------------------------------------------------------


def test_models_pass_the_model_tester(qtmodeltester: Any, service: AccordsService) -> None:
    drones = service.records.resolve_id(DRONES)
    service.records.change_status(
        drones, "committed", comment="confirmed", evidence="press release"
    )
    note = service.notes.add_note(drones, "# Heading\nbody")
    service.notes.add_note(drones, "second")
    service.notes.edit_note(note.id, "# Heading\nbody, edited", expected_version=note.version)
    refugees = service.records.resolve_id(REFUGEES)
    service.deliveries.add_delivery(
        refugees, delivered_on="2025-09-01", quantity="1,000", note="more"
    )

    detail = service.records.get_record(drones)
    history_model = HistoryModel(detail.history)
    qtmodeltester.check(history_model)
    assert history_model.rowCount() == 2
    newest_to = history_model.index(0, 2).data()
    assert newest_to == "Committed"  # newest first

    notes_model = NotesModel(detail.notes)
    qtmodeltester.check(notes_model)
    assert notes_model.index(0, 0).data().startswith("Heading  ·  ")

    deliveries = DeliveriesModel()
    deliveries.set_rows(service.records.get_record(refugees).deliveries)
    qtmodeltester.check(deliveries)
    assert deliveries.rowCount() == 2
    right = deliveries.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole)
    assert right & Qt.AlignmentFlag.AlignRight


# -- status -----------------------------------------------------------------------------


def test_status_change_is_recorded_and_undoable(
    pane: DetailPane, service: AccordsService, undo_stack: UndoStack
) -> None:
    record_id = show(pane, service, DRONES)
    before = service.records.get_record(record_id)
    tab = pane.status_tab
    tab.open_dialog()
    assert tab.dialog is not None and tab.dialog.isVisible()
    statuses = [tab.dialog.status.itemData(i) for i in range(tab.dialog.status.count())]
    assert "announced" in statuses and "delivered" in statuses

    tab.dialog.chosen.emit("committed", "Confirmed by the ministry", "press release")

    changed = service.records.get_record(record_id)
    assert changed.row.status == "committed"
    assert len(changed.history) == len(before.history) + 1
    assert undo_stack.stack.count() == 1
    assert tab.badge.text() == "Committed"
    assert tab.model.index(0, 4).data() == "Confirmed by the ministry"

    undo_stack.stack.undo()

    undone = service.records.get_record(record_id)
    assert undone.row.status == "announced"
    assert len(undone.history) == len(before.history) + 2
    current = pane.current_record()
    assert current is not None and current.row.status == "announced"
    assert tab.badge.text() == "Announced"


def test_refused_status_change_keeps_the_dialog(
    pane: DetailPane, service: AccordsService, undo_stack: UndoStack, messages: list[str]
) -> None:
    record_id = show(pane, service, DRONES)
    service.records.update_record(
        record_id, service.records.get_record(record_id).version, {"unit": "x"}
    )
    pane.status_tab.open_dialog()
    dialog = pane.status_tab.dialog
    assert dialog is not None
    dialog.comment.setPlainText("my reasoning")
    dialog.status.setCurrentIndex(dialog.status.findData("committed"))
    dialog.accept()  # the pane saw an older version: the service refuses

    assert messages and "changed elsewhere" in messages[0]
    assert dialog.isVisible() and dialog.comment.toPlainText() == "my reasoning"
    assert undo_stack.stack.count() == 0


def test_change_status_opens_on_the_current_status_and_changes_nothing_until_chosen(
    qtbot: QtBot, pane: DetailPane, service: AccordsService, undo_stack: UndoStack
) -> None:
    """A Signed document's dialog says Signed, not Draft: OK alone cannot move it back."""
    record_id = show(pane, service, ACTION_PLAN)
    assert service.records.get_record(record_id).row.status == "signed"
    pane.status_tab.open_dialog()
    dialog = pane.status_tab.dialog
    assert dialog is not None

    assert dialog.status.currentData() == "signed"
    assert dialog.status.currentText() == "Signed"
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert service.records.get_record(record_id).row.status == "signed"
    assert undo_stack.stack.count() == 0

    dialog.status.setCurrentIndex(dialog.status.findData("in_force"))
    assert dialog.ok_button.isEnabled()
    dialog.ok_button.click()

    assert service.records.get_record(record_id).row.status == "in_force"
    assert undo_stack.stack.count() == 1


def test_the_status_shows_the_day_it_took_effect_and_the_dialog_asks_it(
    pane: DetailPane, service: AccordsService, undo_stack: UndoStack
) -> None:
    """A seeded status is 'since' its signing day, not the day of seeding; Change status…
    asks the day (today by default) and undo returns to the earlier status's day."""
    record_id = show(pane, service, ACTION_PLAN)
    tab = pane.status_tab
    assert tab.since.text().startswith("since August 24, 2025 · recorded ")  # as English writes it
    assert tab.model.index(0, 0).data() == "August 24, 2025"
    tab.open_dialog()
    dialog = tab.dialog
    assert dialog is not None
    assert dialog.effective.date() == QDate(2026, 11, 28)  # the service's today
    dialog.status.setCurrentIndex(dialog.status.findData("in_force"))
    dialog.effective.setDate(QDate(2025, 10, 1))
    dialog.accept()

    assert service.records.get_record(record_id).history[-1].effective_on == date(2025, 10, 1)
    assert tab.badge.text() == "In force"
    assert tab.since.text().startswith("since October 1, 2025 · recorded ")
    assert "since October 1, 2025 · recorded " in tab.step.text()

    undo_stack.stack.undo()
    undone = service.records.get_record(record_id)
    assert undone.row.status == "signed" and undone.status_since == date(2025, 8, 24)
    assert tab.since.text().startswith("since August 24, 2025 · recorded ")  # as English writes it


# -- notes ------------------------------------------------------------------------------


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


def test_a_saved_note_leaves_the_dashboard_alone_and_a_status_change_refreshes_it(
    qtbot: QtBot, pane: DetailPane, service: AccordsService, undo_stack: UndoStack
) -> None:
    """The figures take seconds at scale and no note moves them: autosave must not recompute."""
    dashboard = DashboardView(service, undo_stack)
    qtbot.addWidget(dashboard)
    with qtbot.waitSignal(dashboard.refreshed, timeout=10_000):
        dashboard.show()
    record_id = show(pane, service, LETTER)
    pane.notes_tab.editor.setPlainText("A thought")
    with qtbot.assertNotEmitted(undo_stack.figuresChanged), qtbot.waitSignal(undo_stack.changed):
        pane.flush_edits()
    assert not dashboard.busy

    record = service.records.get_record(record_id).row
    change = ChangeStatusCommand(
        service, undo_stack, record_id, record.version, record.status, "in_force"
    )
    with qtbot.waitSignal(dashboard.refreshed, timeout=10_000):
        undo_stack.perform(change)
    assert wait_for_background_work()


def test_a_note_changed_elsewhere_opens_the_conflict_dialog_and_overwrites_nothing(
    pane: DetailPane, service: AccordsService
) -> None:
    """Theirs, mine or merged: the user chooses; until then both texts are kept."""
    record_id = show(pane, service, LETTER)
    note = service.notes.add_note(record_id, "first line\nsecond line\n")
    pane.show_record(record_id)
    # Another window saved first; this window still holds the version it loaded.
    service.notes.edit_note(
        note.id, "first line\nsecond line, theirs\n", expected_version=note.version
    )

    pane.notes_tab.editor.setPlainText("first line, mine\nsecond line\n")
    pane.flush_edits()

    dialog = pane.notes_tab.conflict
    assert isinstance(dialog, NoteConflictDialog)
    assert pane.notes_tab.editor.toPlainText() == "first line, mine\nsecond line\n"
    assert service.notes.get_note(note.id).body == "first line\nsecond line, theirs\n"
    assert dialog.merged_editor.toPlainText() == "first line, mine\nsecond line, theirs\n"

    dialog.choose(KEEP_MERGED)

    assert service.notes.get_note(note.id).body == "first line, mine\nsecond line, theirs\n"
    assert "first line\nsecond line, theirs\n" in [
        r.body for r in service.notes.note_revisions(note.id)
    ]


def test_keeping_theirs_shows_their_text_and_puts_mine_on_the_clipboard(
    pane: DetailPane, service: AccordsService
) -> None:
    """Choosing the other window's text keeps what was typed within reach."""
    record_id = show(pane, service, LETTER)
    note = service.notes.add_note(record_id, "original")
    pane.show_record(record_id)
    service.notes.edit_note(note.id, "from another window", expected_version=note.version)
    pane.notes_tab.editor.setPlainText("my version")
    pane.flush_edits()
    assert pane.notes_tab.conflict is not None

    pane.notes_tab.conflict.choose(KEEP_THEIRS)

    assert pane.notes_tab.editor.toPlainText() == "from another window"
    assert service.notes.get_note(note.id).body == "from another window"
    assert QGuiApplication.clipboard().text() == "my version"


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


def test_revisions_dialog_diffs_and_restores(pane: DetailPane, service: AccordsService) -> None:
    record_id = show(pane, service, LETTER)
    note = service.notes.add_note(record_id, "line one\nline two")
    service.notes.edit_note(note.id, "line one\nline 2", expected_version=note.version)
    pane.show_record(record_id)

    pane.notes_tab.open_revisions()
    dialog = pane.notes_tab.revisions
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    dialog.select(0)
    assert "-line two" in dialog.diff.toPlainText()
    assert "+line 2" in dialog.diff.toPlainText()

    dialog.restore.click()

    assert service.notes.get_note(note.id).body == "line one\nline two"
    assert [r.body for r in service.notes.note_revisions(note.id)][-1] == "line one\nline 2"
    assert pane.notes_tab.editor.toPlainText() == "line one\nline two"


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


# -- source and annotations -------------------------------------------------------------


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


def commented_quote(service: AccordsService, slug: str, words: str, comment: str) -> int:
    """Annotate the first place ``words`` appear in the first source, with a comment."""
    source = service.sources.list_sources()[0]
    start = source.text.index(words)
    record_id = service.records.resolve_id(slug)
    annotation = service.sources.annotate(
        source.id, start, start + len(words), record_id=record_id, comment=comment, field="tags"
    )
    return annotation.id


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


def test_positions_round_trip_with_emoji_and_modifier_apostrophe() -> None:
    text = "Presidentʼs Office 🇺🇦 said 👍🏽 and 𝄞 ok\n2nd line"
    utf16 = len(text.encode("utf-16-le")) // 2
    assert py_to_qt(text, len(text)) == utf16 > len(text)
    for index in range(len(text) + 1):
        assert qt_to_py(text, py_to_qt(text, index)) == index
    inside_pair = py_to_qt(text, text.index("👍")) + 1
    assert qt_to_py(text, inside_pair) == text.index("👍") + 1  # rounds up to the next char
    assert py_to_qt("Presidentʼs", 11) == 11  # U+02BC is one UTF-16 unit


@given(st.text())
def test_positions_match_utf16_lengths_for_any_text(text: str) -> None:
    for index in range(len(text) + 1):
        position = py_to_qt(text, index)
        assert position == len(text[:index].encode("utf-16-le", "surrogatepass")) // 2
        assert qt_to_py(text, position) == index


def test_positions_select_the_same_words_in_a_qt_document(qtbot: QtBot) -> None:
    text = "Presidentʼs Office 🇺🇦 said 👍🏽 and 𝄞 ok\n2nd line"
    view = QPlainTextEdit()
    qtbot.addWidget(view)
    view.setPlainText(text)
    assert view.document().characterCount() - 1 == py_to_qt(text, len(text))
    for word in ("Office", "said", "ok", "🇺🇦", "2nd line"):
        start = text.index(word)
        cursor = QTextCursor(view.document())
        cursor.setPosition(py_to_qt(text, start))
        cursor.setPosition(py_to_qt(text, start + len(word)), QTextCursor.MoveMode.KeepAnchor)
        assert cursor.selectedText() == word
        assert qt_to_py(text, cursor.selectionStart()) == start


# -- overview ---------------------------------------------------------------------------


def test_an_invalid_edit_shows_an_error_and_a_valid_one_is_saved_and_undoable(
    qtbot: QtBot, pane: DetailPane, service: AccordsService, undo_stack: UndoStack
) -> None:
    record_id = show(pane, service, LETTER)
    row = pane.overview_tab.rows["signed_on"]
    editor = line(pane, "signed_on")
    editor.setFocus()

    editor.selectAll()
    qtbot.keyClicks(editor, "2025-13-40")
    qtbot.keyClick(editor, Qt.Key.Key_Return)

    assert row.error.isVisible() and "2025-13-40" in row.error.text()
    assert editor.text() == "2025-13-40"
    assert service.records.get_record(record_id).signed_on == date(2025, 8, 24)
    assert undo_stack.stack.count() == 0

    editor.selectAll()
    qtbot.keyClicks(editor, "2025-08-25")
    qtbot.keyClick(editor, Qt.Key.Key_Return)

    assert not row.error.isVisible()
    assert service.records.get_record(record_id).signed_on == date(2025, 8, 25)
    assert undo_stack.stack.count() == 1
    assert undo_stack.stack.undoText() == "Edit signing date"  # as the form labels it

    undo_stack.stack.undo()

    assert service.records.get_record(record_id).signed_on == date(2025, 8, 24)
    assert editor.text() == "2025-08-24"


def test_unsaved_text_survives_a_reload_and_same_value_is_no_edit(
    pane: DetailPane, service: AccordsService, undo_stack: UndoStack
) -> None:
    record_id = show(pane, service, ASSISTANCE)
    rows = pane.overview_tab.rows
    line(pane, "due").setText("someday")
    line(pane, "due").editingFinished.emit()
    assert rows["due"].error.isVisible()

    line(pane, "amount").setText("22000000000")
    line(pane, "amount").editingFinished.emit()
    assert undo_stack.stack.count() == 0  # the same number, written differently

    pane.status_tab.open_dialog()
    assert pane.status_tab.dialog is not None
    pane.status_tab.dialog.chosen.emit("partially_delivered", "", "")

    assert service.records.get_record(record_id).row.status == "partially_delivered"
    assert line(pane, "due").text() == "someday"
    assert rows["due"].error.isVisible()


def test_a_conflicting_edit_reloads_and_keeps_the_text_to_retry(
    pane: DetailPane, service: AccordsService, undo_stack: UndoStack, messages: list[str]
) -> None:
    record_id = show(pane, service, ASSISTANCE)
    service.records.update_record(
        record_id, service.records.get_record(record_id).version, {"unit": "x"}
    )
    line(pane, "announced_on").setText("2025-08-24")
    line(pane, "announced_on").editingFinished.emit()

    assert messages and "reloaded" in messages[0]
    assert line(pane, "announced_on").text() == "2025-08-24"
    assert service.records.get_record(record_id).announced_on is None

    pane.flush_edits()  # retrying now applies to the reloaded version

    assert service.records.get_record(record_id).announced_on == date(2025, 8, 24)
    assert undo_stack.stack.count() == 1


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


def test_a_provision_shows_its_document_as_a_link_to_it(
    qtbot: QtBot, pane: DetailPane, service: AccordsService
) -> None:
    show(pane, service, "customs-training")
    document = service.records.get_record("customs-mutual-administrative-assistance")
    value, _marker = pane.overview_tab.facts["parent"]
    assert value.isVisible()
    assert document.row.title in value.text()
    assert value.textFormat() == Qt.TextFormat.RichText
    assert value.textInteractionFlags() & Qt.TextInteractionFlag.LinksAccessibleByKeyboard

    href = value.text().split('href="', 1)[1].split('"', 1)[0]
    with qtbot.waitSignal(pane.recordRequested) as asked:
        value.linkActivated.emit(href)
    assert asked.args == [document.row.slug]


# -- deliveries and the pane ------------------------------------------------------------


def test_deliveries_tab_adds_an_undoable_delivery_for_pledges_only(
    pane: DetailPane, service: AccordsService, undo_stack: UndoStack, messages: list[str]
) -> None:
    deliveries_index = pane.indexOf(pane.deliveries_tab)
    show(pane, service, ACTION_PLAN)
    assert not pane.isTabVisible(deliveries_index)

    record_id = show(pane, service, DRONES)
    assert pane.isTabVisible(deliveries_index)
    tab = pane.deliveries_tab
    assert tab.summary.text() == (
        "Pledged: over $700,000,000 · Delivered: $0 · Remaining: $700,000,000"
    )
    tab.date_edit.setText("2025-09-15")
    tab.figure_edit.setText("lots")
    tab.add_button.click()
    assert messages and "Amount must be a number" in messages[0]
    assert tab.figure_edit.text() == "lots"  # the form keeps what was typed

    tab.figure_edit.setText("200,000,000")
    tab.note_edit.setText("first drones")
    tab.add_button.click()

    assert [d.amount for d in service.records.get_record(record_id).deliveries] == [200000000]
    assert tab.model.rowCount() == 1 and tab.figure_edit.text() == ""
    assert tab.summary.text().endswith("Delivered: $200,000,000 · Remaining: $500,000,000")

    undo_stack.stack.undo()

    assert service.records.get_record(record_id).deliveries == ()
    assert tab.model.rowCount() == 0


def test_none_clears_the_pane(pane: DetailPane, service: AccordsService) -> None:
    show(pane, service, ASSISTANCE)
    pane.show_record(None)
    assert pane.current_record() is None
    assert pane.overview_tab.rows == {}
    assert not pane.status_tab.change_button.isEnabled()


# -- the words the pane uses ------------------------------------------------------------


def form_label(pane: DetailPane, field: str) -> str:
    """The text of the label the Overview puts beside a field's editor."""
    editor = pane.overview_tab.rows[field].editor
    labels = [w for w in pane.overview_tab.findChildren(QLabel) if w.buddy() is editor]
    assert len(labels) == 1
    return labels[0].text()


@pytest.mark.parametrize(
    ("slug", "field", "typed"),
    [
        (ACTION_PLAN, "signed_on", "someday"),
        (ASSISTANCE, "announced_on", "soon"),
        (ASSISTANCE, "amount", "lots"),
        (ASSISTANCE, "quantity", "many"),
        (ASSISTANCE, "currency", "C1"),
        (ASSISTANCE, "due", "someday"),
    ],
)
def test_a_refused_value_names_the_field_as_its_label_does(
    pane: DetailPane, service: AccordsService, slug: str, field: str, typed: str
) -> None:
    show(pane, service, slug)
    line(pane, field).setText(typed)
    line(pane, field).editingFinished.emit()

    error = pane.overview_tab.rows[field].error.text()
    assert error.startswith(form_label(pane, field) + " "), error
    assert field not in error


def test_the_signing_date_is_called_so_in_the_form_and_in_its_error(
    pane: DetailPane, service: AccordsService
) -> None:
    show(pane, service, ACTION_PLAN)
    line(pane, "signed_on").setText("someday")
    line(pane, "signed_on").editingFinished.emit()

    assert form_label(pane, "signed_on") == "Signing date"
    assert pane.overview_tab.rows["signed_on"].error.text() == (
        "Signing date must be a date like 2025-08-24, not 'someday'"
    )


def test_a_refused_delivery_date_is_named_as_the_form_names_it(
    pane: DetailPane, service: AccordsService, messages: list[str]
) -> None:
    show(pane, service, DRONES)
    tab = pane.deliveries_tab
    tab.date_edit.setText("yesterday")
    tab.figure_edit.setText("1")
    tab.add_button.click()

    form = tab.date_edit.parentWidget()
    assert form is not None
    layout = form.layout()
    assert isinstance(layout, QFormLayout)
    shown_label = layout.labelForField(tab.date_edit)
    assert isinstance(shown_label, QLabel)
    assert messages == [
        f"Not saved: {shown_label.text()} must be a date like 2025-08-24, not 'yesterday'"
    ]


# -- revisions --------------------------------------------------------------------------


def test_the_revisions_dialog_says_what_it_lists(pane: DetailPane, service: AccordsService) -> None:
    """Its hint matches its list: none yet, then several, and never "no earlier texts"
    beside a list of them."""
    record_id = show(pane, service, LETTER)
    note = service.notes.add_note(record_id, "one")
    pane.show_record(record_id)
    pane.notes_tab.open_revisions()
    dialog = pane.notes_tab.revisions
    assert dialog is not None
    assert dialog.model.rowCount() == 0
    assert dialog.summary.text() == "This note has no earlier texts yet."

    version = note.version
    for body in ("two", "three", "four"):
        version = service.notes.edit_note(note.id, body, expected_version=version).version
    pane.show_record(record_id)
    pane.notes_tab.open_revisions()

    assert dialog.model.rowCount() == 3
    assert dialog.summary.text() == "3 earlier texts, newest first."
    assert "no earlier texts" not in dialog.text.placeholderText()
    assert dialog.text.placeholderText() == "Select a revision above to see its text."

    service.notes.edit_note(note.id, "five", expected_version=version)
    pane.show_record(record_id)
    pane.notes_tab.open_revisions()
    dialog.select(0)
    assert dialog.summary.text() == "4 earlier texts, newest first."
    assert dialog.text.toPlainText() == "four"
