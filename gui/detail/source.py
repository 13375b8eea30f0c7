"""Source tab: the article behind a record, every quote highlighted, and new annotations."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QHelpEvent,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from gui.detail.common import Context
from gui.detail.fields import annotatable_fields
from gui.detail.positions import py_to_qt, qt_to_py
from gui.operations.annotations import AnnotateCommand, EditAnnotationCommentCommand
from storage.errors import AccordsError
from storage.i18n import _
from storage.records.data import AnnotationView, RecordDetail, SourceView
from storage.schema.enums import RecordKind
from storage.wording import field_label

if TYPE_CHECKING:
    from gui.detail.annotate import AnnotateDialog  # imported when first opened

PALE = QColor("#fff4b8")  # any live annotation
OWN = QColor("#ffd54f")  # the shown record's own quotes
FOCUS = QColor("#ffab40")  # the quote the user asked to see
PARAGRAPH = "\u2029"  # how QTextCursor.selectedText() writes a line break
ANNOTATION_ROLE = Qt.ItemDataRole.UserRole  # the id of the annotation a list item shows
QUOTE_CHARS = 80  # of a quote in the list; its tooltip has the whole of it


class SourceText(QPlainTextEdit):
    """Read-only article text whose context menu can annotate the selection."""

    annotateRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        # A caret lets keyboard users select text as well as mouse users.
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setAccessibleName(_("Source text"))
        self.document().setUndoRedoEnabled(False)  # highlighting is not an edit to undo
        self.tip_for: Callable[[int], str] = lambda _position: ""  # text under the pointer

    def viewportEvent(self, event: QEvent) -> bool:
        # A highlight's tooltip says what the quote supports and the comment written for it.
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tip = self.tip_for(self.cursorForPosition(event.pos()).position())
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def context_menu(self, position: QPoint) -> QMenu:
        """The standard menu plus "Annotate selection…"."""
        menu = self.createStandardContextMenu(position)
        menu.addSeparator()
        action = menu.addAction(_("Annotate selection…"))
        action.setEnabled(self.textCursor().hasSelection())
        action.triggered.connect(self.annotateRequested.emit)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.context_menu(event.pos())
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos())  # popup, not exec: nothing here may block


class SourceTab(QWidget):
    """Shows the source of the record's quotes and lets the user add quotes to it."""

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._detail: RecordDetail | None = None
        self.source: SourceView | None = None
        self.annotations: list[AnnotationView] = []
        self.emphasised: int | None = None
        self.dialog: AnnotateDialog | None = None
        self.header = QLabel(self)
        self.header.setWordWrap(True)
        self.text = SourceText(self)
        self.text.tip_for = self.tip_at
        self.text.annotateRequested.connect(self.annotate_selection)
        self.text.selectionChanged.connect(self._selection_changed)
        self.quotes = QListWidget(self)
        self.quotes.setAccessibleName(_("This record's quotes"))
        self.quotes.setWordWrap(True)
        self.quotes.setMaximumHeight(self.fontMetrics().lineSpacing() * 7)
        self.quotes.currentItemChanged.connect(self._quote_picked)
        self.edit_button = QPushButton(_("Edit comment…"), self)
        self.edit_button.setAccessibleName(_("Edit comment"))
        self.edit_button.setEnabled(False)
        self.edit_button.clicked.connect(self.edit_comment)
        self.annotate_button = QPushButton(_("Annotate selection…"), self)
        self.annotate_button.setAccessibleName(_("Annotate selection"))
        self.annotate_button.setEnabled(False)
        self.annotate_button.clicked.connect(self.annotate_selection)
        legend = QLabel(_("Highlighted: every quote · bold: this record's"))
        legend.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(legend, 1)
        bottom.addWidget(self.annotate_button)
        listed = QHBoxLayout()
        listed.addWidget(QLabel(_("This record's quotes"), self), 1)
        listed.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.text, 1)
        layout.addLayout(bottom)
        layout.addLayout(listed)
        layout.addWidget(self.quotes)
        self.set_record(None)

    # -- showing ----------------------------------------------------------------------

    def set_record(self, detail: RecordDetail | None) -> None:
        """Show the source of a record's first quote (or the first source) with highlights."""
        same = detail is not None and self._detail is not None and detail.id == self._detail.id
        if not same and self.dialog is not None:
            self.dialog.reject()  # it was annotating the record shown before
            self.dialog.deleteLater()
            self.dialog = None
        self._detail = detail
        self.setEnabled(detail is not None)
        self._list_quotes()
        if detail is None:
            self._show_source(None)
            return
        if same and self.source is not None:
            self._highlight()  # a reload keeps the reader's place
            return
        self.emphasised = None
        first = detail.annotations[0] if detail.annotations else None
        self._show_source(self._find_source(first.source_id if first else None))
        if first is not None and first.source_id == (self.source.id if self.source else None):
            self._scroll_to(first, select=False)

    def emphasise(self, annotation_id: int) -> None:
        """Scroll to and select one annotation, in a stronger colour than the rest."""
        annotation = self._annotation(annotation_id)
        if annotation is None:
            return
        if self.source is None or annotation.source_id != self.source.id:
            self._show_source(self._find_source(annotation.source_id))
        self.emphasised = annotation_id
        self._highlight()
        self._scroll_to(annotation, select=True)

    def _annotation(self, annotation_id: int) -> AnnotationView | None:
        known = list(self._detail.annotations if self._detail else ()) + self.annotations
        return next((a for a in known if a.id == annotation_id), None)

    def _find_source(self, source_id: int | None) -> SourceView | None:
        service = self._context.service
        try:
            if source_id is not None:
                return service.sources.get_source(source_id)
            sources = service.sources.list_sources()
        except AccordsError as error:
            self._context.refuse(error, _("Cannot show the source"))
            return None
        return sources[0] if sources else None

    def _show_source(self, source: SourceView | None) -> None:
        changed = source is None or self.source is None or source.sha256 != self.source.sha256
        self.source = source
        if source is None:
            self.header.setText(_("No source text to show."))
            self.text.clear()
            self.annotations = []
            self.text.setExtraSelections([])
            return
        published = f" · {source.published_on.isoformat()}" if source.published_on else ""
        reporter = (
            _(" · reported by {reported_by}").format(reported_by=source.reported_by)
            if source.reported_by
            else ""
        )
        self.header.setText(
            f"<b>{html.escape(source.title)}</b>{html.escape(published + reporter)}"
        )
        if changed or self.text.toPlainText() == "":
            self.text.setPlainText(source.text)
        self._highlight()

    # -- highlighting -----------------------------------------------------------------

    def _highlight(self) -> None:
        if self.source is None:
            return
        try:
            self.annotations = self._context.service.sources.annotations_for_source(self.source.id)
        except AccordsError as error:
            self._context.refuse(error, _("Cannot show the quotes"))
            return
        record_id = self._detail.id if self._detail else None
        own = [a for a in self.annotations if a.record_id == record_id]
        others = [a for a in self.annotations if a.record_id != record_id]
        cursor = QTextCursor(self.text.document())
        cursor.beginEditBlock()  # one relayout for all the formats, not one per quote
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.setCharFormat(QTextCharFormat())
        # Own quotes are formatted last so they win where quotes overlap.
        for annotation, chars in [(a, _format(PALE)) for a in others] + [
            (a, _format(OWN, bold=True)) for a in own
        ]:
            self._span(cursor, annotation.start, annotation.end)
            cursor.mergeCharFormat(chars)
        cursor.endEditBlock()
        focus = [a for a in self.annotations if a.id == self.emphasised]
        self.text.setExtraSelections([self._selection(a) for a in focus])

    def _selection(self, annotation: AnnotationView) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        selection.cursor = self._cursor(annotation.start, annotation.end)
        selection.format = _format(FOCUS, bold=True)
        return selection

    def _cursor(self, start: int, end: int) -> QTextCursor:
        """A cursor over ``source.text[start:end]`` (Python indices)."""
        cursor = QTextCursor(self.text.document())
        self._span(cursor, start, end)
        return cursor

    def _span(self, cursor: QTextCursor, start: int, end: int) -> None:
        text = self.source.text if self.source else ""
        cursor.setPosition(py_to_qt(text, start))
        cursor.setPosition(py_to_qt(text, end), QTextCursor.MoveMode.KeepAnchor)

    def _scroll_to(self, annotation: AnnotationView, *, select: bool) -> None:
        end = annotation.end if select else annotation.start
        cursor = self._cursor(annotation.start, end)
        self.text.setTextCursor(cursor)
        self.text.centerCursor()

    # -- reading and editing comments -------------------------------------------------

    def tip_at(self, position: int) -> str:
        """What the quotes at a place in the text support and say, as tooltip text."""
        if self.source is None:
            return ""
        index = qt_to_py(self.source.text, position)
        record_id = self._detail.id if self._detail else None
        lines = [
            _describe(a, own=a.record_id == record_id)
            for a in self.annotations
            if a.start <= index < a.end
        ]
        return "<br>".join(lines)

    def _list_quotes(self) -> None:
        shown = self.quotes.currentItem()
        keep = shown.data(ANNOTATION_ROLE) if shown is not None else None
        self.quotes.blockSignals(True)  # refilling is not the user picking a quote
        self.quotes.clear()
        for annotation in self._detail.annotations if self._detail else ():
            quote = annotation.quote
            short = quote if len(quote) <= QUOTE_CHARS else quote[:QUOTE_CHARS] + "…"
            comment = annotation.comment.strip() or _("no comment")
            item = QListWidgetItem(f"“{short}” — {_supports(annotation)}: {comment}")
            item.setData(ANNOTATION_ROLE, annotation.id)
            item.setToolTip(_describe(annotation, own=True, quote=True))
            self.quotes.addItem(item)
            if annotation.id == keep:
                self.quotes.setCurrentItem(item)
        self.quotes.blockSignals(False)
        self.edit_button.setEnabled(self.quotes.currentItem() is not None)

    def _quote_picked(self, item: QListWidgetItem | None, _previous: object) -> None:
        self.edit_button.setEnabled(item is not None)
        if item is not None:
            self.emphasise(int(item.data(ANNOTATION_ROLE)))

    def edit_comment(self) -> None:
        """Open the chosen quote's comment for editing; the dialog does not block."""
        item = self.quotes.currentItem()
        annotation = self._annotation(int(item.data(ANNOTATION_ROLE))) if item else None
        if annotation is None or self._detail is None:
            return
        if self.dialog is not None:
            self.dialog.deleteLater()
        fields = annotatable_fields(RecordKind(self._detail.row.kind))
        from gui.detail.annotate import AnnotateDialog

        span = (annotation.start, annotation.end)
        dialog = AnnotateDialog(annotation.source_id, span, annotation.quote, fields, self)
        dialog.setWindowTitle(_("Edit annotation comment"))
        dialog.set_field(annotation.field)
        dialog.field_box.setEnabled(False)  # what a quote supports is fixed; its words are not
        dialog.comment_box.setPlainText(annotation.comment)
        dialog.editing = annotation
        dialog.accepted.connect(self._save_comment)
        self.dialog = dialog
        dialog.show()

    def _save_comment(self) -> None:
        dialog = self.dialog
        annotation = dialog.editing if dialog is not None else None
        if dialog is None or annotation is None:
            return
        command = EditAnnotationCommentCommand(
            self._context.service,
            self._context.undo_stack,
            annotation.id,
            annotation.record_id,
            before=annotation.comment,
            after=dialog.comment(),
        )
        if not self._context.perform(command):
            dialog.show()  # what was typed is still in it
            return
        self.dialog = None
        dialog.deleteLater()

    # -- annotating -------------------------------------------------------------------

    def selected_span(self) -> tuple[int, int] | None:
        """The selection as Python indices into the source text, if it matches the text."""
        cursor = self.text.textCursor()
        if self.source is None or not cursor.hasSelection():
            return None
        text = self.source.text
        start = qt_to_py(text, cursor.selectionStart())
        end = qt_to_py(text, cursor.selectionEnd())
        # Guard against any drift between Qt's copy of the text and the stored one.
        if cursor.selectedText().replace(PARAGRAPH, "\n") != text[start:end]:
            return None
        return start, end

    def _selection_changed(self) -> None:
        self.annotate_button.setEnabled(self.text.textCursor().hasSelection())

    def annotate_selection(self) -> None:
        """Ask for a comment and field for the selected words; the dialog does not block."""
        span = self.selected_span()
        if span is None or self.source is None or self._detail is None:
            self._context.refuse(
                _("Select the words of the source to annotate first."), _("Annotate")
            )
            return
        if self.dialog is not None:
            self.dialog.deleteLater()
        quote = self.source.text[span[0] : span[1]]
        fields = annotatable_fields(RecordKind(self._detail.row.kind))
        from gui.detail.annotate import AnnotateDialog

        self.dialog = AnnotateDialog(self.source.id, span, quote, fields, self)
        self.dialog.accepted.connect(self._annotate)
        self.dialog.show()

    def _annotate(self) -> None:
        dialog, detail = self.dialog, self._detail
        if dialog is None or detail is None:
            return
        command = AnnotateCommand(
            self._context.service,
            self._context.undo_stack,
            dialog.source_id,
            *dialog.span,
            detail.id,
            comment=dialog.comment(),
            field=dialog.field(),
        )
        if not self._context.perform(command):
            dialog.show()  # the comment and choice are still in it
            return
        self.dialog = None
        dialog.deleteLater()
        self.emphasised = command.annotation_id
        self._highlight()


def _supports(annotation: AnnotationView) -> str:
    return field_label(annotation.field) if annotation.field else _("whole record")


def _describe(annotation: AnnotationView, *, own: bool, quote: bool = False) -> str:
    """A quote's field and comment as tooltip text (rich text: the record's words escaped)."""
    whose = "" if own else _("another record · ")
    head = f"<b>{html.escape(whose + _supports(annotation))}</b>"
    parts = [head]
    if quote:
        parts.append(f"“{html.escape(annotation.quote)}”")
    parts.append(html.escape(annotation.comment.strip()) or _("<i>no comment</i>"))
    return "<br>".join(parts)


def _format(colour: QColor, *, bold: bool = False) -> QTextCharFormat:
    chars = QTextCharFormat()
    chars.setBackground(colour)
    chars.setForeground(QColor("black"))  # stays readable on the pale colours in dark themes
    if bold:
        chars.setFontWeight(QFont.Weight.Bold)
    return chars
