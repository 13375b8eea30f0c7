"""The window's reflection of what the database user may change: the server's grants decide."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel

if TYPE_CHECKING:
    from gui.mainwindow import MainWindow

VIEWER = "Read-only: your database user may read this database but not change it."
READ_ONLY_FILE = "Read-only: you may not write this database file (or its folder)."


def reflect_access(window: MainWindow) -> None:
    """In a database this user may only read, say "read-only" and disable every edit.

    What only admins may change (exchange rates, dismissals) the dashboard and the findings
    panel disable themselves, as they are built.
    """
    db = window.service.db
    if not db.read_only:
        return
    window.setWindowTitle(f"{window.windowTitle()} (read-only)")
    label = QLabel("Read-only")
    label.setAccessibleName("Read-only")
    label.setToolTip(VIEWER if db.path is None else READ_ONLY_FILE)
    window.statusBar().addPermanentWidget(label)
    window.detail.set_database_read_only(VIEWER if db.path is None else READ_ONLY_FILE)
    window.menus.show_trash_actions(in_trash=window.current_query().trash)
