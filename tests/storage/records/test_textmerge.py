"""Merging two windows' edits of one note keeps everything either side wrote."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from storage.records.textmerge import MINE_MARKER, THEIRS_MARKER, merge

BASE = "one\ntwo\nthree\nfour\n"
LINES = st.lists(
    st.sampled_from(["one\n", "two\n", "three\n", "ʼx\n", "😀\n", "new\n"]), max_size=8
)


def test_edits_to_different_lines_merge_cleanly() -> None:
    """Mine changed the first line, theirs the last: both stay, no markers."""
    text, clean = merge(BASE, "ONE\ntwo\nthree\nfour\n", "one\ntwo\nthree\nFOUR\n")
    assert clean
    assert text == "ONE\ntwo\nthree\nFOUR\n"


def test_edits_to_the_same_line_keep_both_between_markers() -> None:
    """A true conflict is not resolved silently."""
    text, clean = merge(BASE, "one\nTWO\nthree\nfour\n", "one\n2\nthree\nfour\n")
    assert not clean
    assert MINE_MARKER in text
    assert THEIRS_MARKER in text
    assert "TWO\n" in text
    assert "2\n" in text


def test_one_sided_edits_take_that_side() -> None:
    """If only one window changed the note, its text is the result."""
    assert merge(BASE, BASE, "x\n") == ("x\n", True)
    assert merge(BASE, "y\n", BASE) == ("y\n", True)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(base=LINES, mine=LINES, theirs=LINES)
def test_nothing_either_side_added_is_lost(
    base: list[str], mine: list[str], theirs: list[str]
) -> None:
    """Every line either side has that the base lacks appears in the merged text."""
    text, _clean = merge("".join(base), "".join(mine), "".join(theirs))
    merged_lines = text.splitlines(keepends=True)
    for side in (mine, theirs):
        for line in set(side) - set(base):
            assert line in merged_lines
