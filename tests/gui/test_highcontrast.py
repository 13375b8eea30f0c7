"""High contrast: fields framed in the text colour while the system asks for it, and only then."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gui.highcontrast import FRAMES, ContrastFollower, frame_fields


@pytest.fixture
def sheet(qapp: QApplication) -> Iterator[str]:
    """The application's style sheet, with something of its own, set back after the test."""
    before = qapp.styleSheet()
    qapp.setStyleSheet("QLabel { color: navy; }")
    yield qapp.styleSheet()
    qapp.setStyleSheet(before)


def test_framing_adds_the_frames_once_and_takes_them_away(qapp: QApplication, sheet: str) -> None:
    frame_fields(qapp, True)
    frame_fields(qapp, True)
    assert qapp.styleSheet().count(FRAMES) == 1
    assert qapp.styleSheet().startswith(sheet)  # the rest of the sheet stays
    frame_fields(qapp, False)
    assert qapp.styleSheet() == sheet


def test_the_follower_frames_as_the_system_asks(
    qapp: QApplication, sheet: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    follower = ContrastFollower(qapp)
    try:
        wanted = follower.wanted()
        assert wanted == (
            qapp.styleHints().accessibility().contrastPreference()
            == Qt.ContrastPreference.HighContrast
        )
        assert (FRAMES in qapp.styleSheet()) == wanted
        monkeypatch.setattr(follower, "wanted", lambda: True)
        follower.follow()  # what the hints' change signal calls
        assert FRAMES in qapp.styleSheet()
        monkeypatch.setattr(follower, "wanted", lambda: False)
        follower.follow()
        assert qapp.styleSheet() == sheet
    finally:
        follower.deleteLater()
