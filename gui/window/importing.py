"""Bringing a source into the window: File > Import source…, drag and drop, paste as source."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QDragMoveEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QFileDialog

from gui.background import run_in_background
from gui.dialogs import msgbox
from gui.operations.imports import ApplyProposalsCommand
from gui.window import APP_NAME
from storage.errors import AccordsError
from storage.i18n import N_, _
from storage.records.query import RecordQuery

if TYPE_CHECKING:
    from gui.dialogs.proposals import ProposalsDialog
    from gui.mainwindow import MainWindow
    from storage.api.imports import Imported

FILE_FILTER = N_("Sources (*.html *.htm *.pdf *.txt *.md);;All files (*)")


class SourceImports(QObject):
    """Imports a file or pasted text off the GUI thread, then shows what it proposes."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._service = window.service
        self.dialog: ProposalsDialog | None = None
        self.busy = False
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def choose_file(self) -> QFileDialog:
        """Ask for a file to import (non-modal)."""
        dialog = QFileDialog(self._window, _("Import source"), "", _(FILE_FILTER))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(self.import_file)
        dialog.open()
        return dialog

    def import_file(self, path: str) -> None:
        """Store the file as a source, then show its proposals."""
        file = Path(path)
        self._start(lambda: self._service.imports.import_source(file))

    def paste(self) -> None:
        """Store the clipboard's text as a source, then show its proposals."""
        text = QGuiApplication.clipboard().text()
        if not text.strip():
            msgbox.inform(self._window, APP_NAME, _("The clipboard holds no text to import."))
            return
        content = text.encode("utf-8")
        self._start(lambda: self._service.imports.import_source(content))

    def _start(self, work: object) -> None:
        if self.busy:
            msgbox.inform(self._window, APP_NAME, _("A source is being imported; wait for it."))
            return
        self.busy = True
        self._window.statusBar().showMessage(_("Importing the source…"))
        run_in_background(self, work, self.imported, self.failed)  # type: ignore[arg-type]

    def imported(self, result: Imported) -> None:
        """Show the new source's proposals."""
        from gui.dialogs.proposals import ProposalsDialog

        self.busy = False
        self._window.statusBar().showMessage(
            _("Imported source {id}: {title}").format(
                id=result.source.id, title=result.source.title
            ),
            5000,
        )
        self._show_new_source()
        completed = frozenset(p.completes for p in result.proposals if p.completes is not None)
        rows = self._service.records.list_records(RecordQuery(ids=completed)) if completed else []
        titles = {row.id: row.title for row in rows}
        self.dialog = ProposalsDialog(result.source, result.proposals, self._window, titles=titles)
        self.dialog.applyRequested.connect(self.apply)
        # Shown, not opened: the records stay at hand while the proposals are read.
        self.dialog.show()

    def _show_new_source(self) -> None:
        """List the new source in the navigation, keeping the view the user is in."""
        window = self._window
        current = window.navigation.entry(window.nav_view.currentIndex())
        window.navigation.refresh()
        window.nav_view.expandAll()
        if current is not None:
            window.select_view(current.key)

    def failed(self, text: str) -> None:
        self.busy = False
        self._window.statusBar().clearMessage()
        msgbox.inform(self._window, APP_NAME, text, warning=True)

    def apply(self, source_id: int, proposals: list[object]) -> None:
        """Apply the accepted proposals as one undoable step."""
        if not proposals:
            return
        command = ApplyProposalsCommand(
            self._service,
            self._window.undo_stack,
            source_id,
            proposals,  # type: ignore[arg-type]
        )
        self._window.undo_stack.perform(command, on_refused=self._refused)

    def _refused(self, error: AccordsError) -> None:
        msgbox.inform(self._window, APP_NAME, str(error), warning=True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Files dropped on the window are imported (the first, when several are)."""
        writable = not self._service.db.read_only
        if isinstance(event, QDragMoveEvent) and event.mimeData().hasUrls() and writable:
            event.acceptProposedAction()
            return True
        if isinstance(event, QDropEvent) and event.type() == QEvent.Type.Drop:
            paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
            if paths:
                event.acceptProposedAction()
                self.import_file(paths[0])
                return True
        return super().eventFilter(watched, event)
