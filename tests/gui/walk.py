"""A walk through the whole window: every pane, detail tab, dock, dashboard tab, menu and dialog.

``walk(window, qtbot)`` opens each place in turn and yields a ``Stop`` naming it, with its
root widget; ``shown_widgets(stop.root)`` lists what a user sees there. Dialogs are opened
by their menu actions (they never block) and closed before the next stop. Tests for
accessibility and for translations walk the same places.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMenu, QTabWidget, QWidget

if TYPE_CHECKING:
    from gui.mainwindow import MainWindow

# A record with every tab filled (a pledge: the Deliveries tab shows too).
RECORD = "september-2025-drones-ammunition-armored-vehicles"
# Menu actions that change data or leave the window, rather than open a place to look at.
NOT_PLACES = {
    "Quit",
    "Delete",
    "Restore from trash",
    "Undo",
    "Redo",
    "Find",
    "Next pane",
    "Previous pane",
}


@dataclass(frozen=True)
class Stop:
    """One place of the walk: what it is called, and the widget that holds it."""

    place: str
    root: QWidget


def shown_widgets(root: QWidget) -> list[QWidget]:
    """``root`` and every widget under it that is shown now (not hidden, not on a hidden tab)."""
    found = [root] if root.isVisible() else []
    for child in root.findChildren(QWidget):
        if child.isVisible() and not child.isWindow():
            found.append(child)
    return found


def menu_actions(menu: QMenu, path: str = "") -> Iterator[tuple[str, QAction]]:
    """(path, action) of every action in ``menu`` and its submenus, separators aside."""
    for action in menu.actions():
        if action.isSeparator():
            continue
        here = f"{path} > {action.text()}" if path else action.text()
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            submenu.aboutToShow.emit()  # menus filled when opened (View > Columns)
            yield here, action
            yield from menu_actions(submenu, here)
        else:
            yield here, action


def window_menus(window: MainWindow) -> Iterator[tuple[str, QAction]]:
    """Every action of the window's menu bar, with its menu path ("&View > &Columns > Due")."""
    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu):
            yield action.text(), action
            yield from menu_actions(menu, action.text())


def walk(window: MainWindow, qtbot: Any) -> Iterator[Stop]:
    """Open every place of ``window`` in turn, yielding each once it is shown."""
    qtbot.waitUntil(lambda: window.first_paint.done)
    window.select_record(window.service.records.resolve_id(RECORD))
    yield Stop("navigation", window.nav_view)
    yield Stop("records", window.records_pane)
    yield from _tabs(window.detail, "details")
    yield from _docks(window, qtbot)
    yield from _dialogs(window, qtbot)


def _tabs(tabs: QTabWidget, place: str) -> Iterator[Stop]:
    for number in range(tabs.count()):
        if not tabs.isTabVisible(number):
            continue
        tabs.setCurrentIndex(number)
        QApplication.processEvents()
        yield Stop(f"{place}: {tabs.tabText(number)}", tabs.parentWidget() or tabs)


def _docks(window: MainWindow, qtbot: Any) -> Iterator[Stop]:
    window.dashboard_dock.show()
    window.dashboard_dock.raise_()
    dashboard = window.dashboard
    qtbot.waitUntil(lambda: dashboard.figures is not None and not dashboard.busy, timeout=20000)
    for stop in _tabs(dashboard.tabs, "dashboard"):
        yield Stop(stop.place, window.dashboard_dock)
    window.findings_dock.show()
    window.findings_dock.raise_()
    findings = window.findings
    qtbot.waitUntil(findings.isVisible)
    yield Stop("findings", window.findings_dock)


def _dialogs(window: MainWindow, qtbot: Any) -> Iterator[Stop]:
    """Each action that opens a dialog of the application's own; Qt's (files) aside."""
    for path, action in list(window_menus(window)):
        text = action.text().replace("&", "")
        if action.menu() or action.isCheckable() or text in NOT_PLACES or not action.isEnabled():
            continue
        before = set(QApplication.topLevelWidgets())
        action.trigger()
        QApplication.processEvents()
        opened = [
            shown
            for shown in QApplication.topLevelWidgets()
            if shown not in before and isinstance(shown, QDialog) and shown.isVisible()
        ]
        for dialog in opened:
            if not isinstance(dialog, QFileDialog):
                qtbot.waitExposed(dialog)
                yield Stop(f"dialog: {path}", dialog)
            dialog.reject()
        QApplication.processEvents()
