"""The Edit menu's record actions: delete and restore (one undo step for several), new pledge."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QLineEdit

from gui.mainwindow import MainWindow
from storage.records.query import RecordQuery
from storage.schema.enums import RecordKind
from storage.service import AccordsService
from storage.wording import field_label

SEPTEMBER = "september-2025-drones-ammunition-armored-vehicles"


# Message boxes are collected, not shown (tests/gui/conftest.py).
pytestmark = pytest.mark.usefixtures("no_dialogs")


def test_delete_moves_to_trash_and_undo_restores(
    window: MainWindow, service: AccordsService
) -> None:
    """Delete is soft and one undo step; Restore brings it back from the Trash view."""
    assert window.select_record(service.records.resolve_id(SEPTEMBER))
    window.menus.delete_action.trigger()
    assert service.records.count_records(RecordQuery(trash=True)) == 1
    assert (
        window.menus.undo_action.text().replace("&", "") == "Undo Delete 1 record"
    )  # the count: Ukrainian says it for 21 too
    window.menus.undo_action.trigger()
    assert service.records.count_records(RecordQuery(trash=True)) == 0
    window.menus.redo_action.trigger()
    window.select_view("trash")
    assert window.records.rowCount() == 1
    window.select_record(service.records.resolve_id(SEPTEMBER))
    window.menus.restore_action.trigger()
    assert service.records.count_records(RecordQuery(trash=True)) == 0


def _select_rows(window: MainWindow, rows: list[int]) -> list[int]:
    """Select these table rows (as a user would with Ctrl+click); their record ids."""
    selection = window.table.selectionModel()
    selection.clearSelection()
    for row in rows:
        selection.select(
            window.records.index(row, 0),
            selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
        )
    return window.selected_ids()


def _trashed(service: AccordsService) -> set[int]:
    return {row.id for row in service.records.list_records(RecordQuery(trash=True))}


def test_deleting_several_records_is_one_undo_step(
    window: MainWindow, service: AccordsService
) -> None:
    """Three records deleted together go to the trash, and come back, as one step."""
    ids = _select_rows(window, [0, 2, 4])
    window.menus.delete_action.trigger()
    assert _trashed(service) == set(ids)
    assert window.undo_stack.stack.count() == 1
    assert window.menus.undo_action.text().replace("&", "") == "Undo Delete 3 records"
    window.menus.undo_action.trigger()
    assert _trashed(service) == set()
    window.menus.redo_action.trigger()
    assert _trashed(service) == set(ids)
    window.select_view("trash")
    _select_rows(window, [0, 1, 2])
    window.menus.restore_action.trigger()
    assert _trashed(service) == set()
    assert window.undo_stack.stack.count() == 2


def test_a_delete_of_several_that_fails_on_one_deletes_none(
    window: MainWindow,
    service: AccordsService,
    db_path: Path,
    no_dialogs: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """One of the selected records trashed meanwhile elsewhere, or one failing midway:
    no record is deleted, the user is told which and why, and nothing lands on the undo
    stack."""
    import storage.api.records as records_module
    from storage.errors import DatabaseError

    ids = _select_rows(window, [0, 2, 4])
    other = AccordsService.open(str(db_path), seed=False, actor="colleague")
    other.records.delete_record(ids[1])
    other.close()
    window.menus.delete_action.trigger()
    assert _trashed(service) == {ids[1]}
    assert "already in the trash; nothing was deleted" in no_dialogs[-1]
    assert window.undo_stack.stack.count() == 0

    service.records.restore_record(ids[1])
    touch = records_module.touch

    def fail_on_the_last(record: object) -> None:
        if getattr(record, "id", None) == ids[2]:
            raise DatabaseError("The disk is full; nothing was deleted.")
        touch(record)  # type: ignore[arg-type]

    monkeypatch.setattr(records_module, "touch", fail_on_the_last)
    window.menus.delete_action.trigger()
    assert _trashed(service) == set()
    assert no_dialogs[-1] == "The disk is full; nothing was deleted."
    assert window.undo_stack.stack.count() == 0


def test_undoing_a_delete_of_several_restores_all_or_none(
    window: MainWindow, service: AccordsService, db_path: Path, no_dialogs: list[str]
) -> None:
    """One of the deleted records restored elsewhere meanwhile: Undo restores none (it
    would restore what this window did not delete) and says why."""
    ids = _select_rows(window, [0, 2, 4])
    window.menus.delete_action.trigger()
    other = AccordsService.open(str(db_path), seed=False, actor="colleague")
    other.records.restore_record(ids[0])
    other.close()
    window.menus.undo_action.trigger()
    assert _trashed(service) == set(ids[1:])
    assert no_dialogs[-1].startswith("Could not undo “Delete 3 records”: “")
    assert no_dialogs[-1].endswith("is not in the trash; nothing was restored.")


def type_into(qtbot, dialog: QDialog, name: str, text: str) -> None:
    """Type into the dialog's input for a field, as a user would, over what it held."""
    line = next(
        w for w in dialog.findChildren(QLineEdit) if w.accessibleName() == field_label(name)
    )
    line.clear()
    qtbot.keyClicks(line, text)


def test_new_pledge_dialog_validates_then_creates_undoably(
    qtbot, window: MainWindow, service: AccordsService
) -> None:
    """A bad amount is refused in the dialog; a good pledge is created and undo removes it."""
    dialog = window.menus.show_new_record(RecordKind.PLEDGE)
    type_into(qtbot, dialog, "title", "Winter fuel")
    type_into(qtbot, dialog, "amount", "lots")
    dialog.buttons.accepted.emit()
    assert "Amount must be a number" in dialog.error.text()
    assert service.records.count_records() == 8
    type_into(qtbot, dialog, "amount", "1500000")
    type_into(qtbot, dialog, "currency", "eur")
    type_into(qtbot, dialog, "due", "2026-Q1")
    dialog.buttons.accepted.emit()
    detail = service.records.get_record("winter-fuel")
    assert detail.row.currency == "EUR"
    assert str(detail.row.due) == "2026-Q1"
    window.menus.undo_action.trigger()
    assert service.records.count_records() == 8
