"""One editable field of the Overview: its editor, its quote marker and its error line."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from gui.detail.common import QuoteMarker
from gui.detail.fields import COMBO, LINE, PARTY, TEXT, FieldSpec
from gui.detail.listedit import editable_combo
from gui.dialogs.forms import mark_as_error
from storage.i18n import _
from storage.schema.enums import label

# (fewest, most) visible lines; the editor grows with its text in between.
EDITOR_LINES = {TEXT: (3, 8)}
WRAPPED_LINES = (1, 4)
MIN_TEXT_CHARS = 24  # a wrapping editor's narrowest width, in average characters
# The widest a number editor shows whole, grouped by spaces (as wide as a comma or wider):
# measured as text, so building the form does not wait for Babel.
WIDEST_NUMBER = "888 888 888 888,88"
NUMBER_MARGIN_PX = 16  # a line edit's frame and text margins


class CommitTextEdit(QPlainTextEdit):
    """A wrapping editor that, like QLineEdit, reports editingFinished when focus leaves.

    With ``paragraphs`` False it holds one logical line: Return saves instead of breaking it.
    """

    editingFinished = Signal()

    def __init__(
        self, lines: tuple[int, int], *, paragraphs: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._paragraphs = paragraphs
        self._lines = lines
        self.setTabChangesFocus(True)  # Tab must move on, so the form stays keyboard-usable
        self.textChanged.connect(self._fit)
        self._fit()

    def _fit(self) -> None:
        """Be as tall as the wrapped text, within the editor's fewest and most lines."""
        fewest, most = self._lines
        shown = int(self.document().documentLayout().documentSize().height())
        lines = min(max(shown, fewest), most)
        margins = self.contentsMargins()
        frame = int(self.document().documentMargin() * 2) + margins.top() + margins.bottom()
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + frame + 2)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()  # a new width re-wraps the text

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._paragraphs and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.finish()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.finish()

    def finish(self) -> None:
        """Report the edit once, as QLineEdit does: only when the text changed since."""
        if self.document().isModified():
            self.document().setModified(False)
            self.editingFinished.emit()


class FieldRow(QWidget):
    """An editor that keeps whatever the user typed until it is saved or they change it."""

    def __init__(
        self,
        spec: FieldSpec,
        on_commit: Callable[[FieldRow], None],
        on_quote: Callable[[int], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.spec = spec
        self.baseline = ""  # the stored value as text, to tell an edit from what is saved
        self.editor = self._make_editor(lambda: on_commit(self))
        self.editor.setAccessibleName(spec.title)
        self.editor.setToolTip(_(spec.hint) if spec.hint else "")
        self.marker = QuoteMarker(spec.name, on_quote, self)
        self.error = QLabel(self)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        mark_as_error(self.error)
        self.error.setWordWrap(True)
        self.error.hide()
        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.editor, 1)
        line.addWidget(self.marker, 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(line)
        column.addWidget(self.error)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    def _make_editor(self, commit: Callable[[], None]) -> QWidget:
        if self.spec.editor == PARTY:
            picker = editable_combo([], self.spec.title, self)
            picker.activated.connect(lambda _index: commit())
            line = picker.lineEdit()
            assert line is not None
            line.setPlaceholderText(_(self.spec.hint) if self.spec.hint else "")
            line.editingFinished.connect(commit)
            return picker
        if self.spec.editor == COMBO:
            combo = QComboBox(self)
            for title, value in self.spec.choices:
                # Labelled here, not where the choices are declared: in the language in use.
                combo.addItem(label(value) if value else _(title), value)
            combo.activated.connect(lambda _index: commit())  # user choices only
            return combo
        editor: QLineEdit | CommitTextEdit
        if self.spec.editor == LINE:
            editor = QLineEdit(self)
            if self.spec.max_length:
                editor.setMaxLength(self.spec.max_length)
            if self.spec.number:
                # A number cut short reads as another number ("22 000 000 00"): wide enough
                # for hundreds of billions with cents; a narrow pane puts it under its label.
                widest = editor.fontMetrics().horizontalAdvance(WIDEST_NUMBER)
                editor.setMinimumWidth(widest + NUMBER_MARGIN_PX)
        else:
            lines = EDITOR_LINES.get(self.spec.editor, WRAPPED_LINES)
            editor = CommitTextEdit(lines, paragraphs=self.spec.editor == TEXT, parent=self)
            # Wide enough for words, not letters: beside a long French or Ukrainian label a
            # narrow pane then puts the editor under its label (the form wraps long rows).
            editor.setMinimumWidth(editor.fontMetrics().averageCharWidth() * MIN_TEXT_CHARS)
        editor.setPlaceholderText(_(self.spec.hint) if self.spec.hint else "")
        editor.editingFinished.connect(commit)
        return editor

    def set_suggestions(self, values: list[str]) -> None:
        """Offer these values in an editable combo (the parties known), keeping its text."""
        if isinstance(self.editor, QComboBox) and self.editor.isEditable():
            text = self.editor.currentText()
            self.editor.clear()
            self.editor.addItems(values)
            self.editor.setCurrentIndex(-1)
            self.editor.setEditText(text)

    def text(self) -> str:
        """What the editor holds now (a combo's stored value, an editable one's text)."""
        if isinstance(self.editor, QComboBox) and self.editor.isEditable():
            return self.editor.currentText()
        if isinstance(self.editor, QComboBox):
            return str(self.editor.currentData() or "")
        if isinstance(self.editor, QPlainTextEdit):
            return self.editor.toPlainText()
        assert isinstance(self.editor, QLineEdit)
        return self.editor.text()

    def set_text(self, text: str) -> None:
        """Show a value without treating it as the user's edit."""
        if isinstance(self.editor, QComboBox) and self.editor.isEditable():
            self.editor.setEditText(text)
        elif isinstance(self.editor, QComboBox):
            self.editor.setCurrentIndex(max(self.editor.findData(text), 0))
        elif isinstance(self.editor, QPlainTextEdit):
            if self.editor.toPlainText() != text:
                self.editor.setPlainText(text)
            self.editor.document().setModified(False)
        else:
            assert isinstance(self.editor, QLineEdit)
            if self.editor.text() != text:
                self.editor.setText(text)
                self.editor.setCursorPosition(0)

    def restore_typed(self, text: str) -> None:
        """Put back what the user typed earlier, as their edit (saved when they leave it)."""
        self.set_text(text)
        if isinstance(self.editor, QPlainTextEdit):
            self.editor.document().setModified(True)

    def is_edited(self) -> bool:
        """True while the editor holds text that differs from the stored value."""
        return self.text() != self.baseline

    def show_error(self, message: str | None) -> None:
        """Show why the typed value was refused, or clear that."""
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
        self.error.setAccessibleName(
            _("Error in {lower}").format(lower=self.spec.title.lower()) if message else ""
        )
