"""Everyone can use the window: named controls, keyboard reach, tab order, not colour alone."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QAccessible, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

from tests.gui.walk import RECORD, Stop, shown_widgets, walk, window_menus

if TYPE_CHECKING:
    from gui.mainwindow import MainWindow

INTERACTIVE = (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QTabBar,
)


# Read out as parts of their view (a table's column headers, its scrolling), never alone.
PARTS_OF_VIEWS = (QHeaderView, QScrollBar)


def qt_own(widget: QWidget) -> bool:
    """Qt's own parts, e.g. a dock's title buttons (the View menu's shortcuts show and hide
    the docks; the title buttons are for the mouse)."""
    return widget.objectName().startswith("qt_")


def accessible_name(widget: QWidget) -> str:
    """The name a screen reader reads for ``widget``, as Qt exposes it."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def focusable(widget: QWidget) -> bool:
    """Whether Tab can bring the focus to ``widget``."""
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.isEnabled()


def describe(widget: QWidget) -> str:
    name = widget.objectName() or accessible_name(widget) or ""
    parent = widget.parentWidget()
    return f"{type(widget).__name__}({name!r}) in {type(parent).__name__ if parent else None}"


def unnamed(stop: Stop) -> list[str]:
    """The focusable or interactive controls of a stop that have no accessible name."""
    missing = []
    for widget in shown_widgets(stop.root):
        if widget.focusProxy() is not None or isinstance(widget, PARTS_OF_VIEWS):
            continue  # its proxy (its view) takes the focus and is checked itself
        wanted = focusable(widget) or isinstance(widget, INTERACTIVE)
        if wanted and widget.isEnabled() and not accessible_name(widget):
            missing.append(f"{stop.place}: {describe(widget)}")
    return missing


CAPTION_LENGTH = (2, 60)  # characters, markup included
INPUTS = (QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit, QAbstractItemView)


def laid_out(layout: QLayout) -> Iterator[QWidget | None]:
    """The widgets of a layout in order, None for what is not a widget (a spacing, a
    stretch), nested layouts walked into."""
    for number in range(layout.count()):
        item = layout.itemAt(number)
        if item.widget() is not None:
            yield item.widget()
        elif item.layout() is not None:
            yield from laid_out(item.layout())
        else:
            yield None


def labels_without_buddies(stop: Stop) -> list[str]:
    """Captions laid out just before a field that do not name it as their buddy: a screen
    reader then reads the field without its label, and the label's mnemonic goes nowhere.
    Long text (an explanation) and words joining fields ("1", "=", "on") are not captions."""
    faults = []
    for widget in shown_widgets(stop.root):
        layout = widget.layout()
        if layout is None:
            continue
        items = list(laid_out(layout))
        for label, field in itertools.pairwise(items):
            if (
                isinstance(label, QLabel)
                and label.isVisible()
                and CAPTION_LENGTH[0] < len(label.text().strip()) <= CAPTION_LENGTH[1]
                and isinstance(field, INPUTS)
                and field.isVisible()
                and label.buddy() is not field
            ):
                faults.append(f"{stop.place}: {label.text()!r} before {describe(field)}")
    return faults


def focus_chain(start: QWidget) -> list[QWidget]:
    """The widgets Tab visits from ``start``, in order, once round."""
    chain: list[QWidget] = []
    widget = start.nextInFocusChain()
    while widget is not start and widget not in chain:
        chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain


def place_of(widget: QWidget, root: QWidget) -> QRect:
    return QRect(widget.mapTo(root, widget.rect().topLeft()), widget.size())


def out_of_order(before: QRect, after: QRect) -> bool:
    """Whether Tab going from ``before`` to ``after`` goes against reading order: up within
    the same column, or left within the same row. A new column may start higher up."""
    above = after.bottom() < before.top()
    if above:
        return after.left() < before.right()  # not a column to the right
    same_row = after.top() < before.bottom() and before.top() < after.bottom()
    return same_row and after.right() < before.left()


def order_faults(stop: Stop) -> list[str]:
    """Consecutive Tab stops of a pane that break reading order."""
    shown = set(shown_widgets(stop.root))
    chain = [
        widget
        for widget in focus_chain(stop.root.window())
        if widget in shown and focusable(widget) and widget.focusProxy() is None
    ]
    faults = []
    for before, after in itertools.pairwise(chain):
        if out_of_order(place_of(before, stop.root), place_of(after, stop.root)):
            faults.append(f"{stop.place}: {describe(before)} -> {describe(after)}")
    return faults


def unreachable_buttons(stop: Stop) -> list[str]:
    """Buttons Tab never reaches (a radio button is reached with the arrow keys once Tab
    reaches its group: Qt takes the unchecked ones of a group out of the Tab order)."""
    chain = set(focus_chain(stop.root.window()))

    def reached(button: QAbstractButton) -> bool:
        group = [button]
        if isinstance(button, QRadioButton) and button.autoExclusive():
            parent = button.parentWidget()
            group = parent.findChildren(QRadioButton) if parent else group
        return any(focusable(member) and member in chain for member in group)

    return [
        f"{stop.place}: {describe(widget)}"
        for widget in shown_widgets(stop.root)
        if isinstance(widget, QAbstractButton)
        and widget.isEnabled()
        and not qt_own(widget)
        and not reached(widget)
    ]


@pytest.fixture
def stops(qtbot, window: MainWindow) -> list[Stop]:
    """Every place of the window, each checked while it is shown."""
    return list(walk(window, qtbot))


