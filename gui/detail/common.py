"""Helpers the detail tabs share: refusals, quote markers, tables over view tuples."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QToolButton, QWidget

from gui.dialogs import msgbox
from gui.undo import ServiceCommand, UndoStack
from storage.db.drafts import DraftStore
from storage.errors import AccordsError, ConflictError
from storage.i18n import N_, _
from storage.records.data import AnnotationView
from storage.service import AccordsService
from storage.wording import field_label

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


class Context:
    """What every tab needs to act: the service, the undo stack and a parent for messages."""

    def __init__(self, service: AccordsService, undo_stack: UndoStack, parent: QWidget) -> None:
        self.service = service
        self.undo_stack = undo_stack
        self.parent = parent
        self.reload: Callable[[], None] = lambda: None  # re-read the record shown
        self.drafts = DraftStore(service.db.location)
        self.read_only = ""  # why the record shown cannot be edited (it is in the trash)

    def perform(self, command: ServiceCommand) -> bool:
        """Apply an undoable command; a refusal is shown and False returned."""
        if self.read_only:  # a control enabled meanwhile (a text selection) cannot edit it
            self.refuse(self.read_only)
            return False
        return self.undo_stack.perform(command, on_refused=self._refused)

    def _refused(self, error: AccordsError) -> None:
        if isinstance(error, ConflictError):
            # Re-read so that trying again applies to what is stored now; editors keep
            # what the user typed across a reload.
            self.reload()
            self.refuse(
                _("{error} The record was reloaded; your change is still there to retry.").format(
                    error=error
                )
            )
        else:
            self.refuse(error)

    def refuse(self, error: AccordsError | str, title: str = N_("Not saved")) -> None:
        """Tell the user, without blocking, why an action was refused."""
        # Looked up at call time so tests can monkeypatch gui.dialogs.msgbox.inform.
        msgbox.inform(self.parent, _(title), str(error), warning=True)


def when(value: datetime | None) -> str:
    """A stored UTC time in the user's local time, to the minute."""
    if value is None:
        return ""
    return value.astimezone().strftime("%Y-%m-%d %H:%M")


def first_line(text: str) -> str:
    """The first non-blank line of Markdown, without heading marks."""
    for line in text.splitlines():
        if line.strip():
            return line.strip().lstrip("#").strip()
    return _("(empty)")


def day(value: date | None) -> str:
    """An ISO date, or nothing when unknown."""
    return value.isoformat() if value else ""


def quotes_by_field(annotations: Sequence[AnnotationView]) -> dict[str, list[AnnotationView]]:
    """The record's annotations grouped by the field they support."""
    grouped: dict[str, list[AnnotationView]] = {}
    for annotation in annotations:
        if annotation.field:
            grouped.setdefault(annotation.field, []).append(annotation)
    return grouped


class QuoteMarker(QToolButton):
    """The small "❝" beside a field that came from the article; clicking shows the quote."""

    def __init__(self, field: str, on_click: Callable[[int], None], parent: QWidget) -> None:
        super().__init__(parent)
        self.field = field
        self.annotation_id: int | None = None
        self.setText("❝")
        self.setAutoRaise(True)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.setFont(font)
        # Hidden markers keep their room so editors line up whether or not they have a quote.
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.setSizePolicy(policy)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(_("Show quote for {lower}").format(lower=field_label(field).lower()))
        self.clicked.connect(self._clicked)
        self._on_click = on_click
        self.hide()

    def show_quotes(self, annotations: Sequence[AnnotationView]) -> None:
        """Point at the first quote (tooltip lists all of them); hide when there is none."""
        self.annotation_id = annotations[0].id if annotations else None
        self.setToolTip("\n\n".join(f"“{a.quote}”" for a in annotations))
        self.setVisible(bool(annotations))

    def _clicked(self) -> None:
        if self.annotation_id is not None:
            self._on_click(self.annotation_id)
