"""Start the desktop app: one QApplication, one main window per open database."""

from __future__ import annotations

import logging
import os
import signal
import socket
import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop, QLibraryInfo, QObject, QSocketNotifier, QTranslator, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QInputDialog, QLabel

from gui.crash import install_exception_hook, start_logging
from gui.dialogs import msgbox
from gui.dialogs.password import ask_password
from gui.mainwindow import APP_NAME, MainWindow
from storage import i18n
from storage.db.backup import Backup, damage, newest_verified, restore_backup
from storage.db.paths import resolve_database_url, sqlite_file
from storage.errors import AccordsError, DatabaseDamagedError, PasswordNeededError
from storage.i18n import N_, _
from storage.service import AccordsService
from storage.transfer.shipped import shipped_folder

logger = logging.getLogger("accords")
RESOURCES = shipped_folder("gui", "resources")
ICON_PATH = RESOURCES / "accords.svg"


def application(argv: list[str] | None = None) -> QApplication:
    """The running QApplication, created with Accords' name and icon if needed."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName("accords")
    if ICON_PATH.exists():
        app.setWindowIcon(QIcon(str(ICON_PATH)))
    install_qt_translations(app)
    from gui.highcontrast import ContrastFollower

    ContrastFollower(app)
    return app


def install_qt_translations(app: QApplication) -> QTranslator | None:
    """Translate Qt's own text (file dialogs, standard buttons) into the language in use, with
    the catalogue PySide6 ships (qtbase_<lang>.qm); English needs none."""
    language = i18n.current_language()
    if language == "en":
        return None
    translator = QTranslator(app)  # parented, so it lives as long as the application
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    # "fr_CA" finds qtbase_fr_CA.qm or, failing that, qtbase_fr.qm.
    if not translator.load(f"qtbase_{language}", folder):
        logger.warning("No Qt catalogue for %s in %s", language, folder)
        return None
    app.installTranslator(translator)
    return translator


def first_start_message(service: AccordsService) -> str:
    """What the status bar says about how the database was opened."""
    report = service.db.report
    if report.created and report.seeded_items:
        return _("Created a new database and filled it from the seeded article: {location}").format(
            location=report.location
        )
    if report.migrated_from:
        return _("Updated the database to the current schema: {location}").format(
            location=report.location
        )
    return ""


def recovery_message(service: AccordsService) -> str:
    """What the user is told after a damaged database was replaced by its newest backup."""
    report = service.db.report
    assert report.recovered_from is not None
    return _(
        "The database {location} was damaged. It was kept unchanged as "
        "{damaged_copy}, and the newest verified backup, taken {label}, was "
        "restored. Changes made after that backup are in the damaged copy only."
    ).format(
        location=report.location,
        damaged_copy=report.damaged_copy,
        label=report.recovered_from.label,
    )


UPDATING_TEXT = N_(
    "Updating the database to this version of Accords…\n"
    "This happens once; on a file of many records it can take a minute."
)


class UpdateNotice:
    """A small window that says the database is being updated, while a migration runs.

    Opening runs on the GUI thread before any window exists, and migrating a large file
    takes seconds: without a word on screen, Accords would look as if it never started.
    """

    def __init__(self) -> None:
        self.label: QLabel | None = None

    def show(self) -> None:
        """Put the notice on screen and paint it before the migration starts."""
        label = QLabel(_(UPDATING_TEXT))
        label.setWindowTitle(APP_NAME)
        label.setMargin(24)
        label.show()
        label.repaint()
        # Only what puts it on screen: clicks in a window already open wait for the update.
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        self.label = label

    def dismiss(self) -> None:
        """Take the notice away, if it was shown."""
        if self.label is not None:
            self.label.close()
            self.label.deleteLater()
            self.label = None


class WindowManager(QObject):
    """Keeps the open window and swaps it when the user opens another database."""

    def __init__(self) -> None:
        super().__init__()
        self.window: MainWindow | None = None
        self.wakeup: tuple[socket.socket, socket.socket] | None = None
        # The database a recovery question is about, and its file.
        self.pending: tuple[str | None, Path | None] = (None, None)
        self.password_for: str | None = None  # the database a password is asked for
        self.password_dialog: QInputDialog | None = None

    def restore(self, backup: Backup) -> None:
        """Put a backup in place of the open database and reopen it."""
        window = self.window
        if window is None or window.service.db.path is None:
            return
        path = window.service.db.path
        window.close()
        window.service.close()
        self.window = None
        try:
            restore_backup(path, backup)
        except AccordsError as error:
            msgbox.inform(
                None,
                APP_NAME,
                _("{error} The database was left as it was.").format(error=error),
                warning=True,
            )
        reopened = self.open(str(path))
        if reopened is not None:
            reopened.statusBar().showMessage(
                _("Restored the backup of {label}").format(label=backup.label), 15000
            )

    def _open_service(
        self, database: str | None, *, recover: bool = False
    ) -> AccordsService | None:
        """The service on ``database``, or None once the user has been told why not.

        A damaged database is only set aside (and a backup restored in its place) with
        ``recover``, which is given once the user has agreed to exactly that.
        """
        notice = UpdateNotice()
        try:
            return AccordsService.open(database, recover=recover, before_migrating=notice.show)
        except DatabaseDamagedError as error:
            if error.kept_aside is not None:  # agreed, and no backup: a new database, as asked
                logger.warning("%s", error)
                return self._open_service(database)
            self._offer_recovery(database, str(error))
        except PasswordNeededError as error:
            logger.warning("%s: asking for the password", error)
            self._ask_password(database)
        except AccordsError as error:
            logger.warning("Did not open %s: %s", database or "the default database", error)
            msgbox.inform(self.window, APP_NAME, str(error), warning=True)
        finally:
            notice.dismiss()  # messages above are not modal: they stay, the notice goes
        return None

    def _ask_password(self, database: str | None) -> None:
        """Ask for the server's password without blocking; a given one is tried at once."""
        self.password_for = database
        location = resolve_database_url(database).render_as_string(hide_password=True)
        dialog = ask_password(self.window, location)
        self.password_dialog = dialog  # with no window to own it, kept alive here
        dialog.textValueSelected.connect(self._password_given)
        dialog.rejected.connect(self._password_refused)

    @Slot(str)
    def _password_given(self, password: str) -> None:
        # libpq reads PGPASSWORD as it would from the shell: never on a command line, in a
        # log or in the settings, and gone when the program ends.
        os.environ["PGPASSWORD"] = password
        self.password_dialog = None
        self.open(self.password_for)

    @Slot()
    def _password_refused(self) -> None:
        self.password_dialog = None
        logger.info("No password given for %s", self.password_for)

    def _offer_recovery(self, database: str | None, refusal: str) -> None:
        """Ask before setting a damaged database aside; nothing changes unless the user agrees."""
        path = sqlite_file(resolve_database_url(database))
        if path is None:
            msgbox.inform(self.window, APP_NAME, refusal, warning=True)
            return
        reason = damage(path) or _("is damaged")
        backup = newest_verified(path)
        logger.warning("%s %s; asking before setting it aside", path, reason)
        if backup is None:
            question = _(
                "{path} {reason}, and there is no backup of it.\n\nKeep it aside "
                "unchanged (renamed {name}.damaged-<time>) and start a new database in "
                "its place?"
            ).format(path=path, reason=reason, name=path.name)
            yes = _("Start a new database")
        else:
            question = _(
                "{path} {reason}.\n\nKeep it aside unchanged (as {name}.damaged-<time>) "
                "and restore the newest verified backup, taken {label}? Changes made "
                "after that backup stay in the damaged copy only."
            ).format(path=path, reason=reason, name=path.name, label=backup.label)
            yes = _("Restore the backup")
        self.pending = (database, path)
        msgbox.ask(
            self.window, APP_NAME, question, self._recovery_answered, yes=yes, no=_("Cancel")
        )

    def _recovery_answered(self, agreed: bool) -> None:
        database, path = self.pending
        if agreed:
            logger.info("Setting %s aside and recovering it, as the user agreed", path)
            self.open(database, recover=True)  # on failure its message says why
            return
        logger.info("Recovery of %s cancelled; the file was left unchanged", path)
        if self.window is None:
            msgbox.inform(None, APP_NAME, _("{path} was left unchanged.").format(path=path))

    def report_unexpected(self, text: str) -> None:
        """Show an unexpected error; the app keeps running."""
        msgbox.inform(self.window, APP_NAME, text, warning=True)

    def open(self, database: str | None, *, recover: bool = False) -> MainWindow | None:
        """Open ``database`` in a new window; on failure say why and keep the current one."""
        service = self._open_service(database, recover=recover)
        if service is None:
            return None
        previous = self.window
        window = MainWindow(service)
        window.databaseRequested.connect(self.open)
        window.restoreRequested.connect(self.restore)
        window.show()
        if message := first_start_message(service):
            window.statusBar().showMessage(message, 15000)
        if service.db.report.recovered_from is not None:
            msgbox.inform(window, APP_NAME, recovery_message(service), warning=True)
        self.window = window
        window.opened.connect(
            lambda total: logger.info(
                "Window open on %s with %d records", service.db.location, total
            )
        )
        if previous is not None:
            previous.close()
            previous.service.close()
        return window


def run_app(database: str | None = None) -> int:
    """Run the desktop app until its window closes; returns the exit status."""
    app = application()
    start_logging()
    manager = WindowManager()
    install_exception_hook(manager.report_unexpected)
    _quit_cleanly_on_terminate(manager)
    if manager.open(database) is None:
        # The only window could not open: a message or question is up; quit when it closes
        # (after a recovery the user agreed to, when the window that opened closes).
        app.setQuitOnLastWindowClosed(True)
    status = app.exec()
    if manager.window is None:
        return status or 1
    manager.window.service.close()
    return status


def _quit_cleanly_on_terminate(manager: WindowManager) -> None:
    """On SIGTERM or SIGINT, close the window as if the user had (notes saved, settings kept).

    Python runs signal handlers only when it gets control, which Qt's event loop does not
    give it; a wake-up socket watched by a QSocketNotifier hands the signal to the loop.
    """
    reader, writer = socket.socketpair()
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, manager)

    def on_wake() -> None:
        reader.recv(64)
        if manager.window is not None:
            manager.window.close()
        QApplication.quit()

    notifier.activated.connect(on_wake)
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda *_args: None)
    manager.wakeup = (reader, writer)  # keep both ends open as long as the app runs
