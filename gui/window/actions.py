"""The window's menus, and the actions they trigger that belong to no other part: new,
delete and restore records, open another database, backups, about."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from gui import settings as opt
from gui.dialogs import msgbox
from gui.operations.records import CreateRecordCommand, DeleteRecordsCommand
from gui.undo import ServiceCommand
from gui.window import APP_NAME
from gui.window.keys import PaneCycle, assign_all_mnemonics, pane_keys
from gui.window.language import LanguageMenu
from storage.db.paths import data_folder
from storage.errors import AccordsError
from storage.i18n import _
from storage.schema.enums import RecordKind

if TYPE_CHECKING:
    from gui.dialogs.backups import BackupsDialog
    from gui.dialogs.new_record import NewRecordDialog
    from gui.dialogs.parties import PartiesDialog
    from gui.mainwindow import MainWindow


class WindowActions(QObject):
    """Builds the menu bar (File, Edit, View, Help) and carries out what it offers."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._service = window.service
        menu = window.menuBar()
        self._build_file_menu(menu.addMenu(_("&File")))
        self._build_edit_menu(menu.addMenu(_("&Edit")))
        self._build_view_menu(menu.addMenu(_("&View")))
        self._action(menu.addMenu(_("&Help")), _("&About Accords"), None, self.show_about)
        assign_all_mnemonics(menu)

    def _build_file_menu(self, file_menu: QMenu) -> None:
        jobs = self._window.jobs
        window_imports = self._window.imports
        self.open_action = self._action(
            file_menu, _("&Open database…"), QKeySequence.StandardKey.Open, self.choose_database
        )
        self.export_action = self._action(
            file_menu, _("&Export CSV…"), QKeySequence("Ctrl+E"), jobs.show_export_dialog
        )
        self._action(
            file_menu,
            _("Print / Export &PDF brief…"),
            QKeySequence.StandardKey.Print,
            jobs.show_brief_dialog,
        )
        self.import_action = self._action(
            file_menu, _("&Import source…"), QKeySequence("Ctrl+I"), window_imports.choose_file
        )
        self._action(file_menu, _("&Backups…"), None, self.show_backups)
        file_menu.addSeparator()
        self._action(file_menu, _("&Quit"), QKeySequence.StandardKey.Quit, self._window.close)

    def _build_edit_menu(self, edit_menu: QMenu) -> None:
        stack = self._window.undo_stack.stack
        self.undo_action = stack.createUndoAction(self._window, _("&Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = stack.createRedoAction(self._window, _("&Redo"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        self.new_document_action = self._action(
            edit_menu,
            _("New &document…"),
            QKeySequence("Ctrl+N"),
            lambda: self.show_new_record(RecordKind.DOCUMENT),
        )
        self.new_pledge_action = self._action(
            edit_menu,
            _("New &pledge…"),
            QKeySequence("Ctrl+Shift+N"),
            lambda: self.show_new_record(RecordKind.PLEDGE),
        )
        self.delete_action = self._action(
            edit_menu, _("&Delete"), QKeySequence.StandardKey.Delete, self.delete_selected
        )
        self.restore_action = self._action(
            edit_menu, _("&Restore from trash"), QKeySequence("Ctrl+Shift+R"), self.restore_selected
        )
        self.paste_source_action = self._action(
            edit_menu, _("Paste as &source"), None, self._window.imports.paste
        )
        self.parties_action = self._action(edit_menu, _("P&arties…"), None, self.show_parties)
        edit_menu.addSeparator()
        focus_search = self._window.filters.focus_search
        self._action(edit_menu, _("&Find"), QKeySequence.StandardKey.Find, focus_search)

    def _build_view_menu(self, view_menu: QMenu) -> None:
        window = self._window
        self.columns_menu = view_menu.addMenu(_("&Columns"))
        self.columns_menu.aboutToShow.connect(
            lambda: window.table.fill_columns_menu(self.columns_menu)
        )
        view_menu.addAction(self._toggle(_("Show &navigation"), window.nav_view))
        view_menu.addAction(self._toggle(_("Show &details"), window.detail_box))
        view_menu.addSeparator()
        dashboard = window.dashboard_dock.toggleViewAction()
        dashboard.setShortcut(QKeySequence("Ctrl+Shift+D"))
        view_menu.addAction(dashboard)
        findings = window.findings_dock.toggleViewAction()
        findings.setShortcut(QKeySequence("Ctrl+Shift+K"))
        view_menu.addAction(findings)
        view_menu.addSeparator()
        self.panes = PaneCycle(
            [
                (window.nav_view, lambda: window.nav_view),
                (window.records_pane, lambda: window.table),
                (window.detail_box, window.detail.tabBar),
            ],
            self,
        )
        for action in pane_keys(window, self.panes):
            view_menu.addAction(action)
            window.addAction(action)
        self.language = LanguageMenu(window, view_menu.addMenu(_("&Language")), window.settings)

    def _action(self, menu: QMenu, text: str, keys: object, slot: object) -> QAction:
        action = QAction(text, self._window)
        if isinstance(keys, QKeySequence.StandardKey | QKeySequence):
            action.setShortcut(keys)
        action.triggered.connect(slot)
        menu.addAction(action)
        self._window.addAction(action)
        return action

    def _toggle(self, text: str, widget: QWidget) -> QAction:
        action = QAction(text, self._window)
        action.setCheckable(True)
        action.setChecked(True)
        action.toggled.connect(widget.setVisible)
        return action

    def show_trash_actions(self, *, in_trash: bool) -> None:
        """Offer Restore in the trash and Delete elsewhere (neither where nothing may change)."""
        writable = not self._service.db.read_only
        self.restore_action.setEnabled(writable and in_trash)
        self.delete_action.setEnabled(writable and not in_trash)
        self.new_document_action.setEnabled(writable)
        self.new_pledge_action.setEnabled(writable)
        self.import_action.setEnabled(writable)
        self.paste_source_action.setEnabled(writable)
        self.parties_action.setEnabled(writable)

    # -- records ----------------------------------------------------------------------

    def show_new_record(self, kind: RecordKind) -> NewRecordDialog:
        """Open the New document / New pledge dialog (non-modal)."""
        from gui.dialogs.new_record import NewRecordDialog

        dialog = NewRecordDialog(kind, self._service, self._window)
        dialog.created.connect(self._create)
        dialog.open()
        return dialog

    def _create(self, kind: RecordKind, fields: dict[str, object]) -> None:
        command = CreateRecordCommand(self._service, self._window.undo_stack, kind, fields)
        if self._perform(command) and command.record_id is not None:
            self._window.select_record(command.record_id)

    def show_parties(self) -> PartiesDialog:
        """Open Edit > Parties… (non-modal): add a party, such as a ministry, or rename one."""
        from gui.dialogs.parties import PartiesDialog

        dialog = PartiesDialog(self._service, self._window.undo_stack, self._window)
        dialog.open()
        return dialog

    def delete_selected(self) -> None:
        """Move the selected records to the trash (undoable)."""
        if ids := self._window.selected_ids():
            self._perform(DeleteRecordsCommand(self._service, self._window.undo_stack, ids))

    def restore_selected(self) -> None:
        """Bring the selected records back from the trash (undoable)."""
        if ids := self._window.selected_ids():
            self._restore(ids)

    def restore_shown(self) -> None:
        """Bring the record the pane shows back from the trash (undoable)."""
        shown = self._window.detail.current_record()
        if shown is not None and shown.row.deleted:
            self._restore([shown.id])

    def _restore(self, ids: list[int]) -> None:
        stack = self._window.undo_stack
        self._perform(DeleteRecordsCommand(self._service, stack, ids, restore=True))

    def _perform(self, command: ServiceCommand) -> bool:
        return self._window.undo_stack.perform(command, on_refused=self._refused)

    def _refused(self, error: AccordsError) -> None:
        msgbox.inform(self._window, APP_NAME, str(error), warning=True)

    # -- the database -----------------------------------------------------------------

    def show_backups(self) -> BackupsDialog:
        """Open File > Backups… (non-modal)."""
        from gui.dialogs.backups import BackupsDialog

        dialog = BackupsDialog(self._service, self._window)
        dialog.restoreRequested.connect(self._window.restoreRequested.emit)
        dialog.open()
        return dialog

    def choose_database(self) -> None:
        """Ask for another database file to open (non-modal)."""
        from PySide6.QtWidgets import QFileDialog

        # Beside the file open now: the one the user is most likely to want is next to it.
        current = self._service.db.path
        settings = self._window.settings
        folder = (
            str(current.parent)
            if current is not None
            else settings.get(opt.LAST_DATABASE_FOLDER) or str(data_folder())
        )
        dialog = QFileDialog(
            self._window,
            _("Open database"),
            folder,
            _("Accords databases (*.sqlite3 *.sqlite *.db);;All files (*)"),
        )
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.fileSelected.connect(self.database_chosen)
        dialog.open()

    def database_chosen(self, path: str) -> None:
        """Remember the folder, and ask for the file to be opened."""
        self._window.settings.set(opt.LAST_DATABASE_FOLDER, str(Path(path).parent))
        self._window.databaseRequested.emit(path)

    def show_about(self) -> None:
        """Version, data folder and database path."""
        from importlib.metadata import PackageNotFoundError, version

        try:
            release = version("accords")
        except PackageNotFoundError:
            release = "development"
        msgbox.inform(
            self._window,
            _("About Accords"),
            _(
                "Accords {release}\n\nTrack signed agreements and pledges, their status, "
                "notes and the sentences they come from.\n\nData folder: "
                "{data_folder}\nDatabase: {location}"
            ).format(
                release=release, data_folder=data_folder(), location=self._service.db.location
            ),
        )
