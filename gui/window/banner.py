"""The notice above the detail pane that says why a record cannot be edited."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from gui.detail.pane import IN_THE_TRASH
from storage.i18n import _

# The tooltip's colours: a notice apart from the window, in the system's theme (high contrast too).
STYLE = (
    "background: palette(tool-tip-base); color: palette(tool-tip-text); padding: 6px;"
    " border: 1px solid palette(tool-tip-text); border-radius: 3px;"
)


class TrashBanner(QLabel):
    """Hidden until a record in the trash is shown (its link asks to restore the record) or
    the database may only be read."""

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName(_("Trash notice"))
        self.setWordWrap(True)
        self.setStyleSheet(STYLE)
        self.hide()

    def show_reason(self, reason: str) -> None:
        """Say why the record cannot be edited, with the way out ("": nothing to say)."""
        if reason == _(IN_THE_TRASH):
            self.setText(_('{reason} <a href="restore">Restore it</a>').format(reason=reason))
        elif reason:
            self.setText(reason)
        self.setVisible(bool(reason))
