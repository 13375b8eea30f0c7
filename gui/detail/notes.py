"""Notes tab: a record's Markdown notes, autosaved as the user types (notes keep revisions)."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from gui.detail.common import ROOT, Context, Index, first_line, when
from storage.errors import AccordsError, ConflictError
from storage.i18n import _, format_number
from storage.records.data import NoteView, RecordDetail

# The conflict and revisions dialogs are imported when first opened.
if TYPE_CHECKING:
    from gui.detail.conflict import NoteConflictDialog
    from gui.detail.revisions import RevisionsDialog

AUTOSAVE_MS = 800
PREVIEW_MS = 300
# Rendering Markdown is far slower than editing text: past this, preview the start only.
PREVIEW_LIMIT = 200_000
# Drafts go to disk sooner than saves, so a crash mid-sentence loses at most this much typing.
DRAFT_MS = 250
NOTE_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class NotesModel(QAbstractListModel):
    """A record's notes: first line and when each was last saved."""

    def __init__(self, notes: Sequence[NoteView] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._notes = tuple(notes)

    def set_notes(self, notes: Sequence[NoteView]) -> None:
        """Replace every note."""
        self.beginResetModel()
        self._notes = tuple(notes)
        self.endResetModel()

    def notes(self) -> tuple[NoteView, ...]:
        """Every note shown, oldest first."""
        return self._notes

    def row_of(self, note_id: int | None) -> int:
        """The row showing a note, or -1."""
        return next((row for row, n in enumerate(self._notes) if n.id == note_id), -1)

    def note(self, row: int) -> NoteView:
        """The note shown in a row."""
        return self._notes[row]

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._notes)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._notes):
            return None
        note = self._notes[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            who = f"  ·  {note.updated_by}" if note.updated_by else ""
            return f"{first_line(note.body)}  ·  {when(note.updated_at)}{who}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return note.body[:500]
        if role == NOTE_ID_ROLE:
            return note.id
        return None


class NotesTab(QWidget):
    """The list of notes, a Markdown editor and its preview; saves 800 ms after typing stops."""

    statusMessage = Signal(str)

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._record_id: int | None = None
        self._note_id: int | None = None  # None: the editor holds a note not saved yet
        self._version = 0
        self._dirty = False
        self._loading = False
        self._refused = ""  # a text the service refused; not retried until it changes
        self._blank_requested = False  # the user asked for a new note: keep the editor empty
        self.revisions: RevisionsDialog | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(AUTOSAVE_MS)
        self.timer.timeout.connect(self._autosave)
        self.draft_timer = QTimer(self)
        self.draft_timer.setSingleShot(True)
        self.draft_timer.setInterval(DRAFT_MS)
        self.draft_timer.timeout.connect(self._keep_draft)
        self.preview_timer = QTimer(self)
        self.preview_timer.setSingleShot(True)
        self.preview_timer.setInterval(PREVIEW_MS)
        self.preview_timer.timeout.connect(self._render_preview)
        self._base_text = ""  # the text as last loaded or saved: what a merge starts from
        self.conflict: NoteConflictDialog | None = None
        self._build()
        self.set_record(None)

    def _build(self) -> None:
        self.model = NotesModel(parent=self)
        self.list = QListView(self)
        self.list.setModel(self.model)
        self.list.setAccessibleName(_("Notes"))
        self.list.setMaximumHeight(self.fontMetrics().lineSpacing() * 6)
        self.list.selectionModel().currentChanged.connect(self._picked)
        self.new_button = _button(_("New note"), self, self.new_note)
        self.revisions_button = _button(_("Revisions…"), self, self.open_revisions)
        self.editor = QPlainTextEdit(self)
        self.editor.setAccessibleName(_("Note text (Markdown)"))
        self.editor.setPlaceholderText(_("Write a note in Markdown; it saves as you type."))
        self.editor.setTabChangesFocus(True)
        self.editor.textChanged.connect(self._typed)
        self.editor.installEventFilter(self)
        self.preview = QTextBrowser(self)
        self.preview.setAccessibleName(_("Note preview"))
        self.preview.setOpenExternalLinks(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.revisions_button)
        buttons.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.editor)
        splitter.addWidget(self.preview)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)

    # -- showing ----------------------------------------------------------------------

    def set_record(self, detail: RecordDetail | None) -> None:
        """Show a record's notes; a reload of the same record keeps the text being typed."""
        same = detail is not None and detail.id == self._record_id
        self._record_id = detail.id if detail else None
        self._sync_list(detail.notes if detail else ())
        if same and detail is not None:
            self._follow(detail.notes)
            return
        self._rescue_unsaved()
        first = detail.notes[-1] if detail and detail.notes else None
        self._load(first)
        self.setEnabled(detail is not None)

    def _rescue_unsaved(self) -> None:
        """Keep text the service refused from vanishing with the record it was typed for."""
        text = self.editor.toPlainText()
        if not self._dirty or not text.strip():
            return
        QGuiApplication.clipboard().setText(text)
        self._context.refuse(
            _(
                "The note you were typing could not be saved. Its text is on the clipboard, "
                "so you can paste it back."
            ),
            _("Note not saved"),
        )

    def _sync_list(self, notes: Sequence[NoteView]) -> None:
        self._loading = True  # a model reset must not look like the user picking a note
        try:
            self.model.set_notes(notes)
            row = self.model.row_of(self._note_id)
            self.list.setCurrentIndex(self.model.index(row, 0) if row >= 0 else QModelIndex())
        finally:
            self._loading = False

    def _follow(self, notes: Sequence[NoteView]) -> None:
        """Take on a saved change to the open note; one saved elsewhere while the user types
        in it goes to the conflict flow at once (theirs, mine or a merge; nothing overwritten)."""
        if self._dirty:
            stored = next((n for n in notes if n.id == self._note_id), None)
            if stored is not None and stored.version != self._version and self.conflict is None:
                self.save()  # refused as stale, which opens the conflict dialog
            return
        if self._note_id is None and not self._blank_requested and notes:
            self._load(notes[-1])  # notes arrived (another window?) while none was open
            return
        stored = next((n for n in notes if n.id == self._note_id), None)
        if stored is not None:
            self._version = stored.version
            self._show_text(stored.body)

    def _load(self, note: NoteView | None) -> None:
        self.timer.stop()
        if self.revisions is not None and (note is None or note.id != self._note_id):
            self.revisions.hide()  # it shows another note's texts
        self._note_id = note.id if note else None
        self._version = note.version if note else 0
        self._dirty = False
        self._refused = ""
        self._blank_requested = False
        self._show_text(note.body if note else "")
        self._base_text = note.body if note else ""
        self._sync_list(self.model.notes())  # select the loaded note
        self.revisions_button.setEnabled(note is not None)

    def _show_text(self, text: str) -> None:
        if self.editor.toPlainText() != text:  # resetting the text would move the cursor
            self._loading = True
            try:
                self.editor.setPlainText(text)
            finally:
                self._loading = False
        self._render_preview()

    # -- the user's actions -----------------------------------------------------------

    def new_note(self) -> None:
        """Save the open note, then start an empty one (stored once it has text)."""
        if not self.save():
            return  # the refused text stays in the editor
        self._load(None)
        self._blank_requested = True
        self.list.clearSelection()
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def _picked(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._loading or not current.isValid():
            return
        note_id = current.data(NOTE_ID_ROLE)
        if note_id == self._note_id:
            return
        if not self.save():
            self._sync_list(self.model.notes())  # stay on the note whose text was refused
            return
        try:
            self._load(self._context.service.notes.get_note(int(note_id)))
        except AccordsError as error:
            self._context.refuse(error, _("Cannot open the note"))

    def _typed(self) -> None:
        if self._loading:
            return
        self._dirty = True
        self.preview_timer.start()
        self.timer.start()  # restarts: the save waits for a pause in typing
        self.draft_timer.start()

    def _render_preview(self) -> None:
        """Render the Markdown preview; a very long note previews its beginning only."""
        text = self.editor.toPlainText()
        if len(text) > PREVIEW_LIMIT:
            text = text[:PREVIEW_LIMIT] + (
                _("\n\n*The preview shows the first {shown} of {count} characters.*").format(
                    shown=format_number(PREVIEW_LIMIT), count=format_number(len(text))
                )
            )
        self.preview.setMarkdown(text)

    def _keep_draft(self) -> None:
        """Write what is typed beside the database, so a crash before the save loses nothing."""
        if self._dirty and self._record_id is not None:
            with contextlib.suppress(OSError):
                self._context.drafts.save(
                    self._record_id, self._note_id, self._version, self.editor.toPlainText()
                )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.editor and event.type() == QEvent.Type.FocusOut:
            self._autosave()
        return super().eventFilter(watched, event)

    def _autosave(self) -> None:
        if self.editor.toPlainText() != self._refused:
            self.save()

    # -- saving -----------------------------------------------------------------------

    def save(self) -> bool:
        """Save the editor's text now if it changed; False when the service refused it."""
        self.timer.stop()
        if self.conflict is not None:
            # The user has yet to choose between the texts: a save now (the pane following
            # the list, a refresh) would store theirs over mine or mine over theirs unasked.
            return False
        text = self.editor.toPlainText()
        if not self._dirty or self._record_id is None:
            return True
        if not text.strip():
            # The service refuses an empty note. Clearing a saved one while retyping it is
            # no error worth a message box: its last text stays stored (and in Revisions).
            if self._note_id is not None:
                self.statusMessage.emit(_("An empty note is not saved; its last text is kept"))
            return True
        try:
            note = self._store(self._record_id, text)
        except ConflictError:
            self._conflict(text)
            return False
        except AccordsError as error:
            self._refused = text
            self._context.refuse(error, _("Note not saved"))
            return False
        self._saved(note, text)
        return True

    def _store(self, record_id: int, text: str) -> NoteView:
        service = self._context.service
        if self._note_id is None:
            return service.notes.add_note(record_id, text)
        return service.notes.edit_note(self._note_id, text, expected_version=self._version)

    def _saved(self, note: NoteView, text: str) -> None:
        was_new = self._note_id is None
        self._note_id, self._version = note.id, note.version
        self._base_text = text
        self.draft_timer.stop()
        with contextlib.suppress(OSError):
            self._context.drafts.discard(note.record_id, None if was_new else note.id)
        self._dirty = self.editor.toPlainText() != text
        self._refused = ""
        self.revisions_button.setEnabled(True)
        # Notes bypass the undo stack, so say here that the record's data changed.
        self._context.undo_stack.changed.emit({note.record_id})
        if self.revisions is not None:
            self._refresh_revisions()
        self.statusMessage.emit(_("Saved"))

    def _conflict(self, text: str) -> None:
        """Another window saved this note: offer theirs, mine or a merge; overwrite nothing."""
        self._refused = text
        assert self._note_id is not None
        try:
            theirs = self._context.service.notes.get_note(self._note_id)
        except AccordsError as error:
            self._context.refuse(error, _("Note changed elsewhere"))
            return
        self._version = theirs.version
        from gui.detail.conflict import NoteConflictDialog

        self.conflict = NoteConflictDialog(self._base_text, text, theirs.body, self)
        self.conflict.resolved.connect(self._resolve)
        self.conflict.rejected.connect(self._dismissed)
        self.conflict.open()

    def _dismissed(self) -> None:
        """The conflict dialog was closed unchosen: the next save keeps mine, as before."""
        self.conflict = None

    def _resolve(self, choice: str, text: str) -> None:
        from gui.detail.conflict import KEEP_THEIRS

        self.conflict = None
        if choice == KEEP_THEIRS:
            # What the user typed is not stored: keep it within reach.
            QGuiApplication.clipboard().setText(self.editor.toPlainText())
            self._base_text = text
            self._dirty = False
            self._refused = ""
            self._show_text(text)
            return
        self._show_text(text)
        self._dirty = True
        self._refused = ""
        self.save()

    # -- revisions --------------------------------------------------------------------

    def open_revisions(self) -> None:
        """Show the open note's earlier texts (saving what is typed first)."""
        if self._note_id is None or not self.save():
            return
        if self.revisions is None:
            from gui.detail.revisions import RevisionsDialog

            self.revisions = RevisionsDialog((), self.editor.toPlainText(), self)
            self.revisions.restoreRequested.connect(self.restore)
        self._refresh_revisions()
        self.revisions.show()
        self.revisions.raise_()

    def _refresh_revisions(self) -> None:
        assert self.revisions is not None
        if self._note_id is None:
            return
        try:
            found = self._context.service.notes.note_revisions(self._note_id)
        except AccordsError as error:
            self._context.refuse(error, _("Cannot list revisions"))
            return
        self.revisions.refresh(found, self.editor.toPlainText())

    def restore(self, text: str) -> None:
        """Make an earlier text current again; the text it replaces becomes a revision."""
        if not self.save():
            return
        self._show_text(text)
        self._dirty = True
        self.save()


def _button(text: str, parent: QWidget, slot: Any) -> QPushButton:
    button = QPushButton(text, parent)
    button.setAccessibleName(text.rstrip("…"))
    button.clicked.connect(slot)
    return button
