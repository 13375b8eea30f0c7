"""Message boxes that never block: they open, return at once, and answer through a callback."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from gui.dialogs import msgbox


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_inform_returns_at_once_with_the_box_open(qtbot: QtBot, parent: QWidget) -> None:
    box = msgbox.inform(parent, "Saved", "<b>kept</b>", warning=True)
    assert box.isVisible() and box.windowTitle() == "Saved"
    assert box.text() == "<b>kept</b>" and box.textFormat() == Qt.TextFormat.PlainText
    assert box.icon() == QMessageBox.Icon.Warning
    assert box.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    with qtbot.waitSignal(box.destroyed):
        box.button(QMessageBox.StandardButton.Ok).click()


def test_inform_without_warning_informs(parent: QWidget) -> None:
    box = msgbox.inform(parent, "Note", "text")
    assert box.icon() == QMessageBox.Icon.Information
    box.close()


@pytest.mark.parametrize(("clicked", "answer"), [(0, True), (1, False)])
def test_ask_answers_through_its_callback_when_clicked(
    qtbot: QtBot, parent: QWidget, clicked: int, answer: bool
) -> None:
    answers: list[bool] = []
    box = msgbox.ask(parent, "Delete?", "Delete 2 records?", answers.append, yes="Delete")
    assert box.isVisible() and answers == []  # asked, not answered yet: nothing waits
    buttons = box.buttons()
    assert sorted(b.text() for b in buttons) == ["Delete", "No"]
    roles = {box.buttonRole(b): b for b in buttons}
    chosen = [QMessageBox.ButtonRole.AcceptRole, QMessageBox.ButtonRole.RejectRole][clicked]
    with qtbot.waitSignal(box.finished):
        roles[chosen].click()
    assert answers == [answer]


def test_closing_a_question_is_a_no(qtbot: QtBot, parent: QWidget) -> None:
    answers: list[bool] = []
    box = msgbox.ask(parent, "Quit?", "Quit now?", answers.append)
    with qtbot.waitSignal(box.finished):
        box.reject()
    assert answers == [False]
