"""The New document / New pledge dialog: validated by the storage rules before anything is saved.

A document gets its parties, signatories, relations, areas and provisions here, a pledge its
donor, recipient and categories; a party, person or label typed new is added with the record.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from gui.detail.fields import PLEDGE_FIELDS
from gui.detail.listedit import (
    LabelListEditor,
    ListEditor,
    RelationEditor,
    SignatoryEditor,
    category_shown,
    editable_combo,
)
from gui.dialogs.forms import error_label
from gui.operations.records import STRUCTURE_FIELDS
from storage.errors import ValidationError
from storage.i18n import _, read_number
from storage.records.validation import coerce_changes
from storage.schema.enums import Binding, Category, DocumentKind, Qualifier, RecordKind, label
from storage.service import AccordsService
from storage.wording import field_label

PICKED_PARTIES = ("donor", "recipient")  # editable combos: pick a party or type a new one
NUMBERS = frozenset(spec.name for spec in PLEDGE_FIELDS if spec.number)  # as typed in the language


class NewRecordDialog(QDialog):
    """Collects the fields of a new record; emits ``created`` with them once valid."""

    created = Signal(object, dict)  # RecordKind, fields for CreateRecordCommand

    def __init__(
        self, kind: RecordKind, service: AccordsService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        titles = {RecordKind.DOCUMENT: _("New document"), RecordKind.PLEDGE: _("New pledge")}
        self.setWindowTitle(titles.get(kind, kind.value))
        self._inputs: dict[str, QLineEdit | QComboBox | QPlainTextEdit] = {}
        self.lists: dict[str, ListEditor] = {}
        parties = [party.name for party in service.parties.list_parties()]
        # The form is in the dialog before its rows are made: each field joins the Tab
        # order as its row is added, so Tab follows the rows.
        form = QFormLayout()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self._add_line(form, "title")
        if kind is RecordKind.DOCUMENT:
            self._add_document_fields(form, service, parties)
        else:
            self._add_pledge_fields(form, service, parties)
        summary = QPlainTextEdit()
        summary.setAccessibleName(field_label("summary"))
        summary.setTabChangesFocus(True)
        summary.setFixedHeight(80)
        self._inputs["summary"] = summary
        form.addRow(field_label("summary"), summary)
        self.error = error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _add_document_fields(
        self, form: QFormLayout, service: AccordsService, parties: list[str]
    ) -> None:
        self._add_combo(form, "document_kind", [k.value for k in DocumentKind])
        self._add_combo(form, "binding", [b.value for b in Binding], "unknown")
        self._add_line(form, "signed_on", _("YYYY-MM-DD, empty if unknown"))
        self._add_list(form, "parties", LabelListEditor(field_label("parties"), parties))
        roles = service.parties.list_roles()
        self._add_list(form, "signatories", SignatoryEditor(roles, parties))
        self._add_list(form, "relations", RelationEditor(service))
        areas = service.parties.suggestions("tags")
        self._add_list(form, "tags", LabelListEditor(field_label("tags"), areas))
        self._add_list(form, "provisions", LabelListEditor(field_label("provisions"), []))

    def _add_pledge_fields(
        self, form: QFormLayout, service: AccordsService, parties: list[str]
    ) -> None:
        for name in PICKED_PARTIES:
            combo = editable_combo(parties, field_label(name), self)
            self._inputs[name] = combo
            form.addRow(field_label(name), combo)
        self._add_line(form, "amount", _("e.g. 700000000"))
        self._add_line(form, "currency", _("ISO code, e.g. CAD"))
        self._add_combo(form, "qualifier", ["", *(q.value for q in Qualifier)])
        self._add_line(form, "announced_on", _("YYYY-MM-DD"))
        self._add_line(form, "due", _("2025-09, 2025-Q3, 2025 or 2025-09-30"))
        in_use = service.parties.suggestions("categories")
        offered = sorted({*in_use, *(c.value for c in Category)}, key=str.casefold)
        categories = LabelListEditor(field_label("categories"), offered, shown=category_shown)
        self._add_list(form, "categories", categories)

    # -- reading ------------------------------------------------------------------------

    def prefill(self, title: str) -> None:
        """Start from a title (a sentence selected in a source, say)."""
        line = self._inputs["title"]
        assert isinstance(line, QLineEdit)
        line.setText(" ".join(title.split()))
        line.setCursorPosition(0)

    def fields(self) -> dict[str, object]:
        """The non-empty fields as the service takes them, and the lists the user made."""
        values: dict[str, object] = {}
        for name, widget in self._inputs.items():
            if name in PICKED_PARTIES and isinstance(widget, QComboBox):
                text = widget.currentText()
            elif isinstance(widget, QComboBox):
                text = widget.currentData() or ""
            elif isinstance(widget, QPlainTextEdit):
                text = widget.toPlainText()
            else:
                text = widget.text()
            if name in NUMBERS:
                text = read_number(text)  # typed as the language writes numbers
            if text.strip():
                values[name] = text.strip() if name != "summary" else text
        for name, editor in self.lists.items():
            if isinstance(editor, SignatoryEditor):
                values[name] = editor.signatories()
            elif isinstance(editor, RelationEditor):
                values[name] = editor.relations()
            elif isinstance(editor, LabelListEditor):
                values[name] = editor.labels()
        return values

    def _submit(self) -> None:
        for editor in self.lists.values():
            editor.add_current()  # what was typed but not yet added counts too
        fields = self.fields()
        plain = {name: value for name, value in fields.items() if name not in STRUCTURE_FIELDS}
        try:
            coerce_changes(self.kind, plain)
            if "title" not in fields:
                raise ValidationError(
                    _("{field_label} must not be empty").format(field_label=field_label("title")),
                    field="title",
                )
        except ValidationError as error:
            self.error.setText(str(error))
            if error.field in self._inputs:
                self._inputs[error.field].setFocus()
            return
        self.created.emit(self.kind, fields)
        self.accept()

    # -- building -----------------------------------------------------------------------

    def _add_line(self, form: QFormLayout, name: str, hint: str = "") -> None:
        title = field_label(name)
        line = QLineEdit()
        line.setPlaceholderText(hint)
        line.setAccessibleName(title)
        self._inputs[name] = line
        form.addRow(title, line)

    def _add_combo(
        self, form: QFormLayout, name: str, values: list[str], default: str = ""
    ) -> None:
        title = field_label(name)
        combo = QComboBox()
        combo.setAccessibleName(title)
        for value in values:
            combo.addItem(label(value) if value else "—", value)
        combo.setCurrentIndex(max(combo.findData(default), 0))
        self._inputs[name] = combo
        form.addRow(title, combo)

    def _add_list(self, form: QFormLayout, name: str, editor: ListEditor) -> None:
        editor.setParent(self)
        self.lists[name] = editor
        form.addRow(field_label(name), editor)
