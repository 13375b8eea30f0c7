"""Read-only detail tabs: a record in the trash can be read, not edited, until restored."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from gui.detail.common import QuoteMarker

TextEditor = QLineEdit | QPlainTextEdit | QTextEdit
# Controls that change the record when used; a quote marker only shows a quote.
ACTING = (QAbstractButton, QComboBox, QAbstractSpinBox)


class EditorLock:
    """Makes every editor under some widgets read-only and every acting control disabled,
    and gives back exactly what it took when unlocked."""

    def __init__(self) -> None:
        self._made_read_only: list[TextEditor] = []
        self._disabled: list[QWidget] = []

    def lock(self, root: QWidget) -> None:
        """Lock the editors and controls under ``root`` that are editable now."""
        for editor in root.findChildren(QWidget):
            if isinstance(editor, TextEditor) and not editor.isReadOnly():
                editor.setReadOnly(True)
                self._made_read_only.append(editor)
            elif (
                isinstance(editor, ACTING)
                and not isinstance(editor, QuoteMarker)
                and not editor.testAttribute(Qt.WidgetAttribute.WA_ForceDisabled)
            ):
                editor.setEnabled(False)
                self._disabled.append(editor)

    def unlock(self) -> None:
        """Give back what ``lock`` took, for the widgets that still exist."""
        for editor in self._made_read_only:
            if shiboken6.isValid(editor):
                editor.setReadOnly(False)
        for control in self._disabled:
            if shiboken6.isValid(control):
                control.setEnabled(True)
        self._made_read_only, self._disabled = [], []
