"""Temporary `.part` files named with their writer's pid, so a later run can remove stale ones."""

from __future__ import annotations

import contextlib
import os
import re
import time
from pathlib import Path

from storage.db.dbfile import COMPANION_SUFFIXES

PART_SUFFIX = ".part"
# What SQLite writes beside a part it is building: a write that fails (a full disk) can leave
# the rollback journal behind the part it was removed with.
SQLITE_SIDE_FILES = tuple(suffix for suffix in COMPANION_SUFFIXES if suffix)
# A run still writing an hour later is not waiting on this file: its pid was reused.
STALE_AFTER_SECONDS = 60 * 60
# ".<name>.pid<PID>[-<random>].part", as named by ``part_prefix``/``part_name`` below.
OWN_PART = re.compile(r"^\..+\.pid(?P<pid>\d+)(?:-[^.]*)?\.part$")
# Names earlier versions used: a backup's ".<backup name>.part" and a CSV export's
# ".<name>.csv.<8 random characters>.part" (tempfile's); nothing else is taken for ours.
LEGACY_PART = re.compile(r"^\..+(?:-\d{8}T\d{12}Z-[a-z-]+\.sqlite3|\.csv\.[a-z0-9_]{8})\.part$")


def part_prefix(final: Path) -> str:
    """The hidden prefix for a temporary file that will be renamed to ``final``."""
    return f".{final.name}.pid{os.getpid()}-"


def part_name(final: Path) -> Path:
    """A hidden temporary sibling of ``final``, named with this process's pid."""
    return final.with_name(f".{final.name}.pid{os.getpid()}{PART_SUFFIX}")


def remove_with_side_files(path: Path) -> None:
    """Remove a SQLite file this run made and gave up on (a part, a copy's target), with the
    journal, WAL and shm SQLite may have kept beside it."""
    for suffix in COMPANION_SUFFIXES:
        with contextlib.suppress(FileNotFoundError):
            path.with_name(path.name + suffix).unlink()


def remove_stale_parts(folder: Path, *, now: float | None = None) -> list[Path]:
    """Remove the ``.part`` files, and SQLite's files beside them, that runs which died
    (killed, power cut) left in ``folder``."""
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        if _part_of(entry.name).endswith(PART_SUFFIX) and _is_stale(entry, now or time.time()):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _is_stale(entry: os.DirEntry[str], now: float) -> bool:
    try:
        if not entry.is_file(follow_symlinks=False):
            return False
        old = now - entry.stat(follow_symlinks=False).st_mtime > STALE_AFTER_SECONDS
    except OSError:
        return False
    own = OWN_PART.match(_part_of(entry.name))
    if own is None:
        return old and LEGACY_PART.match(_part_of(entry.name)) is not None
    return old or not _alive(int(own["pid"]))


def _part_of(name: str) -> str:
    """The part a file belongs to: itself, or the part an SQLite side file is beside."""
    for side in SQLITE_SIDE_FILES:
        if name.endswith(PART_SUFFIX + side):
            return name.removesuffix(side)
    return name


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # another user's process, or a pid we cannot ask about: leave it
    return True
