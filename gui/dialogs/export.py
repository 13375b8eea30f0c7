"""The Export CSV dialog, the background job that writes the file, and its progress and cancel."""

from __future__ import annotations

import logging
import threading
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QMainWindow,
    QProgressDialog,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from gui import settings as opt
from gui.dialogs import msgbox
from gui.dialogs.forms import error_label, finish_save_dialog
from gui.settings import Settings
from storage.errors import AccordsError
from storage.i18n import N_, _
from storage.records.query import RecordQuery
from storage.schema.enums import RecordKind
from storage.service import AccordsService
from storage.transfer.export import ExportOptions, export_csv
from storage.wording import plural

logger = logging.getLogger("accords")
DELIMITERS = {N_("Comma"): ",", N_("Semicolon"): ";", N_("Tab"): "\t"}
KIND_CHOICES = {
    N_("Documents and pledges"): frozenset({RecordKind.DOCUMENT.value, RecordKind.PLEDGE.value}),
    N_("Documents only"): frozenset({RecordKind.DOCUMENT.value}),
    N_("Pledges only"): frozenset({RecordKind.PLEDGE.value}),
}


class ExportDialog(QDialog):
    """Asks what to export and where; emits ``chosen`` with the target and options."""

    chosen = Signal(Path, object)  # target file, ExportOptions

    def __init__(
        self,
        settings: Settings,
        *,
        current: RecordQuery,
        selected_ids: frozenset[int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Export CSV"))
        self.settings = settings
        self.current = current
        self.selected_ids = selected_ids
        self.scope_all = QRadioButton(_("All records"))
        self.scope_filter = QRadioButton(_("The records shown (current view, filter and search)"))
        self.scope_selected = QRadioButton(
            _("The selected rows ({count})").format(count=len(selected_ids))
        )
        self.scope_selected.setEnabled(bool(selected_ids))
        self.scope_filter.setChecked(True)
        scopes = QButtonGroup(self)
        for button in (self.scope_all, self.scope_filter, self.scope_selected):
            scopes.addButton(button)
        self.kinds = QComboBox()
        self.kinds.setAccessibleName(_("Record kinds"))
        for choice in KIND_CHOICES:
            self.kinds.addItem(_(choice), choice)
        self.excel = QCheckBox(_("Excel-safe (byte-order mark, formulas neutralised)"))
        self.excel.setChecked(settings.get(opt.EXPORT_EXCEL))
        self.delimiter = QComboBox()
        self.delimiter.setAccessibleName(_("Delimiter"))
        for name in DELIMITERS:
            self.delimiter.addItem(_(name), name)
        saved = settings.get(opt.EXPORT_DELIMITER)
        self.delimiter.setCurrentIndex(
            max(list(DELIMITERS.values()).index(saved), 0) if saved in DELIMITERS.values() else 0
        )
        self.notes = QCheckBox(_("Include notes"))
        self.notes.setChecked(settings.get(opt.EXPORT_NOTES))
        folder = settings.get(opt.EXPORT_FOLDER) or str(Path.home())
        self.path = QLineEdit(str(Path(folder) / "accords-export.csv"))
        self.path.setAccessibleName(_("File to write"))
        self.error = error_label()
        self._layout()

    def _layout(self) -> None:
        form = QFormLayout()
        scope = QVBoxLayout()
        for button in (self.scope_all, self.scope_filter, self.scope_selected):
            scope.addWidget(button)
        form.addRow(_("Export"), scope)
        form.addRow(_("Include"), self.kinds)
        form.addRow(_("Delimiter"), self.delimiter)
        form.addRow("", self.excel)
        form.addRow("", self.notes)
        finish_save_dialog(
            self,
            form,
            path=self.path,
            error=self.error,
            submit=self._submit,
            title=_("Export CSV"),
            file_filter=_("CSV files (*.csv)"),
            suffix="csv",
        )

    def options(self) -> ExportOptions:
        """The export the dialog describes now."""
        if self.scope_all.isChecked():
            query = RecordQuery()
        elif self.scope_selected.isChecked():
            query = RecordQuery(
                ids=self.selected_ids, include_provisions=True, trash=self.current.trash
            )
        else:
            query = self.current
        wanted = KIND_CHOICES[str(self.kinds.currentData())]
        kinds = (query.kinds & wanted) if query.kinds else wanted
        if self.scope_selected.isChecked():
            kinds = frozenset()  # the selection says exactly which rows
        return ExportOptions(
            query=replace(query, kinds=kinds),
            excel=self.excel.isChecked(),
            delimiter=DELIMITERS[str(self.delimiter.currentData())],
            include_notes=self.notes.isChecked(),
        )

    def _submit(self) -> None:
        text = self.path.text().strip()
        if not text:
            self.error.setText(_("Choose a file to write."))
            return
        target = Path(text).expanduser()
        options = self.options()
        self.settings.set(opt.EXPORT_FOLDER, str(target.parent))
        self.settings.set(opt.EXPORT_EXCEL, options.excel)
        self.settings.set(opt.EXPORT_DELIMITER, options.delimiter)
        self.settings.set(opt.EXPORT_NOTES, options.include_notes)
        self.chosen.emit(target, options)
        self.accept()


class ExportJob(QObject):
    """Writes one export on a worker thread; talks to the window only through signals."""

    progressed = Signal(int)  # records written so far
    finished = Signal(int)  # records written in all
    failed = Signal(str)  # plain message

    def __init__(self, service: AccordsService, target: Path, options: ExportOptions) -> None:
        super().__init__()
        self.service = service
        self.target = target
        self.options = options
        self._cancel = threading.Event()
        self.worker_thread = QThread()
        self.moveToThread(self.worker_thread)
        self.worker_thread.started.connect(self.run)
        self.finished.connect(self.worker_thread.quit)
        self.failed.connect(self.worker_thread.quit)

    def start(self) -> None:
        """Begin writing on the worker thread."""
        self.worker_thread.start()

    def cancel(self) -> None:
        """Ask the export to stop; the earlier file, if any, stays as it was."""
        self._cancel.set()

    @Slot()
    def run(self) -> None:
        try:
            count = export_csv(self.service, self.target, self.options, progress=self._progress)
        except AccordsError as error:
            self.failed.emit(str(error))
            return
        except Exception as error:  # a worker must always report back, whatever happened
            logger.exception("Export to %s failed", self.target)
            self.failed.emit(
                _("Could not export to {target}: {error}; see the log.").format(
                    target=self.target, error=error
                )
            )
            return
        self.finished.emit(count)

    def _progress(self, written: int) -> bool:
        self.progressed.emit(written)
        return not self._cancel.is_set()


class ExportProgress(QObject):
    """Shows a running export's progress and outcome in a window, and cancels it.

    It lives in the GUI thread: the job's signals, emitted on the worker thread, reach its
    slots queued in the GUI thread, where widgets may be touched. (A lambda connected to
    them would run on the worker.)
    """

    def __init__(self, job: ExportJob, window: QMainWindow) -> None:
        super().__init__(window)
        self.job = job
        self.window = window
        self.dialog = QProgressDialog(_("Exporting records…"), _("Cancel"), 0, 0, window)
        self.dialog.setWindowTitle(_("Export CSV"))
        self.dialog.setMinimumDuration(500)
        self.dialog.canceled.connect(self.cancel)
        job.progressed.connect(self.show_progress)
        job.finished.connect(self.show_done)
        job.failed.connect(self.show_failure)

    @Slot()
    def cancel(self) -> None:
        # Called here, not through a connection to the job: the job's own thread is busy
        # writing and would see a queued call only once the export is over.
        self.job.cancel()

    @Slot(int)
    def show_progress(self, written: int) -> None:
        self.dialog.setLabelText(
            _("Exported {plural}…").format(plural=plural(written, "record", "records"))
        )

    @Slot(int)
    def show_done(self, written: int) -> None:
        self.dialog.reset()
        self.window.statusBar().showMessage(
            _("Exported {plural} to {target}").format(
                plural=plural(written, "record", "records"), target=self.job.target
            ),
            8000,
        )

    @Slot(str)
    def show_failure(self, text: str) -> None:
        self.dialog.reset()
        msgbox.inform(self.window, _("Export CSV"), text, warning=True)
