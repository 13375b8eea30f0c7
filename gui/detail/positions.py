"""Convert between Python str indices and Qt text positions, which count UTF-16 code units."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

# Characters beyond the Basic Multilingual Plane take two UTF-16 units (a surrogate pair).
ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@lru_cache(maxsize=8)
def _astral_indices(text: str) -> tuple[int, ...]:
    # Cached because a source is converted once per highlighted quote.
    return tuple(match.start() for match in ASTRAL.finditer(text))


def py_to_qt(text: str, index: int) -> int:
    """The Qt position of ``text[index]``."""
    return index + bisect_left(_astral_indices(text), index)


def qt_to_py(text: str, position: int) -> int:
    """The str index at a Qt position; a position inside a surrogate pair rounds up."""
    low, high = 0, len(text)
    while low < high:  # the smallest index whose Qt position is at or after ``position``
        middle = (low + high) // 2
        if py_to_qt(text, middle) < position:
            low = middle + 1
        else:
            high = middle
    return low
