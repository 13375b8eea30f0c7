"""The New document / New pledge dialog: validated by the storage rules before anything is saved."""

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

from gui.dialogs.forms import error_label
from storage.errors import ValidationError
from storage.i18n import _
from storage.records.validation import coerce_changes
from storage.schema.enums import Binding, DocumentKind, Qualifier, RecordKind, label
from storage.wording import field_label


class NewRecordDialog(QDialog):
    """Collects the first fields of a new record; emits ``created`` with them once valid."""

    created = Signal(object, dict)  # RecordKind, fields for service.records.create_record

    def __init__(self, kind: RecordKind, parties: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setWindowTitle(_("New pledge") if kind is RecordKind.PLEDGE else _("New document"))
        self._inputs: dict[str, QLineEdit | QComboBox | QPlainTextEdit] = {}
        form = QFormLayout()
        self._add_line(form, "title")
        if kind is RecordKind.DOCUMENT:
            self._add_combo(form, "document_kind", [k.value for k in DocumentKind])
            self._add_combo(form, "binding", [b.value for b in Binding], "unknown")
            self._add_line(form, "signed_on", _("YYYY-MM-DD, empty if unknown"))
            self._add_line(form, "tags", _("comma-separated"))
        else:
            self._add_combo(form, "donor", ["", *parties])
            self._add_combo(form, "recipient", ["", *parties])
            self._add_line(form, "amount", _("e.g. 700000000"))
            self._add_line(form, "currency", _("ISO code, e.g. CAD"))
            self._add_combo(form, "qualifier", ["", *(q.value for q in Qualifier)])
            self._add_line(form, "announced_on", _("YYYY-MM-DD"))
            self._add_line(form, "due", _("2025-09, 2025-Q3, 2025 or 2025-09-30"))
            self._add_line(form, "categories", _("e.g. military, humanitarian"))
        summary = QPlainTextEdit()
        summary.setAccessibleName(_("Summary"))
        summary.setTabChangesFocus(True)
        summary.setFixedHeight(80)
        self._inputs["summary"] = summary
        form.addRow(_("Summary"), summary)
        self.error = error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def fields(self) -> dict[str, object]:
        """The non-empty fields as the service takes them."""
        values: dict[str, object] = {}
        for name, widget in self._inputs.items():
            if isinstance(widget, QComboBox):
                text = widget.currentData() or ""
            elif isinstance(widget, QPlainTextEdit):
                text = widget.toPlainText()
            else:
                text = widget.text()
            if name in ("tags", "categories"):
                values[name] = [part.strip() for part in text.split(",") if part.strip()]
            elif text.strip():
                values[name] = text.strip() if name != "summary" else text
        return values

    def _submit(self) -> None:
        fields = self.fields()
        try:
            coerce_changes(self.kind, fields)
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
