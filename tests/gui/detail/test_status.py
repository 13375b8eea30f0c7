"""The Status tab: changing a status, its day, undo, and refusals."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from gui.background import wait_for_background_work
from gui.dashboard import DashboardView
from gui.detail import DetailPane
from gui.operations.status import ChangeStatusCommand
from gui.undo import UndoStack
from storage.service import AccordsService
from tests.gui.detail.panes import (
    ACTION_PLAN,
    DRONES,
    LETTER,
    show,
)


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


def test_the_status_tab_names_who_changed_it(pane: DetailPane, service: AccordsService) -> None:
    """The selected step says who recorded it, and the record who last changed it."""
    record_id = show(pane, service, DRONES)
    tab = pane.status_tab
    assert "last changed by" not in tab.since.text()  # seeded: no one named

    service.records.change_status(record_id, "committed")
    pane.show_record(record_id)

    assert " by tester" in tab.step.text()
    assert tab.since.text().endswith(" · last changed by tester")
