"""The window in French and in Ukrainian: every window, dialog, menu and dock walked for text
left in English (names, numbers and the record's own data aside)."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from gui.dialogs.password import ask_password
from gui.mainwindow import MainWindow
from gui.settings import Settings
from storage import i18n
from storage.schema.enums import LABELS, RecordKind
from storage.service import AccordsService
from tests.storage.api.test_imports import ARTICLE
from tools import catalogues

# Words that are names in every language: the program, formats, currencies, keys.
NAMES = {
    "accords", "csv", "pdf", "png", "svg", "iso", "cad", "usd", "utc", "markdown", "excel",
    "sqlite", "utf", "bom", "enter", "letter", "english", "yyyy", "dd", "mm", "nul",
    "postgresql", "psql", "slug", "id", "https", "http", "www", "db", "sqlite3", "tmp", "rr",
}  # fmt: skip
WORD = re.compile(r"[A-Za-z][A-Za-z']+")
PLACEHOLDER = re.compile(r"\{[^}]*\}|<[^>]*>|%\(?\w*\)?[sd]")  # not words of the text
QUOTE = re.compile(r"“[^”]*”")  # a quote from a source, the record's own words
PATH = re.compile(r"\S*/\S*")  # a file's path is a name
ELIDED = re.compile(r"([^\n]+)…")  # text cut short by the view, up to its ellipsis
SEGMENTS = re.compile(r"[·—:;,()\[\]\n«»“”→]| - ")


@cache
def english_words() -> frozenset[str]:
    """Every word of the application's English text."""
    template = catalogues.read(catalogues.TEMPLATE)
    words: set[str] = set()
    for message in template:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        for text in ids:
            words.update(w.lower() for w in WORD.findall(PLACEHOLDER.sub(" ", text)))
    return frozenset(words)


@cache
def translated_words(language: str) -> frozenset[str]:
    """Every word of the language's translations: French shares many with English."""
    catalog = catalogues.read(catalogues.po_path(language))
    words: set[str] = set()
    for message in catalog:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            words.update(w.lower() for w in WORD.findall(PLACEHOLDER.sub(" ", text or "")))
    return frozenset(words)


def database_text(db_path: Path) -> list[str]:
    """The database's own text (titles, names, quotes, tags, units...), longest first; the
    closed vocabularies' codes ("about", "military") are not data: their labels are translated."""
    codes = {value.lower() for value in LABELS}
    values: set[str] = set()
    with sqlite3.connect(db_path) as connection:
        query = "SELECT name FROM sqlite_master WHERE type='table'"
        for (table,) in connection.execute(query).fetchall():
            for row in connection.execute(f'SELECT * FROM "{table}"'):
                values.update(v.lower() for v in row if isinstance(v, str) and 2 < len(v) < 300)
    return sorted(values - codes, key=len, reverse=True)


def long_database_text(db_path: Path) -> list[str]:
    """The database's long text (a source's article), whose words an import proposes."""
    with sqlite3.connect(db_path) as connection:
        found = connection.execute("SELECT text FROM sources").fetchall()
    return [" ".join(text.lower().split()) for (text,) in found if isinstance(text, str)]


class EnglishFinder:
    """Says which visible strings are still English."""

    def __init__(self, language: str, db_path: Path) -> None:
        self.suspect = english_words() - translated_words(language) - NAMES
        self.data = database_text(db_path)
        self.long_texts = long_database_text(db_path)
        self.codes = frozenset(LABELS)
        self.found: dict[str, str] = {}

    def check(self, where: str, text: str) -> None:
        """Record ``text`` (shown at ``where``) when a part of it is English, not data."""
        plain = re.sub(r"<[^>]*>", "\n", text.replace("&&", "\0").replace("&", ""))
        plain = PATH.sub(" ", QUOTE.sub(" ", plain.replace("\0", "&")))
        plain = self._without_data(plain.lower())
        for segment in SEGMENTS.split(plain):
            part = segment.strip(" .…*'\"")
            if part in self.codes:
                continue  # a stored code as an editor shows and takes it ("military")
            if len(part) > 10 and any(part in text for text in self.long_texts):
                continue  # words of a stored source's text, as an import proposes them
            english = [w for w in WORD.findall(part) if w in self.suspect]
            if english:
                self.found[f"{where}: {text!r}"] = ", ".join(english)

    def _without_data(self, text: str) -> str:
        """``text`` with the database's text taken out; a tag is shown spaced and capitalised
        ("Defense capability building" for "defense-capability-building")."""
        text = ELIDED.sub(self._unless_data, text)
        for value in self.data:
            spaced = value.replace("-", " ")
            if value in text or spaced in text:
                text = text.replace(value, "\n").replace(spaced, "\n")
        return text

    def _unless_data(self, elided: re.Match[str]) -> str:
        """A title cut short to fit ("Ukraine and Canada signed…") is still the data."""
        start = elided.group(1).strip()
        if len(start) > 10 and any(value.startswith(start) for value in self.data):
            return "\n"
        return elided.group(0)


