"""View > Language: the language the window and the command line use from their next start."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMainWindow, QMenu

from gui import settings as opt
from gui.settings import Settings
from storage import i18n
from storage.i18n import N_, _

# Said when a language is chosen, in the current language and in the chosen one.
AT_NEXT_START = N_("The language changes at the next start of Accords.")


class LanguageMenu(QObject):
    """The choices (the system's, then each language by its own name), one checked; choosing
    one stores it in the settings: text already on screen stays as it is until Accords starts
    again, as Qt's own dialogs and every module's text are set up once at start."""

    def __init__(self, window: QMainWindow, menu: QMenu, settings: Settings) -> None:
        super().__init__(window)
        self._window = window
        self._settings = settings
        self.menu = menu
        self.group = QActionGroup(self)
        chosen = settings.get(opt.LANGUAGE)
        system = i18n.LANGUAGES[i18n.system_language()]
        choices = {"": _("System language ({name})").format(name=system), **i18n.LANGUAGES}
        for code, name in choices.items():
            action = QAction(name, self.group)
            action.setCheckable(True)
            action.setChecked(code == chosen)
            action.setData(code)
            action.setStatusTip(_(AT_NEXT_START))
            menu.addAction(action)
        self.group.triggered.connect(self.choose)

    def choose(self, action: QAction) -> None:
        """Keep the chosen language for the next start, and say when it takes effect."""
        code = str(action.data() or "")
        self._settings.set(opt.LANGUAGE, code)
        self._settings.sync()
        now = _(AT_NEXT_START)
        target = i18n.in_language(code or i18n.system_language(), AT_NEXT_START)
        message = now if target == now else f"{now} {target}"
        self._window.statusBar().showMessage(message, 15000)
