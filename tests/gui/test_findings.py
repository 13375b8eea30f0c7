"""The data-quality findings panel: the rules off the GUI thread, dismissal with undo, and
fields named as the window labels them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from gui.background import wait_for_background_work
from gui.findings import FIELD, REASON, RULE, FindingsPanel
from gui.undo import UndoStack
from storage.service import AccordsService
from storage.wording import rule_label

SEPTEMBER = "september-2025-drones-ammunition-armored-vehicles"


def test_findings_name_fields_as_the_window_labels_them(
    qtbot: QtBot, service: AccordsService
) -> None:
    panel = FindingsPanel(service, UndoStack())
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.countChanged, timeout=5000):
        panel.refresh()
    model = panel.model
    shown = {
        model.index(row, RULE).data(): model.index(row, FIELD).data()
        for row in range(model.rowCount())
    }

    assert shown[rule_label("contradictory-equivalent")] == "Stated equivalent"
    assert shown[rule_label("ambiguous-currency")] == "Currency as written"
    assert not any("_" in field for field in shown.values())


# -- findings panel -----------------------------------------------------------------------


@pytest.fixture
def panel(qtbot: QtBot, service: AccordsService) -> Iterator[FindingsPanel]:
    shown = FindingsPanel(service, UndoStack())
    qtbot.addWidget(shown)
    with qtbot.waitSignal(shown.countChanged, timeout=5000):
        shown.show()  # the rules run on a worker thread
    yield shown
    shown.close()


def row_of(panel: FindingsPanel, rule: str, record: str) -> int:
    findings = panel.model.findings()
    return next(i for i, f in enumerate(findings) if f.rule == rule and f.record == record)


def test_dismissing_a_finding_asks_a_reason_keeps_it_and_undo_restores(
    qtbot: QtBot,
    panel: FindingsPanel,
) -> None:
    total = panel.model.rowCount()
    panel.table.selectRow(row_of(panel, "overdue", SEPTEMBER))
    dialog = panel.ask_dismiss()
    assert dialog is not None and dialog.isVisible()
    dialog.submit()  # no reason yet: refused, dialog stays
    assert dialog.isVisible() and "reason" in dialog.error.text().lower()
    dialog.reason.setPlainText("Delivered per the ministry; source pending")
    with qtbot.waitSignal(panel.countChanged, timeout=5000) as counted:
        dialog.submit()
    assert counted.args == [total - 1]
    assert panel.model.rowCount() == total - 1
    assert "1 dismissed" not in panel.summary.text()
    with qtbot.waitSignal(panel.countChanged, timeout=5000):
        panel.show_dismissed.setChecked(True)
    assert panel.model.rowCount() == total
    assert "1 dismissed" in panel.summary.text()
    assert not panel.table.isColumnHidden(REASON)
    row = row_of(panel, "overdue", SEPTEMBER)
    assert panel.model.index(row, REASON).data() == "Delivered per the ministry; source pending"
    with qtbot.waitSignal(panel.countChanged, timeout=5000):
        panel.undo_stack.stack.undo()
    assert "dismissed" not in panel.summary.text()
    with qtbot.waitSignal(panel.countChanged, timeout=5000):
        panel.undo_stack.stack.redo()
    assert "1 dismissed" in panel.summary.text()
    panel.table.selectRow(row_of(panel, "overdue", SEPTEMBER))
    assert panel.restore_button.isEnabled()
    with qtbot.waitSignal(panel.countChanged, timeout=5000):
        assert panel.restore_selected()
    assert "dismissed" not in panel.summary.text()


def test_double_clicking_a_finding_asks_for_its_record(qtbot: QtBot, panel: FindingsPanel) -> None:
    index = panel.model.index(
        row_of(panel, "no-date", "customs-mutual-administrative-assistance"), 0
    )
    with qtbot.waitSignal(panel.recordRequested, timeout=1000) as blocker:
        panel.table.doubleClicked.emit(index)
    assert blocker.args == ["customs-mutual-administrative-assistance"]


def test_findings_are_computed_off_the_gui_thread_and_only_the_newest_shown(
    qtbot: QtBot, service: AccordsService
) -> None:
    """Two quick refreshes: the rules run on workers and the older result is dropped."""
    panel = FindingsPanel(service, UndoStack())
    qtbot.addWidget(panel)
    counts: list[int] = []
    panel.countChanged.connect(counts.append)
    panel.refresh()
    assert panel.summary.text() == "Checking…"  # the call returned before the rules ran
    panel.refresh()
    assert wait_for_background_work()
    qtbot.waitUntil(lambda: len(counts) == 1, timeout=5000)
    QCoreApplication.processEvents()  # the other, dropped, result comes through too
    assert counts == [panel.model.rowCount()]
    assert panel.summary.text() == f"{counts[0]} findings"
