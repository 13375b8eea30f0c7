"""Three-way merge of note texts, for when two windows edited the same note."""

from __future__ import annotations

from difflib import SequenceMatcher

MINE_MARKER = "<<<<<<< your text"
SPLIT_MARKER = "======="
THEIRS_MARKER = ">>>>>>> the other window's text"

Change = tuple[int, int, list[str]]  # replace base lines [start, end) with these lines


def merge(base: str, mine: str, theirs: str) -> tuple[str, bool]:
    """Combine two edits of ``base``; returns the text and whether it merged without conflict.

    Edits to different lines are both kept. Where both changed the same lines, both
    versions are kept between conflict markers, so nothing either side wrote is lost.
    """
    if theirs in (mine, base):
        return mine, True
    if mine == base:
        return theirs, True
    base_lines = base.splitlines(keepends=True)
    ours = _changes(base_lines, mine.splitlines(keepends=True))
    other = _changes(base_lines, theirs.splitlines(keepends=True))
    return _apply(base_lines, ours, other)


def _changes(base: list[str], edited: list[str]) -> list[Change]:
    matcher = SequenceMatcher(a=base, b=edited, autojunk=False)
    return [
        (i1, i2, edited[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"
    ]


def _apply(base: list[str], ours: list[Change], other: list[Change]) -> tuple[str, bool]:
    result: list[str] = []
    clean = True
    position = 0
    pending = sorted(
        [(c, "mine") for c in ours] + [(c, "theirs") for c in other],
        key=lambda item: (item[0][0], item[0][1]),
    )
    index = 0
    while index < len(pending):
        (start, end, _lines), _side = pending[index]
        group = [pending[index]]
        index += 1
        while index < len(pending) and _overlaps(pending[index][0], start, end):
            start = min(start, pending[index][0][0])
            end = max(end, pending[index][0][1])
            group.append(pending[index])
            index += 1
        result.extend(base[position:start])
        sides = {side for _change, side in group}
        if len(sides) == 1 or _same(group):
            for (_s, _e, replacement), _side in group:
                result.extend(replacement)
                if len(sides) > 1:
                    break
        else:
            clean = False
            result.extend(_conflict(base, start, end, group))
        position = end
    result.extend(base[position:])
    return "".join(result), clean


def _overlaps(change: Change, start: int, end: int) -> bool:
    other_start, other_end, _lines = change
    if other_start == other_end == start == end:
        return True  # two insertions at the same place
    return other_start < end or (other_start == start)


def _same(group: list[tuple[Change, str]]) -> bool:
    return len({(c[0], c[1], tuple(c[2])) for c, _side in group}) == 1


def _conflict(base: list[str], start: int, end: int, group: list[tuple[Change, str]]) -> list[str]:
    texts = {"mine": list(base[start:end]), "theirs": list(base[start:end])}
    for side in texts:
        changes = [c for c, s in group if s == side]
        if changes:
            texts[side] = _rebuild(base, start, end, changes)
    lines = [MINE_MARKER + "\n", *_terminated(texts["mine"]), SPLIT_MARKER + "\n"]
    return [*lines, *_terminated(texts["theirs"]), THEIRS_MARKER + "\n"]


def _rebuild(base: list[str], start: int, end: int, changes: list[Change]) -> list[str]:
    out: list[str] = []
    position = start
    for change_start, change_end, lines in sorted(changes, key=lambda c: c[0]):
        out.extend(base[position:change_start])
        out.extend(lines)
        position = change_end
    out.extend(base[position:end])
    return out


def _terminated(lines: list[str]) -> list[str]:
    if lines and not lines[-1].endswith("\n"):
        return [*lines[:-1], lines[-1] + "\n"]
    return lines
