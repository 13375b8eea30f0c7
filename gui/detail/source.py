"""Source tab: the article behind a record, every quote highlighted, and new annotations."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QSignalBlocker, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QHelpEvent,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QComboBox,
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
from gui.operations.records import CreateRecordCommand
from storage.api.records import FieldQuote
from storage.errors import AccordsError
from storage.i18n import _, ngettext
from storage.records.data import AnnotationView, RecordDetail, SourceView
from storage.schema.enums import RecordKind
from storage.wording import field_label

if TYPE_CHECKING:
    from gui.detail.annotate import AnnotateDialog  # imported when first opened
    from gui.dialogs.new_record import NewRecordDialog

PALE = QColor("#fff4b8")  # any live annotation
OWN = QColor("#ffd54f")  # the shown record's own quotes
FOCUS = QColor("#ffab40")  # the quote the user asked to see
PARAGRAPH = "\u2029"  # how QTextCursor.selectedText() writes a line break
ANNOTATION_ROLE = Qt.ItemDataRole.UserRole  # the id of the annotation a list item shows
QUOTE_CHARS = 80  # of a quote in the list; its tooltip has the whole of it


class SourceText(QPlainTextEdit):
    """Read-only article text whose context menu can annotate the selection."""

    annotateRequested = Signal()
    newRecordRequested = Signal(object)  # RecordKind: a new record titled by the selection
    quoteRequested = Signal(str)  # the field of the shown record the selection supports

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
        self.fields: Sequence[tuple[str, str]] = ()  # (name, label) the selection may support

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
        selected = self.textCursor().hasSelection()
        action = menu.addAction(_("Annotate selection…"))
        action.setEnabled(selected)
        action.triggered.connect(self.annotateRequested.emit)
        for kind, text in (
            (RecordKind.PLEDGE, _("New pledge from selection…")),
            (RecordKind.DOCUMENT, _("New document from selection…")),
        ):
            made = menu.addAction(text)
            made.setEnabled(selected)
            made.triggered.connect(partial(self.newRecordRequested.emit, kind))
        fields = menu.addMenu(_("Quote this for field…"))
        fields.setEnabled(selected and bool(self.fields))
        for name, title in self.fields:
            fields.addAction(title).triggered.connect(partial(self.quoteRequested.emit, name))
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
        self.picker = self._source_picker()
        self.sources: list[SourceView] = []
        self.text = SourceText(self)
        self.text.tip_for = self.tip_at
        self.text.annotateRequested.connect(self.annotate_selection)
        self.text.newRecordRequested.connect(self.new_record_from_selection)
        self.text.quoteRequested.connect(self.quote_for_field)
        self.new_dialog: NewRecordDialog | None = None
        self._new_span: tuple[int, int, int] | None = None  # source id, start, end
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
        layout.addWidget(self.picker)
        layout.addWidget(self.header)
        layout.addWidget(self.text, 1)
        layout.addLayout(bottom)
        layout.addLayout(listed)
        layout.addWidget(self.quotes)
        self.set_record(None)

    def _source_picker(self) -> QComboBox:
        """The record's sources (several when several reported it); every source when it has
        none yet, so that a record made by hand can be quoted from any."""
        picker = QComboBox(self)
        picker.setAccessibleName(_("Sources of this record"))
        # A long title must not widen the pane: the box shows what fits, the list all of it.
        picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        picker.setMinimumContentsLength(16)
        picker.activated.connect(self._source_picked)
        return picker

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
        kind = RecordKind(detail.row.kind) if detail is not None else None
        self.text.fields = annotatable_fields(kind) if kind is not None else ()
        self._list_quotes()
        if detail is None:
            self._show_source(None)
            return
        if same and self.source is not None:
            self._highlight()  # a reload keeps the reader's place
            return
        self.emphasised = None
        self._list_sources(detail)
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

    def _list_sources(self, detail: RecordDetail) -> None:
        """Fill the picker with the record's sources, or every source if it has none."""
        service = self._context.service
        try:
            self.sources = service.sources.sources_of_record(detail.id)
            own = bool(self.sources)
            if not own:
                self.sources = service.sources.list_sources()
        except AccordsError as error:
            self._context.refuse(error, _("Cannot show the source"))
            self.sources, own = [], False
        with QSignalBlocker(self.picker):
            self.picker.clear()
            for source in self.sources:
                day = source.published_on.isoformat() if source.published_on else ""
                self.picker.addItem(" · ".join(filter(None, [source.title, day])), source.id)
        self.picker.setToolTip(
            ngettext(
                "This record rests on {n} source.",
                "This record rests on {n} sources.",
                len(self.sources),
            ).format(n=len(self.sources))
            if own
            else _("This record rests on no source yet: pick one to quote from.")
        )

    def _source_picked(self, index: int) -> None:
        if 0 <= index < len(self.sources):
            self.emphasised = None
            self._show_source(self.sources[index])

    def _find_source(self, source_id: int | None) -> SourceView | None:
        known = next((s for s in self.sources if s.id == source_id), None)
        if known is not None or (source_id is None and self.sources):
            return known or self.sources[0]
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
        if source is not None and (index := self.picker.findData(source.id)) >= 0:
            self.picker.setCurrentIndex(index)
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
        if not source.has_text:
            self.text.setPlainText(_("This source has no text (a scan): nothing to quote."))
        elif changed or self.text.toPlainText() == "":
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

    def new_record_from_selection(self, kind: RecordKind) -> NewRecordDialog | None:
        """Open the new-record dialog titled by the selection (non-modal); the record it
        creates has its title tied to the selected words."""
        span = self.selected_span()
        if span is None or self.source is None:
            self._context.refuse(_("Select the words of the source first."), _("New record"))
            return None
        from gui.dialogs.new_record import NewRecordDialog

        if self.new_dialog is not None:
            self.new_dialog.deleteLater()
        self._new_span = (self.source.id, *span)
        dialog = NewRecordDialog(kind, self._context.service, self)
        dialog.prefill(self.source.text[span[0] : span[1]])
        dialog.created.connect(self._create_from_selection)
        self.new_dialog = dialog
        dialog.open()
        return dialog

    def _create_from_selection(self, kind: RecordKind, fields: dict[str, object]) -> None:
        if self._new_span is None:
            return
        quote = FieldQuote(*self._new_span, "title")
        command = CreateRecordCommand(
            self._context.service, self._context.undo_stack, kind, {**fields, "quotes": [quote]}
        )
        if self._context.perform(command):
            self._highlight()

    def quote_for_field(self, field: str) -> None:
        """Tie the selected words to one field of the record shown (undoable)."""
        span = self.selected_span()
        if span is None or self.source is None or self._detail is None:
            self._context.refuse(_("Select the words of the source first."), _("Quote"))
            return
        command = AnnotateCommand(
            self._context.service,
            self._context.undo_stack,
            self.source.id,
            *span,
            self._detail.id,
            field=field,
        )
        if self._context.perform(command):
            self.emphasised = command.annotation_id
            self._highlight()

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
