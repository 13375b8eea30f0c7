"""Following the system's high-contrast setting: fields framed in the text colour.

A high-contrast palette leaves styles such as Fusion drawing fields' frames in a shade of
the background, which vanishes on pure black or white; when the system asks for more
contrast (Qt's accessibility hints), every field is framed in the palette's text colour.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication

FRAMES = (
    "QLineEdit, QAbstractSpinBox, QTextEdit, QPlainTextEdit, QComboBox"
    " { border: 1px solid palette(window-text); }"
    " QTabBar::tab:selected { border: 2px solid palette(highlight); }"
)


def frame_fields(app: QApplication, on: bool) -> None:
    """Frame every field in the text colour (``on``), or leave fields to the style."""
    sheet = app.styleSheet().replace(FRAMES, "").strip()
    app.setStyleSheet(f"{sheet}\n{FRAMES}".strip() if on else sheet)


class ContrastFollower(QObject):
    """Frames the fields while the system asks for high contrast, and follows it changing."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        # Both held: PySide deletes the hints' C++ object with a style hints wrapper let go.
        self._style_hints = app.styleHints()
        self._hints = self._style_hints.accessibility()
        self._hints.contrastPreferenceChanged.connect(self.follow)
        self.follow()

    def wanted(self) -> bool:
        """Whether the system asks for high contrast."""
        return self._hints.contrastPreference() == Qt.ContrastPreference.HighContrast

    def follow(self) -> None:
        frame_fields(self._app, self.wanted())
