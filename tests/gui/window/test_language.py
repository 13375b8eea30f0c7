"""View > Language: the choices offered, the one checked, and a choice kept for the next start."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMainWindow, QMenu
from pytestqt.qtbot import QtBot

from gui import settings as opt
from gui.settings import Settings
from gui.window.language import AT_NEXT_START, LanguageMenu
from storage import i18n


@pytest.fixture
def main(qtbot: QtBot) -> QMainWindow:
    window = QMainWindow()
    qtbot.addWidget(window)
    return window


def built(main: QMainWindow, settings: Settings) -> LanguageMenu:
    return LanguageMenu(main, QMenu("Language", main), settings)


def test_the_system_language_then_each_language_by_its_own_name(
    main: QMainWindow, settings: Settings
) -> None:
    menu = built(main, settings)
    actions = menu.menu.actions()
    assert [a.data() for a in actions] == ["", *i18n.LANGUAGES]
    assert [a.text() for a in actions[1:]] == list(i18n.LANGUAGES.values())
    assert i18n.LANGUAGES[i18n.system_language()] in actions[0].text()
    assert [a.isChecked() for a in actions] == [True] + [False] * len(i18n.LANGUAGES)


def test_the_stored_choice_is_the_one_checked(main: QMainWindow, settings: Settings) -> None:
    settings.set(opt.LANGUAGE, "fr_CA")
    checked = [a.data() for a in built(main, settings).menu.actions() if a.isChecked()]
    assert checked == ["fr_CA"]


def test_choosing_keeps_the_language_and_says_so_in_it(
    main: QMainWindow, settings: Settings
) -> None:
    menu = built(main, settings)
    ukrainian = next(a for a in menu.menu.actions() if a.data() == "uk")
    ukrainian.trigger()
    assert settings.get(opt.LANGUAGE) == "uk" and ukrainian.isChecked()
    said = main.statusBar().currentMessage()
    in_ukrainian = i18n.in_language("uk", AT_NEXT_START)
    assert in_ukrainian != AT_NEXT_START  # the catalogue has it
    assert said == f"{AT_NEXT_START} {in_ukrainian}"


def test_choosing_the_systems_language_stores_no_language(
    main: QMainWindow, settings: Settings
) -> None:
    settings.set(opt.LANGUAGE, "uk")
    menu = built(main, settings)
    menu.menu.actions()[0].trigger()
    assert settings.get(opt.LANGUAGE) == ""
