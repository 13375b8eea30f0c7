"""The editor lock: a record in the trash is read, not edited, and unlocking gives back all."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from gui.detail.common import QuoteMarker
from gui.detail.readonly import EditorLock


class Form(QWidget):
    """Editors and controls of every kind, some already read-only or disabled."""

    def __init__(self) -> None:
        super().__init__()
        self.line = QLineEdit(self)
        self.text = QPlainTextEdit(self)
        self.fixed = QLineEdit(self)
        self.fixed.setReadOnly(True)
        self.combo = QComboBox(self)
        self.button = QPushButton("Save", self)
        self.off = QPushButton("Never", self)
        self.off.setEnabled(False)
        self.marker = QuoteMarker("title", lambda _id: None, self)
        layout = QVBoxLayout(self)
        for widget in (self.line, self.text, self.fixed, self.combo, self.button, self.off):
            layout.addWidget(widget)


def form(qtbot: QtBot) -> Form:
    made = Form()
    qtbot.addWidget(made)
    return made


def test_locking_makes_editors_read_only_and_controls_disabled(qtbot: QtBot) -> None:
    shown = form(qtbot)
    lock = EditorLock()
    lock.lock(shown)
    assert shown.line.isReadOnly() and shown.text.isReadOnly()
    assert not shown.combo.isEnabled() and not shown.button.isEnabled()
    assert shown.marker.isEnabled()  # a quote can still be read


def test_unlocking_gives_back_exactly_what_was_taken(qtbot: QtBot) -> None:
    shown = form(qtbot)
    lock = EditorLock()
    lock.lock(shown)
    lock.unlock()
    assert not shown.line.isReadOnly() and not shown.text.isReadOnly()
    assert shown.combo.isEnabled() and shown.button.isEnabled()
    assert shown.fixed.isReadOnly() and not shown.off.isEnabled()  # as they were
    lock.unlock()  # a second unlock has nothing left to give back
    assert shown.fixed.isReadOnly() and not shown.off.isEnabled()


def test_a_widget_deleted_while_locked_is_skipped(qtbot: QtBot) -> None:
    shown = form(qtbot)
    lock = EditorLock()
    lock.lock(shown)
    shown.line.deleteLater()
    qtbot.waitUntil(lambda: shown.findChild(QLineEdit) is shown.fixed)
    lock.unlock()
    assert not shown.text.isReadOnly() and shown.button.isEnabled()
