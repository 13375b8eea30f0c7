"""File > Backups…: the database's verified backups, a backup now, and restoring one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui.dialogs import msgbox
from gui.tablemodel import Column, ViewsTableModel
from storage.db.backup import Backup, list_backups
from storage.errors import AccordsError
from storage.i18n import N_, _, format_number
from storage.service import AccordsService
from storage.wording import backup_reason

Index = QModelIndex | QPersistentModelIndex


class BackupsModel(ViewsTableModel):
    """The backups of one database, newest first."""

    columns = (
        Column(N_("Taken (UTC)"), lambda backup: f"{backup.taken_at:%Y-%m-%d %H:%M:%S}"),
        Column(N_("Why"), lambda backup: backup_reason(backup.reason)),
        Column(N_("Size"), lambda backup: _size(backup.path), numeric=True),
    )

    def backup(self, row: int) -> Backup:
        """The backup on a row."""
        return self.row_at(row)  # type: ignore[no-any-return]


class BackupsDialog(QDialog):
    """Lists backups; "Restore…" asks, then emits ``restoreRequested`` for the window manager."""

    restoreRequested = Signal(object)  # Backup

    def __init__(self, service: AccordsService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.setWindowTitle(_("Backups"))
        self.resize(560, 360)
        self.model = BackupsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Backups"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.where = QLabel()
        self.where.setWordWrap(True)
        self.backup_now = QPushButton(_("Back up now"))
        self.restore = QPushButton(_("Restore…"))
        close = QPushButton(_("Close"))
        self.backup_now.clicked.connect(self.take_backup)
        self.restore.clicked.connect(self.ask_restore)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_now)
        buttons.addWidget(self.restore)
        buttons.addStretch()
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.where)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        """Re-read the backup folder."""
        path = self.service.db.path
        self.model.set_rows(list_backups(path) if path else [])
        self.where.setText(
            _(
                "Backups are verified copies taken on opening (daily), before "
                "migrations, seeding and restores, and every 30 minutes of "
                "editing.\nFolder: {value}"
            ).format(
                value=path.with_name(path.stem + "-backups")
                if path
                else _("none (not a SQLite file)")
            )
        )
        self.restore.setEnabled(self.model.rowCount() > 0)
        if self.model.rowCount():
            self.table.selectRow(0)

    def take_backup(self) -> None:
        """Back up the database now."""
        try:
            self.service.db.backup("manual")
        except AccordsError as error:
            msgbox.inform(self, _("Backups"), str(error), warning=True)
        self.refresh()

    def ask_restore(self) -> None:
        """Confirm, then ask the window manager to restore the selected backup."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        chosen = self.model.backup(rows[0].row())
        msgbox.ask(
            self,
            _("Restore backup"),
            _(
                "Replace the database with the backup of {label}?\n\nThe current state "
                "is backed up first, so this can itself be undone by restoring that "
                "backup."
            ).format(label=chosen.label),
            lambda yes: self._restore(chosen) if yes else None,
            yes=_("Restore"),
            no=_("Cancel"),
        )

    def _restore(self, chosen: Backup) -> None:
        self.restoreRequested.emit(chosen)
        self.accept()


def _size(path: Path) -> str:
    try:
        size = path.stat().st_size
    except OSError:
        return _("missing")
    if size < 1024 * 1024:
        return _("{size} KiB").format(size=format_number(round(size / 1024)))
    return _("{size} MiB").format(size=format_number(round(size / 1048576, 1)))