def test_walk_visits_every_kind_of_place(qtbot, window: MainWindow) -> None:
    places = []
    for stop in walk(window, qtbot):
        places.append(stop.place)
        assert shown_widgets(stop.root), stop.place
    for expected in ("navigation", "records", "details: S&tatus", "dashboard: Over time"):
        assert expected in places
    assert "findings" in places
    dialogs = [place for place in places if place.startswith("dialog:")]
    assert {"dialog: &Edit > New &pledge…", "dialog: &File > &Backups…"} <= set(dialogs)


def test_every_control_has_an_accessible_name(qtbot, window: MainWindow) -> None:
    missing = [fault for stop in walk(window, qtbot) for fault in unnamed(stop)]
    assert missing == []


def test_the_check_finds_a_control_without_a_name(qtbot, window: MainWindow) -> None:
    from PySide6.QtWidgets import QPushButton

    bare = QPushButton(window.detail)
    bare.show()
    assert any("QPushButton" in fault for fault in unnamed(Stop("details", window.detail)))


def test_labels_name_the_fields_they_label(qtbot, window: MainWindow) -> None:
    faults = [fault for stop in walk(window, qtbot) for fault in labels_without_buddies(stop)]
    assert faults == []


def test_every_menu_action_is_reachable_from_the_keyboard(window: MainWindow) -> None:
    faults = []
    for path, action in window_menus(window):
        text = action.text()
        mnemonic = "&" in text.replace("&&", "")
        if action.shortcut().isEmpty() and not mnemonic:
            faults.append(path)
    assert faults == []


def test_mnemonics_are_unique_within_each_menu(window: MainWindow) -> None:
    def letter(text: str) -> str:
        at = text.replace("&&", "").find("&")
        return text.replace("&&", "")[at + 1].lower() if at >= 0 else ""

    menus = [window.menuBar(), *(a.menu() for _p, a in window_menus(window) if a.menu())]
    for menu in menus:
        letters = [letter(a.text()) for a in menu.actions() if not a.isSeparator()]  # type: ignore[union-attr]
        used = [x for x in letters if x]
        assert len(used) == len(set(used)), letters


def test_every_button_is_reached_by_tab(qtbot, window: MainWindow) -> None:
    faults = [fault for stop in walk(window, qtbot) for fault in unreachable_buttons(stop)]
    assert faults == []


def test_tab_order_follows_the_layout(qtbot, window: MainWindow) -> None:
    faults = [fault for stop in walk(window, qtbot) for fault in order_faults(stop)]
    assert faults == []


def test_order_check_sees_a_backward_step() -> None:
    left, right = QRect(0, 0, 50, 20), QRect(100, 0, 50, 20)
    top, below = QRect(0, 0, 50, 20), QRect(0, 40, 50, 20)
    assert not out_of_order(left, right) and out_of_order(right, left)
    assert not out_of_order(top, below) and out_of_order(below, top)
    assert not out_of_order(below, QRect(200, 0, 50, 20))  # the next column, from its top


def test_f6_cycles_through_the_three_panes(qtbot, painted_window: MainWindow) -> None:
    window = painted_window
    panes = [window.nav_view, window.records_pane, window.detail_box]
    window.table.setFocus()
    qtbot.waitUntil(window.table.hasFocus)
    seen = []
    for _ in range(3):
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_F6)
        focused = window.focusWidget()
        seen.append(
            next(i for i, pane in enumerate(panes) if pane.isAncestorOf(focused) or pane is focused)
        )
    assert seen == [2, 0, 1]
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert window.nav_view.isAncestorOf(window.focusWidget()) or window.nav_view.hasFocus()


def test_status_badges_carry_text(painted_window: MainWindow) -> None:
    from gui.window.records_model import OVERDUE, STATUS, STATUS_ROLE

    model = painted_window.records
    assert model.rowCount() > 0
    reddened = 0
    for row in range(model.rowCount()):
        index = model.index(row, STATUS)
        if index.data(STATUS_ROLE):
            assert index.data(Qt.ItemDataRole.DisplayRole).strip()
        overdue = model.index(row, OVERDUE)
        if overdue.data(Qt.ItemDataRole.ForegroundRole) is not None:  # red, and says so
            assert overdue.data(Qt.ItemDataRole.DisplayRole) == "Overdue"
            reddened += 1
    assert reddened >= 1
    detail = painted_window.detail
    painted_window.select_record(painted_window.service.records.resolve_id(RECORD))
    assert detail.status_tab.badge.text().strip()


def test_shortcuts_are_not_given_twice(window: MainWindow) -> None:
    keys = [
        action.shortcut().toString(QKeySequence.SequenceFormat.PortableText)
        for _path, action in window_menus(window)
        if not action.shortcut().isEmpty()
    ]
    assert len(keys) == len(set(keys)), keys


def test_the_check_finds_a_label_without_its_buddy(qtbot) -> None:
    from PySide6.QtWidgets import QHBoxLayout

    form = QWidget()
    qtbot.addWidget(form)
    row = QHBoxLayout(form)
    caption, field = QLabel("Title"), QLineEdit()
    row.addWidget(caption)
    row.addWidget(field)
    form.show()
    assert len(labels_without_buddies(Stop("form", form))) == 1
    caption.setBuddy(field)
    assert labels_without_buddies(Stop("form", form)) == []


def test_the_order_check_finds_a_tab_order_against_the_layout(qtbot) -> None:
    from PySide6.QtWidgets import QHBoxLayout

    form = QWidget()
    qtbot.addWidget(form)
    row = QHBoxLayout(form)
    first, second, third = QLineEdit(), QLineEdit(), QLineEdit()
    for field in (first, second, third):
        row.addWidget(field)
    form.show()
    qtbot.waitExposed(form)
    assert order_faults(Stop("form", form)) == []
    QWidget.setTabOrder(first, third)
    QWidget.setTabOrder(third, second)
    assert len(order_faults(Stop("form", form))) == 1
