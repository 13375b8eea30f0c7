"""The window's jobs off the GUI thread: CSV export, the PDF brief, the daily backup and
the page-by-page check of a large database."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from gui import settings as opt
from gui.background import run_in_background
from gui.dialogs import msgbox
from gui.window import APP_NAME
from storage.db.backup import QUICK_CHECK_BYTES, Backup
from storage.errors import AccordsError
from storage.i18n import _
from storage.wording import plural

if TYPE_CHECKING:
    from gui.dialogs.brief import BriefDialog, BriefOptions
    from gui.dialogs.export import ExportDialog, ExportJob
    from gui.mainwindow import MainWindow
    from storage.transfer.export import ExportOptions

logger = logging.getLogger("accords")

# A cancelled export stops at its next batch; closing does not wait longer than this.
EXPORT_STOP_WAIT_MS = 5000


class WindowJobs(QObject):
    """Starts the window's jobs, reports them in its status bar, and stops them on closing."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._service = window.service
        self.export: ExportJob | None = None  # the last export started

    def show_export_dialog(self) -> ExportDialog:
        """Open the Export CSV dialog (non-modal)."""
        from gui.dialogs.export import ExportDialog

        dialog = ExportDialog(
            self._window.settings,
            current=self._window.current_query(),
            selected_ids=frozenset(self._window.selected_ids()),
            parent=self._window,
        )
        dialog.chosen.connect(self.start_export)
        dialog.open()
        return dialog

    def start_export(self, target: Path, options: ExportOptions) -> ExportJob:
        """Write an export on a worker thread, with progress and cancel."""
        from gui.dialogs.export import ExportJob, ExportProgress

        job = ExportJob(self._service, target, options)
        ExportProgress(job, self._window)
        self.export = job
        job.start()
        return job

    def stop_export(self) -> None:
        """Cancel a running export and wait, briefly, for it to stop."""
        if self.export is not None and self.export.worker_thread.isRunning():
            self.export.cancel()
            self.export.worker_thread.quit()
            self.export.worker_thread.wait(EXPORT_STOP_WAIT_MS)

    def show_brief_dialog(self) -> BriefDialog:
        """Open the Print / Export PDF dialog for the current record or filter (non-modal)."""
        from gui.dialogs.brief import BriefDialog

        shown = self._window.detail.current_record()
        folder = self._window.settings.get(opt.EXPORT_FOLDER)
        dialog = BriefDialog(
            current_record_id=shown.id if shown else None,
            current_query=self._window.current_query(),
            folder=Path(folder) if folder else None,
            parent=self._window,
        )
        dialog.chosen.connect(self._write_brief)
        dialog.open()
        return dialog

    def _write_brief(self, target: Path, options: BriefOptions) -> None:
        from gui.dialogs.brief import write_options

        try:
            pages = write_options(self._service, target, options)
        except (AccordsError, OSError) as error:
            msgbox.inform(self._window, _("Print brief"), str(error), warning=True)
            return
        self._window.settings.set(opt.EXPORT_FOLDER, str(target.parent))
        self._window.statusBar().showMessage(
            _("Wrote {plural} to {target}").format(
                plural=plural(pages, "page", "pages"), target=target
            ),
            8000,
        )

    def backup_if_due(self) -> None:
        """Take the daily backup on opening if the newest is more than a day old (or there is
        none), on a worker thread: a large file takes seconds to copy and verify."""
        if self._service.db.path is not None:
            run_in_background(
                self, self._service.db.backup_if_due, self._backed_up, self._backup_failed
            )

    def _backed_up(self, backup: Backup | None) -> None:
        if backup is not None:
            logger.info("Took the daily backup of %s: %s", self._service.db.location, backup.path)

    def _backup_failed(self, text: str) -> None:
        logger.warning("The daily backup of %s failed: %s", self._service.db.location, text)
        self._window.statusBar().showMessage(
            _("The daily backup failed: {text}").format(text=text), 30000
        )

    def check_pages(self) -> None:
        """Check a large database page by page after the first paint (small ones were checked
        before opening), and say so at once if it is damaged."""
        path = self._service.db.path
        if path is None or not path.exists() or path.stat().st_size <= QUICK_CHECK_BYTES:
            return
        run_in_background(self, self._service.db.check_pages, self._report_damage)

    def _report_damage(self, reason: str | None) -> None:
        if reason is None:
            return
        msgbox.inform(
            self._window,
            APP_NAME,
            _(
                "{location} {reason}. Restore a backup with File > Backups…: the "
                "damaged file is then kept aside unchanged."
            ).format(location=self._service.db.location, reason=reason),
            warning=True,
        )
