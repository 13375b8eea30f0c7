"""Window settings: typed values over an INI file, defaults for what is unset or malformed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from gui.settings import (
    DETAIL_TAB,
    EXPORT_EXCEL,
    LANGUAGE,
    LAST_SEARCH,
    SETTINGS_FILENAME,
    WINDOW_GEOMETRY,
    Option,
    Settings,
)
from storage.i18n import chosen_language


def test_unset_options_give_their_defaults(tmp_path: Path) -> None:
    settings = Settings(tmp_path / "settings.ini")
    assert settings.get(LAST_SEARCH) == ""
    assert settings.get(DETAIL_TAB) == 0
    assert settings.get(EXPORT_EXCEL) is True
    assert settings.get(WINDOW_GEOMETRY) == QByteArray()


def test_values_survive_a_new_settings_object_with_their_types(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    first = Settings(path)
    first.set(LAST_SEARCH, "drones")
    first.set(DETAIL_TAB, 3)
    first.set(EXPORT_EXCEL, False)
    first.set(WINDOW_GEOMETRY, QByteArray(b"\x01\x02"))
    first.sync()
    second = Settings(path)
    assert second.get(LAST_SEARCH) == "drones"
    assert second.get(DETAIL_TAB) == 3
    assert second.get(EXPORT_EXCEL) is False
    assert second.get(WINDOW_GEOMETRY) == QByteArray(b"\x01\x02")


def test_a_malformed_value_gives_the_default(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    raw = QSettings(str(path), QSettings.Format.IniFormat)
    raw.setValue(DETAIL_TAB.key, "second")
    raw.sync()
    settings = Settings(path)
    assert settings.get(DETAIL_TAB) == 0
    assert settings.get(Option("records/negative", 5)) == 5
    raw.setValue("records/negative", "-2")
    raw.sync()
    assert Settings(path).get(Option("records/negative", 5)) == -2


def test_without_a_path_the_file_is_in_the_data_folder(isolated_data_folder: Path) -> None:
    settings = Settings()
    settings.set(LAST_SEARCH, "kept")
    settings.sync()
    assert (isolated_data_folder / SETTINGS_FILENAME).exists()


def test_the_language_chosen_here_is_the_one_the_command_line_reads(
    isolated_data_folder: Path,
) -> None:
    settings = Settings()
    settings.set(LANGUAGE, "uk")
    settings.sync()
    assert chosen_language(isolated_data_folder / SETTINGS_FILENAME) == "uk"
