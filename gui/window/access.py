"""The window's reflection of what the database user may change: the server's grants decide."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel

from storage.i18n import N_, _

if TYPE_CHECKING:
    from gui.mainwindow import MainWindow

VIEWER = N_("Read-only: your database user may read this database but not change it.")
READ_ONLY_FILE = N_("Read-only: you may not write this database file (or its folder).")


def reflect_access(window: MainWindow) -> None:
    """In a database this user may only read, say "read-only" and disable every edit.

    What only admins may change (exchange rates, dismissals) the dashboard and the findings
    panel disable themselves, as they are built.
    """
    db = window.service.db
    if not db.read_only:
        return
    window.setWindowTitle(_("{windowTitle} (read-only)").format(windowTitle=window.windowTitle()))
    label = QLabel(_("Read-only"))
    label.setAccessibleName(_("Read-only"))
    label.setToolTip(_(VIEWER if db.path is None else READ_ONLY_FILE))
    window.statusBar().addPermanentWidget(label)
    window.detail.set_database_read_only(_(VIEWER if db.path is None else READ_ONLY_FILE))
    window.menus.show_trash_actions(in_trash=window.current_query().trash)
