"""Non-blocking message boxes: they report through callbacks, never a nested event loop.

Tests replace ``ask`` and ``inform`` with monkeypatch, so no dialog ever waits for a click.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from storage.i18n import N_, _


def inform(parent: QWidget | None, title: str, text: str, *, warning: bool = False) -> QMessageBox:
    """Show a message and return at once; the box closes itself when dismissed."""
    box = QMessageBox(
        QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information,
        title,
        text,
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.open()
    return box


def ask(
    parent: QWidget | None,
    title: str,
    text: str,
    on_answer: Callable[[bool], None],
    *,
    yes: str = N_("Yes"),
    no: str = N_("No"),
) -> QMessageBox:
    """Ask a yes/no question; ``on_answer`` gets True for yes, later, when the user answers."""
    box = QMessageBox(
        QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent
    )
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setTextFormat(Qt.TextFormat.PlainText)
    yes_button = box.addButton(_(yes), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_(no), QMessageBox.ButtonRole.RejectRole)
    box.finished.connect(lambda _result: on_answer(box.clickedButton() is yes_button))
    box.open()
    return box
