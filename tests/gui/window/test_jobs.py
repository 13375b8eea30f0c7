"""The window's jobs: CSV export (from the menu, of the filter or the selection,
cancelled) and the PDF brief."""

from __future__ import annotations

import csv
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QProgressDialog, QPushButton

from gui.dialogs import msgbox
from gui.dialogs.brief import BriefOptions
from gui.mainwindow import MainWindow
from storage.service import AccordsService

SEPTEMBER = "september-2025-drones-ammunition-armored-vehicles"


# Message boxes are collected, not shown (tests/gui/conftest.py).
pytestmark = pytest.mark.usefixtures("no_dialogs")


def _export(qtbot, window: MainWindow, target: Path, scope: str) -> list[list[str]]:
    dialog = window.jobs.show_export_dialog()
    getattr(dialog, f"scope_{scope}").setChecked(True)
    dialog.path.setText(str(target))
    dialog.excel.setChecked(False)
    with qtbot.waitSignal(dialog.chosen, timeout=2000) as chosen:
        dialog._submit()
    job = window.jobs.export
    assert job is not None
    if job.worker_thread.isRunning() or not target.exists():
        qtbot.waitUntil(lambda: not job.worker_thread.isRunning() and target.exists(), timeout=5000)
    assert chosen.args[0] == target
    with target.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_export_of_the_filter_writes_exactly_those_rows(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    """Exporting "the records shown" writes the filtered rows and nothing else."""
    window.select_view("pledges")
    rows = _export(qtbot, window, tmp_path / "pledges.csv", "filter")
    assert sorted(r[0] for r in rows[1:]) == sorted(
        window.records.row_at(i).slug for i in range(window.records.rowCount())
    )
    assert {r[1] for r in rows[1:]} == {"pledge"}


def test_export_of_the_selection_writes_exactly_those_rows(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    """Exporting the selected rows writes those two records."""
    selection = window.table.selectionModel()
    selection.clearSelection()
    for row in (1, 3):
        window.table.selectRow(row) if row == 1 else selection.select(
            window.records.index(row, 0),
            selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
        )
    wanted = {window.records.row_at(1).slug, window.records.row_at(3).slug}
    rows = _export(qtbot, window, tmp_path / "selected.csv", "selected")
    assert {r[0] for r in rows[1:]} == wanted
    assert len(rows) == 3


def _submitted_dialog(qtbot, window: MainWindow, action_text: str, target: Path) -> None:
    """Trigger a File menu action and submit the dialog it opens, writing ``target``."""
    action = next(a for a in window.actions() if a.text().replace("&", "") == action_text)
    action.trigger()
    dialog = window.findChildren(QDialog)[-1]
    dialog.path.setText(str(target))  # type: ignore[attr-defined]
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    with qtbot.waitSignal(dialog.chosen, timeout=2000):  # type: ignore[attr-defined]
        save.click()


def test_export_csv_from_the_menu_reports_back_on_the_gui_thread(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Export CSV… writes the file and says so; a failed export is told in a box, from the
    GUI thread (a Qt warning about threads fails this test: tests/qt_messages.py)."""
    target = tmp_path / "all.csv"
    _submitted_dialog(qtbot, window, "Export CSV…", target)
    qtbot.waitUntil(lambda: "Exported 8 records" in window.statusBar().currentMessage())
    assert target.exists()
    told_on: list[bool] = []
    monkeypatch.setattr(
        msgbox,
        "inform",
        lambda *_a, **_k: told_on.append(threading.current_thread() is threading.main_thread()),
    )
    (tmp_path / "a-file").write_text("not a folder")
    _submitted_dialog(qtbot, window, "Export CSV…", tmp_path / "a-file" / "all.csv")
    qtbot.waitUntil(lambda: bool(told_on))
    assert told_on == [True]


def test_cancel_stops_an_export_while_it_runs(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The progress dialog's Cancel reaches the export while it is still writing."""
    from gui.dialogs import export as export_dialog
    from storage.transfer.csvfile import ExportCancelled

    written: list[int] = []

    def slow_export(_service, target, _options, *, progress) -> int:
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            written.append(len(written))
            if not progress(len(written)):
                raise ExportCancelled(f"Export to {target} was cancelled; nothing was written.")
            time.sleep(0.01)
        return len(written)

    monkeypatch.setattr(export_dialog, "export_csv", slow_export)
    job = window.jobs.start_export(tmp_path / "slow.csv", export_dialog.ExportOptions())
    qtbot.waitUntil(lambda: len(written) > 3)
    started = time.monotonic()
    window.findChildren(QProgressDialog)[-1].findChild(QPushButton).click()
    qtbot.waitUntil(lambda: not job.worker_thread.isRunning(), timeout=6000)
    assert time.monotonic() - started < 2


def test_pdf_brief_from_the_menu_is_written_and_reported(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    """Print / Export PDF brief… writes the PDF and says so, without a Qt warning."""
    target = tmp_path / "brief.pdf"
    _submitted_dialog(qtbot, window, "Print / Export PDF brief…", target)
    qtbot.waitUntil(lambda: "pages to" in window.statusBar().currentMessage())
    assert target.read_bytes().startswith(b"%PDF")


def test_a_one_page_brief_is_one_page_in_the_status_bar(
    window: MainWindow, service: AccordsService, tmp_path: Path
) -> None:
    """One page is "1 page"."""
    record_id = service.records.resolve_id(SEPTEMBER)
    target = tmp_path / "one.pdf"
    dialog = window.jobs.show_brief_dialog()
    dialog.chosen.emit(target, BriefOptions(record_ids=(record_id,)))
    assert window.statusBar().currentMessage() == f"Wrote 1 page to {target}"
    dialog.close()
