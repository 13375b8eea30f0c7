"""Every persistent window setting, declared once with its type and default, over QSettings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar, cast

from PySide6.QtCore import QByteArray, QSettings

from storage.db.paths import data_folder
from storage.i18n import LANGUAGE_SETTING
from storage.i18n import SETTINGS_FILENAME as I18N_SETTINGS_FILENAME

T = TypeVar("T")
SETTINGS_FILENAME = I18N_SETTINGS_FILENAME  # the command line reads the language from it too


@dataclass(frozen=True, slots=True)
class Option(Generic[T]):
    """One setting: where it is stored and what it is when never set."""

    key: str
    default: T


WINDOW_GEOMETRY = Option("window/geometry", QByteArray())
WINDOW_STATE = Option("window/state", QByteArray())
SPLITTER_STATE = Option("window/splitter", QByteArray())
TABLE_HEADER_STATE = Option("records/header", QByteArray())
LAST_VIEW = Option("records/view", "all")
LAST_SEARCH = Option("records/search", "")
LAST_STATUS_FILTER = Option("records/status_filter", "")
LAST_KIND_FILTER = Option("records/kind_filter", "")
LAST_PARTY_FILTER = Option("records/party_filter", "")
DETAIL_TAB = Option("detail/tab", 0)
EXPORT_FOLDER = Option("export/folder", "")
EXPORT_EXCEL = Option("export/excel", True)
EXPORT_DELIMITER = Option("export/delimiter", ",")
EXPORT_NOTES = Option("export/notes", True)
LAST_DATABASE_FOLDER = Option("database/folder", "")
# View > Language: "fr_CA", "uk", "en", or "" to follow the system; read at start-up, also by
# the command line (storage.i18n.chosen_language), hence the key shared with storage.
LANGUAGE = Option("/".join(LANGUAGE_SETTING), "")


class Settings:
    """Typed access to the settings file in the user's data folder."""

    def __init__(self, path: Path | None = None) -> None:
        location = path or data_folder() / SETTINGS_FILENAME
        self._store = QSettings(str(location), QSettings.Format.IniFormat)

    def get(self, option: Option[T]) -> T:
        """The stored value, or the default when unset or of the wrong type."""
        value = self._store.value(option.key, option.default)
        result: object = option.default
        if isinstance(option.default, bool):
            # INI files give booleans back as the strings "true" and "false".
            result = bool(value in (True, "true", "1", 1))
        elif isinstance(option.default, int):
            text = str(value)
            result = int(text) if text.lstrip("-").isdigit() else option.default
        elif isinstance(value, type(option.default)):
            result = value
        return cast(T, result)

    def set(self, option: Option[T], value: T) -> None:
        """Store a value."""
        self._store.setValue(option.key, value)

    def sync(self) -> None:
        """Write pending changes to disk now."""
        self._store.sync()
