"""The window reflects what the database user may change: a viewer's opens read-only, an
editor's offers no exchange-rate or dismissal edits. (The server's grants enforce it;
tests/storage/team checks them on a real PostgreSQL server.)"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from gui.dashboard.rates import ADMINS_ONLY, RatesPanel
from gui.findings import FindingsPanel
from gui.settings import Settings
from gui.undo import UndoStack
from gui.window.access import VIEWER
from storage.db.database import Database
from storage.service import AccordsService
from storage.team.access import Access

SEPTEMBER = "september-2025-drones-ammunition-armored-vehicles"
pytestmark = pytest.mark.usefixtures("no_dialogs")


@pytest.fixture
def as_viewer(service: AccordsService, monkeypatch: pytest.MonkeyPatch) -> Iterator[AccordsService]:
    """The service as a PostgreSQL viewer sees it (``Database.learn_access``), on SQLite."""
    service.db.access = Access.VIEWER
    service.db.read_only = True
    # A server's database: no file behind it (and so no backups of one).
    monkeypatch.setattr(Database, "path", property(lambda _db: None))
    yield service


def test_a_viewers_window_says_read_only_and_disables_every_edit(
    qtbot, as_viewer: AccordsService, settings: Settings
) -> None:
    from gui.mainwindow import MainWindow

    window = MainWindow(as_viewer, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.first_paint.done)
    assert window.windowTitle().endswith("(read-only)")
    assert window.select_record(as_viewer.records.resolve_id(SEPTEMBER))
    detail = window.detail
    assert window.trash_banner.isVisibleTo(window)
    assert window.trash_banner.text() == VIEWER
    assert detail.overview_tab.rows["title"].editor.isReadOnly()
    assert not detail.status_tab.change_button.isEnabled()
    assert detail.notes_tab.editor.isReadOnly() and not detail.notes_tab.new_button.isEnabled()
    menus = window.menus
    for action in (menus.new_document_action, menus.new_pledge_action, menus.delete_action):
        assert not action.isEnabled()
    window.select_view("trash")
    assert not menus.restore_action.isEnabled()
    window.close()


def test_an_editor_reads_exchange_rates_and_findings_without_changing_them(
    qtbot, service: AccordsService
) -> None:
    service.db.access = Access.EDITOR
    rates = RatesPanel(service, UndoStack())
    qtbot.addWidget(rates)
    assert not rates.remove_button.isEnabled()
    assert not rates.rate_from.isEnabled()
    assert any(label.text() == ADMINS_ONLY for label in rates.findChildren(type(rates.error)))
    service.rates.set("CAD", "USD", "0.7312", "2026-11-01")
    rates.reload()
    assert not rates.model.flags(rates.model.index(0, 2)) & Qt.ItemFlag.ItemIsEditable
    findings = FindingsPanel(service, UndoStack())
    qtbot.addWidget(findings)
    with qtbot.waitSignal(findings.countChanged, timeout=5000):
        findings.show()
    findings.table.selectRow(0)
    assert findings.selected_finding() is not None
    assert not findings.dismiss_button.isEnabled()


def test_an_admin_changes_rates_and_dismisses(qtbot, service: AccordsService) -> None:
    rates = RatesPanel(service, UndoStack())
    qtbot.addWidget(rates)
    assert rates.rate_from.isEnabled() and rates.remove_button.isEnabled()
    findings = FindingsPanel(service, UndoStack())
    qtbot.addWidget(findings)
    with qtbot.waitSignal(findings.countChanged, timeout=5000):
        findings.show()
    findings.table.selectRow(0)
    assert findings.dismiss_button.isEnabled()
