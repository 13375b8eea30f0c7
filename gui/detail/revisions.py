"""The earlier texts of a note, each with a diff against the current text, and a way back."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QItemSelection, Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from gui.detail.common import ROOT, Index, first_line, when
from storage.i18n import N_, _
from storage.records.data import NoteRevisionView
from storage.wording import plural

NONE_YET = N_("This note has no earlier texts yet.")
PICK_ONE = N_("Select a revision above to see its text.")


def unified(old: str, new: str) -> str:
    """A unified diff from an earlier text to the current one."""
    lines = difflib.unified_diff(
        old.splitlines(), new.splitlines(), "revision", "current", lineterm=""
    )
    return "\n".join(lines) or _("(no difference)")


class RevisionsModel(QAbstractListModel):
    """A note's earlier texts, newest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[NoteRevisionView, ...] = ()

    def set_revisions(self, revisions: Sequence[NoteRevisionView]) -> None:
        """Replace the list (given oldest first, as the service returns it)."""
        self.beginResetModel()
        self._rows = tuple(reversed(revisions))
        self.endResetModel()

    def revision(self, row: int) -> NoteRevisionView:
        """The revision shown in a row."""
        return self._rows[row]

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        revision = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            # Who wrote it, where known: revisions kept before Accords recorded it name no one.
            who = f"{revision.written_by} · " if revision.written_by else ""
            return f"{when(revision.saved_at)} · {who}{first_line(revision.body)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return revision.body[:500]
        return None


class RevisionsDialog(QDialog):
    """Browse a note's revisions; "Restore this version" asks for that text to be saved."""

    restoreRequested = Signal(str)

    def __init__(
        self,
        revisions: Sequence[NoteRevisionView],
        current: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Note revisions"))
        self.setModal(False)
        self.resize(640, 480)
        self._current = current
        self._chosen = ""
        self.model = RevisionsModel(self)
        self.summary = QLabel(self)
        self.summary.setAccessibleName(_("Revisions summary"))
        self.list = QListView(self)
        self.list.setModel(self.model)
        self.list.setAccessibleName(_("Revisions"))
        self.list.selectionModel().selectionChanged.connect(self._selected)
        self.text = self._viewer(_("Revision text"))
        self.diff = self._viewer(_("Difference from the current text"))
        self.diff.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.restore = QPushButton(_("Restore this version"), self)
        self.restore.setAccessibleName(_("Restore this version"))
        self.restore.setEnabled(False)
        self.restore.clicked.connect(self._restore)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.restore, QDialogButtonBox.ButtonRole.ActionRole)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        for widget in (self.list, self.text, self.diff):
            splitter.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.refresh(revisions, current)

    def _viewer(self, name: str) -> QPlainTextEdit:
        viewer = QPlainTextEdit(self)
        viewer.setReadOnly(True)
        viewer.setAccessibleName(name)
        return viewer

    def refresh(self, revisions: Sequence[NoteRevisionView], current: str) -> None:
        """Show the revisions the note has now, compared with its current text."""
        self._current = current
        self.model.set_revisions(revisions)
        self.text.clear()
        self.diff.clear()
        self.restore.setEnabled(False)
        # Every hint is set each time: the same dialog shows a note before and after it has
        # earlier texts.
        count = len(revisions)
        self.summary.setText(
            _("{plural}, newest first.").format(
                plural=plural(count, "earlier text", "earlier texts")
            )
            if count
            else _(NONE_YET)
        )
        self.text.setPlaceholderText(_(PICK_ONE) if count else _(NONE_YET))
        self.diff.setPlaceholderText(_(PICK_ONE) if count else "")

    def select(self, row: int) -> None:
        """Select a revision by row (newest is 0)."""
        self.list.setCurrentIndex(self.model.index(row, 0))

    def _selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        body = self._chosen = self.model.revision(indexes[0].row()).body
        self.text.setPlainText(body)
        self.diff.setPlainText(unified(body, self._current))
        self.restore.setEnabled(True)

    def _restore(self) -> None:
        self.restoreRequested.emit(self._chosen)