@pytest.fixture(params=["fr_CA", "uk"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    """The catalogues compiled and ``request.param`` in use, Qt's own text included."""
    from gui.app import install_qt_translations

    catalogues.compile_all()
    assert i18n.install(request.param) == request.param
    translator = install_qt_translations(qapp)
    yield request.param
    if translator is not None:
        qapp.removeTranslator(translator)
    i18n.install("en")


@pytest.fixture
def translated(
    qtbot, language: str, service: AccordsService, tmp_path: Path
) -> Iterator[MainWindow]:
    """The window, built once the language is in use, with every dock, tab and dialog open."""
    window = MainWindow(service, Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.first_paint.done)
    window.select_record(
        service.records.resolve_id("september-2025-drones-ammunition-armored-vehicles")
    )
    for tab in range(window.detail.count()):
        window.detail.setCurrentIndex(tab)
        qtbot.wait(20)
    window.dashboard_dock.show()
    qtbot.waitUntil(
        lambda: not window.dashboard.busy and not window.dashboard.waiting_for_quiet, timeout=10_000
    )
    for tab in range(window.dashboard.tabs.count()):
        window.dashboard.tabs.setCurrentIndex(tab)
        qtbot.wait(50)
    window.findings_dock.show()
    window.findings.refresh()
    qtbot.wait(200)
    window.table.fill_columns_menu(window.menus.columns_menu)
    open_dialogs(window)
    import_a_source(qtbot, window, tmp_path)
    ask_password(window, "postgresql://analyst@db.example.org/accords")
    yield window
    for dialog in window.findChildren(QDialog):
        dialog.close()
    window.close()


def open_dialogs(window: MainWindow) -> None:
    """Every dialog the window offers without a file chooser or a question."""
    window.jobs.show_export_dialog()
    window.jobs.show_brief_dialog()
    window.menus.show_backups()
    window.menus.show_new_record(RecordKind.PLEDGE)
    window.menus.show_new_record(RecordKind.DOCUMENT)
    window.detail.status_tab.open_dialog()
    window.menus.show_parties()


def import_a_source(qtbot: QtBot, window: MainWindow, folder: Path) -> None:
    """Import an article, as a file chooser would, and wait for its proposals dialog; then
    show the new source's tab, quotes and proposals included."""
    path = folder / "carney.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    window.imports.import_file(str(path))
    qtbot.waitUntil(lambda: window.imports.dialog is not None, timeout=10_000)


def walk(finder: EnglishFinder, root: QWidget) -> int:
    """Check every string a widget under ``root`` shows; the count of widgets walked."""
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        name = f"{type(widget).__name__}({widget.objectName() or widget.accessibleName()})"
        for text in shown_texts(widget):
            finder.check(name, text)
        for action in widget.actions():
            check_action(finder, name, action)
    return len(widgets)


def check_action(finder: EnglishFinder, where: str, action: QAction) -> None:
    """A menu's action, its tips, and its submenu's actions."""
    for text in (action.text(), action.toolTip(), action.statusTip()):
        if text:
            finder.check(f"{where} action", text)
    menu = action.menu()
    if isinstance(menu, QMenu):
        for inner in menu.actions():
            check_action(finder, f"{where} > {action.text()}", inner)


def shown_texts(widget: QWidget) -> Iterator[str]:
    """The text a reader sees or hears on ``widget``, without the data it edits."""
    yield widget.toolTip()
    yield widget.windowTitle() if widget.isWindow() or isinstance(widget, QDockWidget) else ""
    yield widget.accessibleName()
    yield widget.accessibleDescription()
    if isinstance(widget, QLabel | QAbstractButton):
        yield widget.text()
    if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
        yield widget.placeholderText()  # the text itself is the record's
    if isinstance(widget, QGroupBox):
        yield widget.title()
    if isinstance(widget, QComboBox):
        yield from (widget.itemText(i) for i in range(widget.count()))
    if isinstance(widget, QTabBar):
        for i in range(widget.count()):
            yield widget.tabText(i)
            yield widget.tabToolTip(i)
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        yield from model_texts(widget)


def columns(model: QAbstractItemModel, parent: QModelIndex) -> int:
    """A model's column count; a list model (whose count Qt keeps private) has one."""
    return 1 if isinstance(model, QAbstractListModel) else model.columnCount(parent)


def model_texts(view: QAbstractItemView) -> Iterator[str]:
    """A view's headers and the text of its first rows (the data among them is allowed)."""
    model = view.model()
    for column in range(columns(model, QModelIndex())):
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = model.headerData(column, Qt.Orientation.Horizontal, role)
            yield value if isinstance(value, str) else ""
    pending = [QModelIndex()]
    while pending:
        parent = pending.pop()
        for row in range(min(model.rowCount(parent), 40)):
            for column in range(columns(model, parent)):
                index = model.index(row, column, parent)
                value = model.data(index, Qt.ItemDataRole.DisplayRole)
                yield value if isinstance(value, str) else ""
            pending.append(model.index(row, 0, parent))


def test_nothing_is_left_in_english(translated: MainWindow, language: str, db_path: Path) -> None:
    finder = EnglishFinder(language, db_path)
    walked = walk(finder, translated)
    for top in QApplication.topLevelWidgets():
        if top is not translated and top.isVisible():
            walked += walk(finder, top)
    for action in translated.menuBar().actions():
        check_action(finder, "menu bar", action)
    assert walked > 300  # the walk reached the docks and dialogs, not only the frame
    assert not finder.found, "\n".join(f"{k} -> {v}" for k, v in sorted(finder.found.items()))


def test_the_finder_catches_english(language: str, db_path: Path, service: AccordsService) -> None:
    """The walk can fail: an English label is caught, a translated one and a title are not."""
    finder = EnglishFinder(language, db_path)
    finder.check("label", "Show dismissed")
    finder.check("label", i18n._("Show dismissed"))
    title = service.records.get_record(
        service.records.resolve_id("september-2025-drones-ammunition-armored-vehicles")
    ).row.title
    finder.check("title", title)
    assert list(finder.found) == ["label: 'Show dismissed'"]
