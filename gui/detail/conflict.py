"""The dialog shown when another window saved a note this window was editing."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from storage.i18n import _
from storage.records.textmerge import merge

KEEP_THEIRS, KEEP_MINE, KEEP_MERGED = "theirs", "mine", "merged"


class NoteConflictDialog(QDialog):
    """Theirs, mine, or a merged text (editable); emits ``resolved(choice, text)``."""

    resolved = Signal(str, str)

    def __init__(self, base: str, mine: str, theirs: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Note changed in another window"))
        self.resize(640, 480)
        self.mine, self.theirs = mine, theirs
        merged, clean = merge(base, mine, theirs)
        explanation = QLabel(
            _(
                "Another window saved this note while you were editing it. Nothing has been "
                "overwritten. Choose which text to keep; the one you do not keep stays under "
                "Revisions…."
            )
            + ("" if clean else _("\nBoth changed the same lines: the merged text marks them."))
        )
        explanation.setWordWrap(True)
        self.tabs = QTabWidget()
        self.merged_editor = self._page(_("Merged"), merged, editable=True)
        self._page(_("Yours"), mine, editable=False)
        self._page(_("Theirs"), theirs, editable=False)
        buttons = QDialogButtonBox()
        for text, choice in (
            (_("Save merged"), KEEP_MERGED),
            (_("Keep mine"), KEEP_MINE),
            (_("Keep theirs"), KEEP_THEIRS),
        ):
            button = QPushButton(text)
            button.setAccessibleName(text)
            button.clicked.connect(lambda _checked=False, c=choice: self.choose(c))
            buttons.addButton(button, QDialogButtonBox.ButtonRole.AcceptRole)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)

    def choose(self, choice: str) -> None:
        """Settle the conflict with one of the three texts."""
        text = {
            KEEP_MINE: self.mine,
            KEEP_THEIRS: self.theirs,
            KEEP_MERGED: self.merged_editor.toPlainText(),
        }[choice]
        self.resolved.emit(choice, text)
        self.accept()

    def _page(self, title: str, text: str, *, editable: bool) -> QPlainTextEdit:
        editor = QPlainTextEdit(text)
        editor.setReadOnly(not editable)
        editor.setAccessibleName(_("{title} text").format(title=title))
        self.tabs.addTab(editor, title)
        return editor
