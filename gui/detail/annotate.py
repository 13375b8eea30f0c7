"""The dialog that turns a selected span of a source into an annotation of the record."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QWidget,
)

from storage.i18n import N_, _
from storage.records.data import AnnotationView

WHOLE_RECORD = N_("(whole record)")


class AnnotateDialog(QDialog):
    """A comment and the field the quote supports; the span is fixed when it opens."""

    def __init__(
        self,
        source_id: int,
        span: tuple[int, int],
        quote: str,
        fields: Sequence[tuple[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Annotate selection"))
        self.setModal(False)
        self.source_id = source_id
        self.span = span
        self.editing: AnnotationView | None = None  # the annotation whose comment is edited
        shown = quote if len(quote) <= 300 else quote[:300] + "…"
        self.quote = QLabel(f"“{shown}”", self)
        self.quote.setWordWrap(True)
        self.quote.setTextFormat(Qt.TextFormat.PlainText)
        self.quote.setAccessibleName(_("Selected quote"))
        self.field_box = QComboBox(self)
        self.field_box.setAccessibleName(_("Field the quote supports"))
        self.field_box.addItem(_(WHOLE_RECORD), "")
        for name, title in fields:
            self.field_box.addItem(title, name)
        self.comment_box = QPlainTextEdit(self)
        self.comment_box.setAccessibleName(_("Comment"))
        self.comment_box.setTabChangesFocus(True)
        self.comment_box.setPlaceholderText(_("Why this passage matters (optional)"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.quote)
        form.addRow(_("Supports"), self.field_box)
        form.addRow(_("Comment"), self.comment_box)
        form.addRow(buttons)

    def comment(self) -> str:
        """The comment typed."""
        return self.comment_box.toPlainText()

    def field(self) -> str | None:
        """The field chosen, or None for the whole record."""
        return str(self.field_box.currentData() or "") or None

    def set_field(self, name: str | None) -> None:
        """Preselect a field (None: the whole record)."""
        self.field_box.setCurrentIndex(max(self.field_box.findData(name or ""), 0))
