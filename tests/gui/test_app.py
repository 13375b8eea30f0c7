"""Opening a database from the app: an old one is updated behind a notice, a current one not."""

from __future__ import annotations

import logging
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from gui.app import UPDATING_TEXT, UpdateNotice, WindowManager
from gui.dialogs import msgbox
from storage.db import backup as backups
from storage.db import migrate
from storage.service import AccordsService
from tests.schema import downgrade_to


def visible_notices() -> list[str]:
    return [
        widget.text()
        for widget in QApplication.topLevelWidgets()
        if isinstance(widget, QLabel) and widget.isVisible()
    ]


def open_in_manager(qtbot: QtBot, path: Path) -> str:
    """Open ``path`` as the app does and close it again; returns the status bar's message."""
    window = WindowManager().open(str(path))
    assert window is not None
    qtbot.addWidget(window)
    message = window.statusBar().currentMessage()
    window.close()
    window.service.close()
    return message


def test_an_old_database_is_updated_behind_a_notice(
    db_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = AccordsService.open(str(db_path))
    downgrade_to(service.db.engine, "0005")
    service.close()
    on_screen: list[list[str]] = []
    upgrade = migrate.upgrade

    def watched(engine: Engine) -> None:
        on_screen.append(visible_notices())
        upgrade(engine)

    monkeypatch.setattr(migrate, "upgrade", watched)
    message = open_in_manager(qtbot, db_path)
    assert on_screen == [[UPDATING_TEXT]]
    assert visible_notices() == []
    assert message.startswith("Updated the database")


def test_a_current_database_opens_without_a_notice(
    db_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    AccordsService.open(str(db_path)).close()
    shown: list[bool] = []
    monkeypatch.setattr(UpdateNotice, "show", lambda _notice: shown.append(True))
    open_in_manager(qtbot, db_path)
    assert shown == []


# -- File > Open database… on what is not an Accords database ----------------------------


class Dialogs:
    """What the app would have shown, with the answer a user gives to each question."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, answer: bool) -> None:
        self.told: list[str] = []
        self.asked: list[str] = []
        self.answer = answer
        monkeypatch.setattr(msgbox, "inform", self.inform)
        monkeypatch.setattr(msgbox, "ask", self.ask)

    def inform(self, _parent: object, _title: str, text: str, **_kw: object) -> None:
        self.told.append(text)

    def ask(
        self, _p: object, _t: str, text: str, on_answer: Callable[[bool], None], **_k: object
    ) -> None:
        self.asked.append(text)
        on_answer(self.answer)


def folder_state(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def manager(qtbot: QtBot, db_path: Path, seeded_template: Path) -> Iterator[WindowManager]:
    shutil.copyfile(seeded_template, db_path)
    opened = WindowManager()
    window = opened.open(str(db_path))
    assert window is not None
    qtbot.addWidget(window)
    yield opened
    if opened.window is not None:
        opened.window.close()
        opened.window.service.close()


def choose_in_open_database(manager: WindowManager, path: Path) -> None:
    assert manager.window is not None
    manager.window.menus.database_chosen(str(path))


@pytest.mark.parametrize("kind", ["csv", "foreign"])
def test_opening_a_file_that_is_no_accords_database_changes_nothing(
    manager: WindowManager,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    kind: str,
) -> None:
    """A CSV picked by mistake, or another program's database: one message, logged, no rename."""
    folder = tmp_path / "picked"
    folder.mkdir()
    picked = folder / ("records.csv" if kind == "csv" else "contacts.sqlite3")
    if kind == "csv":
        picked.write_text("id,title\n1,an agreement\n" * 100)
    else:
        connection = sqlite3.connect(picked)
        connection.execute("CREATE TABLE contacts (name TEXT)")
        connection.commit()
        connection.close()
    before = folder_state(folder)
    dialogs = Dialogs(monkeypatch, answer=True)
    first = manager.window
    with caplog.at_level(logging.INFO, logger="accords"):
        choose_in_open_database(manager, picked)
    assert dialogs.asked == []
    assert len(dialogs.told) == 1
    assert dialogs.told[0].startswith(f"{picked} is not an Accords database")
    assert dialogs.told[0].endswith("nothing was changed.")
    assert folder_state(folder) == before
    assert manager.window is first  # the database open before stays open
    assert any("not an Accords database" in r.getMessage() for r in caplog.records)


def damaged_with_backup(path: Path) -> bytes:
    backups.create_backup(path, "manual")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 100])
    return path.read_bytes()


def test_a_damaged_database_is_set_aside_only_after_the_user_agrees(
    manager: WindowManager,
    tmp_path: Path,
    seeded_template: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Cancel leaves the file exactly as it was (and the log says so); agreeing recovers it."""
    folder = tmp_path / "other"
    folder.mkdir()
    other = folder / "other.sqlite3"
    shutil.copyfile(seeded_template, other)
    damaged = damaged_with_backup(other)
    before = folder_state(folder)
    dialogs = Dialogs(monkeypatch, answer=False)
    with caplog.at_level(logging.INFO, logger="accords"):
        choose_in_open_database(manager, other)
    assert len(dialogs.asked) == 1 and "restore the newest verified backup" in dialogs.asked[0]
    assert folder_state(folder) == before
    assert any("left unchanged" in r.getMessage() for r in caplog.records)

    dialogs.answer = True
    choose_in_open_database(manager, other)
    assert manager.window is not None and manager.window.service.db.path == other
    kept = [
        p for p in folder.glob("other.sqlite3.damaged-*") if p.name[-4:] not in ("-wal", "-shm")
    ]
    assert [p.read_bytes() for p in kept] == [damaged]
    assert any("was damaged" in text for text in dialogs.told)


def test_open_database_starts_in_the_folder_of_the_current_file(
    manager: WindowManager, db_path: Path
) -> None:
    """Not the data folder: the file one wants is most likely next to the one open."""
    assert manager.window is not None
    manager.window.menus.choose_database()
    dialog = manager.window.findChild(QFileDialog)
    assert dialog is not None
    assert Path(dialog.directory().absolutePath()) == db_path.parent
    dialog.reject()


def test_opening_a_database_takes_the_daily_backup_off_the_gui_thread(
    manager: WindowManager, db_path: Path, qtbot: QtBot
) -> None:
    """Its last backup absent (or a day old): after the first paint, Backups… lists a new one."""
    assert manager.window is not None
    qtbot.waitUntil(lambda: bool(backups.list_backups(db_path)), timeout=10000)
    dialog = manager.window.menus.show_backups()
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 1
    assert dialog.model.index(0, 1).data() == "daily"
