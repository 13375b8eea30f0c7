"""Importing a source in the window: the file, the clipboard, the proposals dialog, one undo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from gui.dialogs.proposals import ProposalsDialog
from gui.mainwindow import MainWindow
from storage.records.query import RecordQuery
from storage.service import AccordsService
from tests.storage.api.test_imports import ARTICLE, PLEDGE, proposals


def imported_dialog(qtbot: QtBot, window: MainWindow) -> ProposalsDialog:
    qtbot.waitUntil(lambda: window.imports.dialog is not None, timeout=10000)
    dialog = window.imports.dialog
    assert dialog is not None
    return dialog


def import_article(qtbot: QtBot, window: MainWindow, folder: Path) -> ProposalsDialog:
    """Import the article as File > Import source… would, and wait for its proposals."""
    path = folder / "carney.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    window.imports.import_file(str(path))
    return imported_dialog(qtbot, window)


def test_import_file_stores_it_and_opens_the_proposals(
    qtbot: QtBot, window: MainWindow, service: AccordsService, tmp_path: Path
) -> None:
    dialog = import_article(qtbot, window, tmp_path)
    assert dialog.isVisible() and not dialog.isModal()
    assert dialog.text.toPlainText() == ARTICLE
    assert [s.file_name for s in service.sources.list_sources()][-1] == "carney.txt"


def test_paste_as_source_imports_the_clipboard(
    qtbot: QtBot, window: MainWindow, service: AccordsService
) -> None:
    QGuiApplication.clipboard().setText(ARTICLE)
    window.menus.paste_source_action.trigger()
    dialog = imported_dialog(qtbot, window)
    assert dialog.source.text == ARTICLE and dialog.source.file_name is None


def test_a_bad_file_is_one_message_and_nothing_stored(
    qtbot: QtBot, window: MainWindow, service: AccordsService, no_dialogs: list[str], tmp_path: Path
) -> None:
    path = tmp_path / "data.txt"
    path.write_bytes(b"\x00\x01binary" * 100)
    window.imports.import_file(str(path))
    qtbot.waitUntil(lambda: bool(no_dialogs), timeout=10000)
    assert no_dialogs == [
        f"{path} is not a text file (its bytes are no known encoding); nothing was imported."
    ]
    assert len(service.sources.list_sources()) == 1


def test_the_dialog_applies_the_ticked_proposals_as_one_undoable_step(
    qtbot: QtBot, window: MainWindow, service: AccordsService
) -> None:
    source = service.imports.import_source(ARTICLE.encode("utf-8"), "a.txt").source
    offered = proposals(service)
    dialog = ProposalsDialog(source, offered, window)
    qtbot.addWidget(dialog)
    dialog.applyRequested.connect(window.imports.apply)
    dialog.open()
    assert (
        len(dialog.text.extraSelections()) == 1 + 3
    )  # the sentence; a value, a support, a conflict
    dialog.list.item(2).setCheckState(Qt.CheckState.Unchecked)  # reject the euros pledge
    before = service.records.count_records(RecordQuery(include_provisions=True))
    dialog.apply_button.click()
    after = service.records.count_records(RecordQuery(include_provisions=True))
    assert after == before + 1  # the memorandum only
    assert len(service.sources.sources_of_record(service.records.resolve_id(PLEDGE))) == 2
    assert window.menus.undo_action.text().replace("&", "") == "Undo Apply proposals"
    window.menus.undo_action.trigger()
    assert service.records.count_records(RecordQuery(include_provisions=True)) == before
    assert len(service.sources.sources_of_record(service.records.resolve_id(PLEDGE))) == 1
    window.menus.redo_action.trigger()
    assert service.records.count_records(RecordQuery(include_provisions=True)) == before + 1


def test_the_source_tab_lists_every_source_of_the_record(
    qtbot: QtBot, window: MainWindow, service: AccordsService
) -> None:
    source = service.imports.import_source(ARTICLE.encode("utf-8"), "a.txt").source
    service.imports.apply(source.id, proposals(service)[:1])
    pledge = service.records.resolve_id(PLEDGE)
    window.detail.show_record(pledge)
    tab = window.detail.source_tab
    qtbot.waitUntil(lambda: tab.picker.count() == 2, timeout=10000)
    tab.picker.setCurrentIndex(1)
    tab.picker.activated.emit(1)
    assert tab.source is not None and tab.source.id == source.id
    assert tab.text.toPlainText() == ARTICLE


def test_sources_in_the_navigation_list_their_records(
    qtbot: QtBot, window: MainWindow, service: AccordsService, tmp_path: Path
) -> None:
    dialog = import_article(qtbot, window, tmp_path)
    key = f"source:{dialog.source.id}"
    assert window.navigation.index_of(key).isValid()
    service.imports.apply(dialog.source.id, proposals(service))
    window.undo_stack.changed.emit(set())  # as a command announces its edit
    window.select_view(key)
    qtbot.waitUntil(lambda: window.records.rowCount() == 3)  # the drones pledge and two new
    counts = service.figures.navigation_counts()
    assert counts[key] == 3 and counts["source:1"] == 8


def test_a_file_dropped_on_the_window_is_imported(
    qtbot: QtBot, window: MainWindow, service: AccordsService, tmp_path: Path
) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    path = tmp_path / "dropped.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    action, none = Qt.DropAction.CopyAction, Qt.MouseButton.NoButton
    enter = QDragEnterEvent(
        window.rect().center(), action, data, none, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(window.rect().center()), action, data, none, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, drop)
    dialog = imported_dialog(qtbot, window)
    assert dialog.source.file_name == "dropped.txt"


def test_a_record_made_by_hand_can_quote_any_source(
    qtbot: QtBot, window: MainWindow, service: AccordsService
) -> None:
    service.imports.import_source(ARTICLE.encode("utf-8"), "a.txt")
    made = service.records.create_record("pledge", {"title": "Drones from Germany"})
    window.detail.show_record(made)
    tab = window.detail.source_tab
    qtbot.waitUntil(lambda: tab.picker.count() == 2, timeout=10000)
    assert "no source yet" in tab.picker.toolTip()
    assert service.sources.sources_of_record(made) == []


def test_a_completion_is_named_by_the_title_of_the_record_it_completes(
    qtbot: QtBot, window: MainWindow, service: AccordsService, tmp_path: Path
) -> None:
    dialog = import_article(qtbot, window, tmp_path)
    held = service.records.get_record(PLEDGE)
    lines = [dialog.list.item(row).text() for row in range(dialog.list.count())]
    assert any(line.startswith(f"Completes “{held.row.title}” (#{held.id})") for line in lines)
