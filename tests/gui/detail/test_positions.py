"""Offsets between Python strings and Qt's UTF-16 positions."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QPlainTextEdit,
)
from pytestqt.qtbot import QtBot

from gui.detail.positions import py_to_qt, qt_to_py


def test_positions_round_trip_with_emoji_and_modifier_apostrophe() -> None:
    text = "Presidentʼs Office 🇺🇦 said 👍🏽 and 𝄞 ok\n2nd line"
    utf16 = len(text.encode("utf-16-le")) // 2
    assert py_to_qt(text, len(text)) == utf16 > len(text)
    for index in range(len(text) + 1):
        assert qt_to_py(text, py_to_qt(text, index)) == index
    inside_pair = py_to_qt(text, text.index("👍")) + 1
    assert qt_to_py(text, inside_pair) == text.index("👍") + 1  # rounds up to the next char
    assert py_to_qt("Presidentʼs", 11) == 11  # U+02BC is one UTF-16 unit


@given(st.text())
def test_positions_match_utf16_lengths_for_any_text(text: str) -> None:
    for index in range(len(text) + 1):
        position = py_to_qt(text, index)
        assert position == len(text[:index].encode("utf-16-le", "surrogatepass")) // 2
        assert qt_to_py(text, position) == index


def test_positions_select_the_same_words_in_a_qt_document(qtbot: QtBot) -> None:
    text = "Presidentʼs Office 🇺🇦 said 👍🏽 and 𝄞 ok\n2nd line"
    view = QPlainTextEdit()
    qtbot.addWidget(view)
    view.setPlainText(text)
    assert view.document().characterCount() - 1 == py_to_qt(text, len(text))
    for word in ("Office", "said", "ok", "🇺🇦", "2nd line"):
        start = text.index(word)
        cursor = QTextCursor(view.document())
        cursor.setPosition(py_to_qt(text, start))
        cursor.setPosition(py_to_qt(text, start + len(word)), QTextCursor.MoveMode.KeepAnchor)
        assert cursor.selectedText() == word
        assert qt_to_py(text, cursor.selectionStart()) == start
