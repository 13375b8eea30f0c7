"""Mnemonics for every menu entry, and F6 between the panes."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu

from gui.window.keys import assign_mnemonics, mnemonic, with_mnemonic


def test_mnemonic_reads_the_marked_letter() -> None:
    assert mnemonic("&Delete") == "d"
    assert mnemonic("Save && &close") == "c"
    assert mnemonic("Kind") == ""


def test_a_free_letter_is_kept_and_a_taken_one_moved() -> None:
    assert with_mnemonic("&Delete", {"r"}) == "&Delete"
    assert with_mnemonic("&Delete", {"d"}) == "D&elete"
    assert with_mnemonic("Kind", set()) == "&Kind"
    assert with_mnemonic("R && D", {"r"}) == "R && &D"
    assert with_mnemonic("ab", {"a", "b"}) == "ab"  # no letter left: as it was


def test_a_menu_gets_one_letter_per_entry(qtbot) -> None:
    menu = QMenu()
    for text in ("&Delete", "New &document…", "Kind", "Kindred"):
        menu.addAction(text)
    assign_mnemonics(menu)
    letters = [mnemonic(action.text()) for action in menu.actions()]
    assert letters[0] == "d" and all(letters) and len(set(letters)) == 4
