"""Overview tab: the record's editable fields, its read-only facts and markers to their quotes."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QScrollArea, QWidget

from gui.detail.common import Context, QuoteMarker, quotes_by_field
from gui.detail.fieldrow import FieldRow
from gui.detail.fields import EDITABLE, FACTS, PARTY, display, fact, service_value
from gui.detail.structure import StructureRows
from gui.operations.records import EditFieldsCommand
from storage.errors import ValidationError
from storage.i18n import N_, _
from storage.records.data import AnnotationView, RecordDetail
from storage.records.validation import coerce_changes
from storage.schema.enums import RecordKind, label
from storage.wording import field_label

# Facts that name another record, shown as a link that goes to it.
LINKED_FACTS = frozenset({"parent"})


class OverviewTab(QScrollArea):
    """A form of the fields a record of its kind may have; each edit is one undoable step."""

    quoteRequested = Signal(int)  # id of the annotation whose quote the user asked to see
    recordRequested = Signal(str)  # id (slug) of a record the user asked to go to

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._detail: RecordDetail | None = None
        # What the user typed but could not save, by record and field, until they come back.
        self._held: dict[int, dict[str, str]] = {}
        self.rows: dict[str, FieldRow] = {}
        self.lists = StructureRows(context, self.quoteRequested.emit)
        self.facts: dict[str, tuple[QLabel, QuoteMarker]] = {}
        self.heading = QLabel()
        self.setWidgetResizable(True)
        self.setAccessibleName(_("Overview"))
        self._show_placeholder()

    def set_record(self, detail: RecordDetail | None) -> None:
        """Show a record; the same record again keeps any edit the user has not saved.

        Leaving a record with a field that could not be saved (an invalid value, say) keeps
        the text, says so, and shows it again, marked, when the user comes back.
        """
        previous = self._detail
        if previous is not None and (detail is None or detail.id != previous.id):
            self._hold_unsaved(previous)
        self._detail = detail
        if detail is None:
            self._show_placeholder()
            return
        fresh = previous is None or previous.id != detail.id or previous.row.kind != detail.row.kind
        if fresh:
            self._build(RecordKind(detail.row.kind))
        self._fill(detail, fresh=fresh)
        if fresh:
            self._bring_back(detail.id)

    def show_waiting(self) -> None:
        """An empty page, not the "select a record" hint, while a selected record is read."""
        if self._detail is None:
            self._show_placeholder("")

    def commit_edits(self) -> None:
        """Save every field the user changed but has not left yet."""
        for row in list(self.rows.values()):
            if row.is_edited():
                self._commit(row)

    # -- building ---------------------------------------------------------------------

    def _show_placeholder(self, text: str = N_("Select a record to see its details.")) -> None:
        self.rows, self.facts = {}, {}
        self.lists = StructureRows(self._context, self.quoteRequested.emit)
        placeholder = QLabel(_(text))
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # The previous form is deleted later, not here: a search empties the pane at each
        # keystroke, and deleting a record's form at once held up the table's repaint.
        previous = self.takeWidget()
        self.setWidget(placeholder)
        if previous is not None:
            previous.deleteLater()

    def _build(self, kind: RecordKind) -> None:
        content = QWidget()
        form = QFormLayout(content)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # A field too wide beside its label goes under it rather than past the pane's edge.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.heading = QLabel(content)
        self.heading.setWordWrap(True)
        form.addRow(self.heading)
        self.rows = {}
        for spec in EDITABLE[kind]:
            row = FieldRow(spec, self._commit, self.quoteRequested.emit, content)
            self.rows[spec.name] = row
            form.addRow(self._label(spec.title, row.editor, content), row)
        self.lists.build(kind, form, content)
        facts_title = QLabel(_("<b>From the record</b>"), content)
        form.addRow(facts_title)
        self.facts = {
            name: self._add_fact(form, name, field_label(name)) for name, _title in FACTS[kind]
        }
        self.setWidget(content)

    def _label(self, title: str, buddy: QWidget, parent: QWidget) -> QLabel:
        text = QLabel(title, parent)
        text.setBuddy(buddy)
        return text

    def _add_fact(self, form: QFormLayout, name: str, title: str) -> tuple[QLabel, QuoteMarker]:
        parent = form.parentWidget()
        assert parent is not None
        box = QWidget(parent)
        value = QLabel(box)
        value.setTextFormat(Qt.TextFormat.PlainText)  # record text is never markup
        value.setWordWrap(True)
        value.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        if name in LINKED_FACTS:  # a link to the record named, its title escaped
            value.setTextFormat(Qt.TextFormat.RichText)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
            value.linkActivated.connect(self.recordRequested.emit)
        value.setAccessibleName(title)
        marker = QuoteMarker(name, self.quoteRequested.emit, box)
        line = QHBoxLayout(box)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(value, 1)
        line.addWidget(marker, 0, Qt.AlignmentFlag.AlignTop)
        form.addRow(self._label(title, value, parent), box)
        return value, marker

    # -- filling ----------------------------------------------------------------------

    def _fill(self, detail: RecordDetail, *, fresh: bool) -> None:
        quotes = quotes_by_field(detail.annotations)
        kind = label(detail.row.kind)
        self.heading.setText(f"<b>{kind}</b> · {detail.row.slug}")
        parties = [p.name for p in self._context.service.parties.list_parties()]
        for name, row in self.rows.items():
            if row.spec.editor == PARTY:
                row.set_suggestions(parties)
            self._refresh_row(row, display(detail, name), fresh=fresh)
            row.marker.show_quotes(quotes.get(name, []))
        self.lists.fill(detail, quotes)
        for name, (value, marker) in self.facts.items():
            value.setText(_linked(detail, name) if name in LINKED_FACTS else fact(detail, name))
            marker.show_quotes(_fact_quotes(quotes, name))

    def _refresh_row(self, row: FieldRow, stored: str, *, fresh: bool) -> None:
        # An unsaved edit survives a reload unless it now means what is stored.
        keep = not fresh and row.is_edited() and not self._same(row, row.text(), stored)
        row.baseline = stored
        if not keep:
            row.set_text(stored)
            row.show_error(None)

    # -- edits that could not be saved -------------------------------------------------

    def _hold_unsaved(self, leaving: RecordDetail) -> None:
        unsaved = {
            name: row
            for name, row in self.rows.items()
            if row.is_edited() and not self._same(row, row.text(), row.baseline)
        }
        if not unsaved:
            return
        self._held[leaving.id] = {name: row.text() for name, row in unsaved.items()}
        reasons = " ".join(_why_unsaved(row) for row in unsaved.values())
        self._context.refuse(
            _(
                "Not saved in “{title}”: {reasons} What you typed is kept and shown "
                "again when you go back to that record."
            ).format(title=leaving.row.title, reasons=reasons),
            _("Not saved"),
        )

    def _bring_back(self, record_id: int) -> None:
        for name, text in self._held.pop(record_id, {}).items():
            row = self.rows.get(name)
            if row is None:
                continue
            row.restore_typed(text)
            row.show_error(self._problem(row) or _("Not saved yet: press Enter to save it."))

    def _problem(self, row: FieldRow) -> str | None:
        """Why the text of a row would be refused, if it would."""
        assert self._detail is not None
        value = service_value(row.spec, row.text())
        try:
            coerce_changes(RecordKind(self._detail.row.kind), {row.spec.name: value})
        except ValidationError as error:
            return str(error)
        return None

    # -- saving -----------------------------------------------------------------------

    def _commit(self, row: FieldRow) -> None:
        detail = self._detail
        name = row.spec.name
        if detail is None or self.rows.get(name) is not row:
            return  # a signal from a form that is being replaced
        value = service_value(row.spec, row.text())
        try:
            coerce_changes(RecordKind(detail.row.kind), {name: value})
        except ValidationError as error:
            row.show_error(str(error))
            return
        row.show_error(None)
        if self._same(row, row.text(), row.baseline):
            return
        before = {name: service_value(row.spec, row.baseline)}
        self._context.perform(
            EditFieldsCommand(
                self._context.service,
                self._context.undo_stack,
                detail.id,
                detail.version,
                before=before,
                after={name: value},
            )
        )

    def _same(self, row: FieldRow, first: str, second: str) -> bool:
        """True when two texts store the same value ("7,000" and "7000")."""
        assert self._detail is not None
        kind = RecordKind(self._detail.row.kind)
        name = row.spec.name
        try:
            return coerce_changes(kind, {name: service_value(row.spec, first)}) == coerce_changes(
                kind, {name: service_value(row.spec, second)}
            )
        except ValidationError:
            return first == second


def _why_unsaved(row: FieldRow) -> str:
    """One sentence naming the field and why its text was not saved."""
    error = row.error.text().rstrip(".")
    if not error:
        return _("{title} was not saved.").format(title=row.spec.title)
    return f"{error}." if error.startswith(row.spec.title) else f"{row.spec.title}: {error}."


def _linked(detail: RecordDetail, name: str) -> str:
    """A fact that names another record, as a link to it (the link is the record's slug)."""
    slug = {"parent": detail.parent_slug}[name]
    if not slug:
        return fact(detail, name)
    return f'<a href="{html.escape(slug)}">{html.escape(fact(detail, name))}</a>'


def _fact_quotes(quotes: dict[str, list[AnnotationView]], name: str) -> Sequence[AnnotationView]:
    if name == "equivalent_amount":
        return quotes.get(name, []) or quotes.get("equivalent_as_written", [])
    return quotes.get(name, [])
