"""The keyboard's way round the window: a mnemonic for every menu entry, and F6 between panes."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QMenuBar, QWidget

from storage.i18n import _


def mnemonic(text: str) -> str:
    """The letter after a single ``&`` in ``text``, lower-cased, or "" for none."""
    plain = text.replace("&&", "")
    at = plain.find("&")
    return plain[at + 1].lower() if 0 <= at < len(plain) - 1 else ""


def with_mnemonic(text: str, taken: set[str]) -> str:
    """``text`` with its ``&`` moved, if need be, to the first letter not in ``taken``;
    ``text`` unchanged when its own letter is free or no letter is."""
    own = mnemonic(text)
    if own and own not in taken:
        return text
    plain = text.replace("&&", "\0").replace("&", "")
    for at, char in enumerate(plain):
        if char.isalnum() and char.lower() not in taken:
            marked = plain[:at] + "&" + plain[at:]
            return marked.replace("\0", "&&")
    return text


def assign_mnemonics(menu: QMenu | QMenuBar) -> None:
    """Give every entry of ``menu`` a mnemonic of its own. Entries that already have one
    keep it (those of the first entry win a clash), so that a translation whose letters
    collide, or a menu filled from data (View > Columns), is still reached by its keys."""
    actions = [action for action in menu.actions() if not action.isSeparator()]
    taken: set[str] = set()
    kept: list[QAction] = []
    for action in actions:
        letter = mnemonic(action.text())
        if letter and letter not in taken:
            taken.add(letter)
            kept.append(action)
    for action in actions:
        if action in kept:
            continue
        text = with_mnemonic(action.text(), taken)
        if text != action.text():
            action.setText(text)
            taken.add(mnemonic(text))


def assign_all_mnemonics(bar: QMenuBar) -> None:
    """Mnemonics for the menu bar and every menu in it, and again whenever a menu is filled
    as it opens."""
    assign_mnemonics(bar)
    for action in bar.actions():
        menu = action.menu()
        if isinstance(menu, QMenu):
            _follow(menu)


class _MnemonicKeeper(QObject):
    """Assigns a menu's mnemonics each time it opens (it may have been filled anew)."""

    def __init__(self, menu: QMenu) -> None:
        super().__init__(menu)
        self._menu = menu
        # Connected after the menu's own fillers, so it runs on what they put in.
        menu.aboutToShow.connect(self.assign)

    def assign(self) -> None:
        assign_mnemonics(self._menu)


def _follow(menu: QMenu) -> None:
    assign_mnemonics(menu)
    _MnemonicKeeper(menu)
    for action in menu.actions():
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            _follow(submenu)


class PaneCycle(QObject):
    """F6 moves the focus to the next pane shown (navigation, records, details), Shift+F6
    to the one before, as in file managers and mail programs."""

    def __init__(
        self, panes: Sequence[tuple[QWidget, Callable[[], QWidget]]], parent: QObject
    ) -> None:
        super().__init__(parent)
        # Each pane with the widget to focus in it (the records pane: its table).
        self._panes = list(panes)

    def next_pane(self) -> None:
        self._move(1)

    def previous_pane(self) -> None:
        self._move(-1)

    def current(self) -> int:
        """The pane that holds the focus, or -1."""
        focused = QApplication.focusWidget()
        for number, (pane, _target) in enumerate(self._panes):
            if focused is not None and (focused is pane or pane.isAncestorOf(focused)):
                return number
        return -1

    def _move(self, step: int) -> None:
        count = len(self._panes)
        at = self.current()
        start = at if at >= 0 else (0 if step > 0 else count - 1) - step
        for offset in range(1, count + 1):
            pane, target = self._panes[(start + step * offset) % count]
            if pane.isVisible():
                target().setFocus()
                return


def pane_keys(window: QWidget, cycle: PaneCycle) -> tuple[QAction, QAction]:
    """F6 and Shift+F6 as window actions (also offered in the View menu)."""
    forward = QAction(_("Next pane"), window)
    forward.setShortcut(QKeySequence("F6"))
    forward.triggered.connect(cycle.next_pane)
    backward = QAction(_("Previous pane"), window)
    backward.setShortcut(QKeySequence("Shift+F6"))
    backward.triggered.connect(cycle.previous_pane)
    return forward, backward
