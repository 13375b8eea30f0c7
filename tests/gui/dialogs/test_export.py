"""The Export CSV dialog's choices, and the job that writes the file on a worker thread."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMainWindow
from pytestqt.qtbot import QtBot

from gui import settings as opt
from gui.dialogs.export import ExportDialog, ExportJob, ExportProgress
from gui.settings import Settings
from storage.records.query import RecordQuery
from storage.schema.enums import RecordKind
from storage.service import AccordsService
from storage.transfer.export import ExportOptions

PLEDGES = frozenset({RecordKind.PLEDGE.value})
DOCUMENTS = frozenset({RecordKind.DOCUMENT.value})


def dialog_for(
    qtbot: QtBot, settings: Settings, current: RecordQuery, selected: frozenset[int]
) -> ExportDialog:
    dialog = ExportDialog(settings, current=current, selected_ids=selected)
    qtbot.addWidget(dialog)
    return dialog


def save(dialog: ExportDialog) -> None:
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_the_shown_records_are_exported_by_default(qtbot: QtBot, settings: Settings) -> None:
    current = RecordQuery(text="drones", kinds=PLEDGES)
    dialog = dialog_for(qtbot, settings, current, frozenset())
    assert not dialog.scope_selected.isEnabled()
    options = dialog.options()
    assert options.query.text == "drones" and options.query.kinds == PLEDGES
    dialog.kinds.setCurrentIndex(dialog.kinds.findData("Documents only"))
    assert dialog.options().query.kinds == frozenset()  # pledges shown, documents wanted: none


def test_all_records_of_the_kinds_chosen(qtbot: QtBot, settings: Settings) -> None:
    dialog = dialog_for(qtbot, settings, RecordQuery(text="drones"), frozenset())
    dialog.scope_all.setChecked(True)
    dialog.kinds.setCurrentIndex(dialog.kinds.findData("Documents only"))
    assert dialog.options().query == RecordQuery(kinds=DOCUMENTS)


def test_the_selection_is_exactly_its_rows(qtbot: QtBot, settings: Settings) -> None:
    current = RecordQuery(kinds=PLEDGES, trash=True)
    dialog = dialog_for(qtbot, settings, current, frozenset({3, 5}))
    assert dialog.scope_selected.isEnabled() and "(2)" in dialog.scope_selected.text()
    dialog.scope_selected.setChecked(True)
    query = dialog.options().query
    assert query.ids == frozenset({3, 5}) and query.kinds == frozenset()
    assert query.include_provisions and query.trash


def test_saving_remembers_the_choices_for_next_time(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    dialog = dialog_for(qtbot, settings, RecordQuery(), frozenset())
    dialog.delimiter.setCurrentIndex(dialog.delimiter.findData("Semicolon"))
    dialog.excel.setChecked(False)
    dialog.notes.setChecked(False)
    dialog.path.setText(str(tmp_path / "out.csv"))
    with qtbot.waitSignal(dialog.chosen) as chosen:
        save(dialog)
    target, options = chosen.args
    assert target == tmp_path / "out.csv" and options.delimiter == ";"
    assert settings.get(opt.EXPORT_FOLDER) == str(tmp_path)
    again = dialog_for(qtbot, settings, RecordQuery(), frozenset())
    assert again.delimiter.currentData() == "Semicolon"
    assert not again.excel.isChecked() and not again.notes.isChecked()
    assert again.path.text() == str(tmp_path / "accords-export.csv")


def test_no_file_is_refused_in_the_dialog(qtbot: QtBot, settings: Settings) -> None:
    dialog = dialog_for(qtbot, settings, RecordQuery(), frozenset())
    dialog.path.setText("  ")
    with qtbot.assertNotEmitted(dialog.chosen):
        save(dialog)
    assert dialog.error.text() == "Choose a file to write."


@pytest.fixture
def main(qtbot: QtBot) -> Iterator[QMainWindow]:
    window = QMainWindow()
    qtbot.addWidget(window)
    yield window


def run(qtbot: QtBot, job: ExportJob) -> None:
    with qtbot.waitSignal(job.worker_thread.finished, timeout=10_000):
        job.start()


def test_a_job_writes_the_file_and_the_window_says_so(
    qtbot: QtBot, service: AccordsService, main: QMainWindow, tmp_path: Path
) -> None:
    target = tmp_path / "pledges.csv"
    job = ExportJob(service, target, ExportOptions(query=RecordQuery(kinds=PLEDGES)))
    ExportProgress(job, main)
    with qtbot.waitSignal(job.finished, timeout=10_000) as finished:
        run(qtbot, job)
    with target.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert (
        finished.args == [len(rows)] == [service.records.count_records(RecordQuery(kinds=PLEDGES))]
    )
    assert f"Exported {len(rows)} records" in main.statusBar().currentMessage()


def test_a_job_that_fails_says_why_in_a_box(
    qtbot: QtBot,
    service: AccordsService,
    main: QMainWindow,
    tmp_path: Path,
    no_dialogs: list[str],
) -> None:
    assert service.db.path is not None
    job = ExportJob(service, Path(service.db.path), ExportOptions())  # never over the database
    ExportProgress(job, main)
    with qtbot.waitSignal(job.failed, timeout=10_000):
        run(qtbot, job)
    qtbot.waitUntil(lambda: bool(no_dialogs))
    assert len(no_dialogs) == 1 and "Traceback" not in no_dialogs[0]


def test_a_cancelled_job_stops_at_its_next_progress(
    qtbot: QtBot, service: AccordsService, tmp_path: Path
) -> None:
    job = ExportJob(service, tmp_path / "x.csv", ExportOptions())
    assert job._progress(1)
    job.cancel()
    assert not job._progress(2)
