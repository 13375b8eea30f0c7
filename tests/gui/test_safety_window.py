"""Nothing typed is lost: on close, after a crash, on a full disk, or when the save path fails."""

from __future__ import annotations

import logging
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from gui.crash import install_exception_hook, log_path, start_logging
from gui.dialogs import msgbox
from gui.mainwindow import MainWindow
from gui.settings import Settings
from storage.db.drafts import DraftStore
from storage.records.validation import MAX_NOTE_CHARS
from storage.service import AccordsService

LETTER = "letter-of-intent-joint-defense-production"


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    messages: list[str] = []
    monkeypatch.setattr(msgbox, "inform", lambda _p, _t, text, **_k: messages.append(text))
    return messages


def open_window(qtbot: QtBot, service: AccordsService, tmp_path: Path) -> MainWindow:
    window = MainWindow(service, Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.show()
    window.select_record(service.records.resolve_id(LETTER))
    window.detail.setCurrentWidget(window.detail.notes_tab)
    return window


@pytest.fixture
def window(
    qtbot: QtBot, service: AccordsService, tmp_path: Path, shown: list[str]
) -> Iterator[MainWindow]:
    opened = open_window(qtbot, service, tmp_path)
    yield opened
    opened.detail.notes_tab.timer.stop()


def notes(service: AccordsService) -> list[str]:
    return [note.body for note in service.records.get_record(LETTER).notes]


def test_closing_the_window_saves_the_note_being_typed(
    qtbot: QtBot, window: MainWindow, service: AccordsService
) -> None:
    """Close right after typing, before the autosave: the note is saved."""
    qtbot.keyClicks(window.detail.notes_tab.editor, "Typed, then closed")
    window.close()
    assert notes(service) == ["Typed, then closed"]


def test_after_a_crash_while_typing_the_next_start_offers_the_draft(
    qtbot: QtBot,
    window: MainWindow,
    service: AccordsService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A draft reaches the disk within a quarter second; the next window offers it back."""
    editor = window.detail.notes_tab.editor
    window.detail.notes_tab.timer.setInterval(60_000)  # the crash comes before any autosave
    qtbot.keyClicks(editor, "Half a thought")
    drafts = DraftStore(service.db.location)
    qtbot.waitUntil(lambda: bool(drafts.pending()), timeout=3000)
    assert drafts.pending()[0].text == "Half a thought"
    assert notes(service) == []
    # The process dies here: nothing else runs. The next start asks about the draft.
    window.detail.notes_tab.timer.stop()
    window.detail.notes_tab._dirty = False
    asked: list[str] = []

    def answer_yes(_parent: Any, _title: str, text: str, on_answer: Any, **_kw: Any) -> None:
        asked.append(text)
        on_answer(True)

    monkeypatch.setattr(msgbox, "ask", answer_yes)
    second = open_window(qtbot, service, tmp_path)
    qtbot.waitUntil(lambda: bool(asked), timeout=3000)
    assert "1 note" in asked[0]
    assert notes(service) == ["Half a thought"]
    assert drafts.pending() == []
    second.detail.notes_tab.timer.stop()


def test_a_full_database_keeps_the_note_in_the_editor_until_a_retry_succeeds(
    qtbot: QtBot, window: MainWindow, service: AccordsService, db_path: Path, shown: list[str]
) -> None:
    """Disk full: a plain message, the text stays, the file stays intact, a retry saves."""
    service.db.engine.dispose()

    def cap(connection: sqlite3.Connection, _record: object) -> None:
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {pages + 1}")

    event.listen(service.db.engine, "connect", cap)
    editor = window.detail.notes_tab.editor
    big = "A long field report. " * 50_000
    editor.setPlainText(big)
    window.detail.flush_edits()
    assert shown and "full" in shown[-1]
    assert editor.toPlainText() == big
    checker = sqlite3.connect(db_path)
    assert checker.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    checker.close()

    event.remove(service.db.engine, "connect", cap)
    service.db.engine.dispose()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, "!")
    window.detail.flush_edits()
    assert notes(service) == [big + "!"]


@pytest.mark.qt_no_exception_capture
def test_a_fault_in_the_save_path_is_logged_shown_and_the_text_kept(
    qtbot: QtBot,
    window: MainWindow,
    service: AccordsService,
    shown: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An unexpected exception while autosaving: logged with traceback, shown, text kept."""
    start_logging()
    previous = sys.excepthook
    install_exception_hook(lambda text: msgbox.inform(None, "Accords", text))

    def broken(*_args: Any, **_kwargs: Any) -> None:
        raise RuntimeError("save path fault")

    monkeypatch.setattr(service.notes, "add_note", broken)
    try:
        qtbot.keyClicks(window.detail.notes_tab.editor, "Do not lose me")
        qtbot.waitUntil(lambda: any("save path fault" in text for text in shown), timeout=5000)
    finally:
        sys.excepthook = previous
        for handler in logging.getLogger("accords").handlers:
            handler.flush()
    assert window.detail.notes_tab.editor.toPlainText() == "Do not lose me"
    assert "RuntimeError: save path fault" in log_path().read_text(encoding="utf-8")
    monkeypatch.undo()
    window.detail.flush_edits()
    assert notes(service) == ["Do not lose me"]


def test_a_ten_megabyte_note_saves_and_loads_and_an_oversize_one_is_refused(
    qtbot: QtBot, window: MainWindow, service: AccordsService, shown: list[str]
) -> None:
    """The documented limit is 16 Mi characters; 10 MB is well inside it."""
    editor = window.detail.notes_tab.editor
    ten_megabytes = ("Київ ʼ report line\n" * 600_000)[: 10 * 1024 * 1024]
    editor.setPlainText(ten_megabytes)
    window.detail.flush_edits()
    assert notes(service) == [ten_megabytes]
    window.detail.show_record(service.records.resolve_id(LETTER))
    assert editor.toPlainText() == ten_megabytes

    oversize = ("x" * 99 + "\n") * (MAX_NOTE_CHARS // 100 + 1)
    editor.setPlainText(oversize)
    window.detail.flush_edits()
    assert shown and "limit" in shown[-1]
    assert notes(service) == [ten_megabytes]
    assert editor.toPlainText() == oversize  # still there to trim
    editor.setPlainText(ten_megabytes)
    window.detail.flush_edits()
