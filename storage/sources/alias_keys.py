"""Alias keys: names folded to one case, one apostrophe, single spaces."""

from __future__ import annotations

import re

# The apostrophes Ukrainian names are written with (ʼ, ’, ', `), made one so that
# "Presidentʼs" and "President's" fold alike.
APOSTROPHES = re.compile("[\u02bc\u2019\u2018'`]")


def fold(name: str) -> str:
    """``name`` as aliases are looked up: case-folded, apostrophes alike, spaces single."""
    return " ".join(APOSTROPHES.sub("'", name).casefold().split())
