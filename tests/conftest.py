"""Shared fixtures: Qt runs offscreen, and every test gets its own data folder and database."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

# Set before any Qt import so that no test ever needs a screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

from storage.service import AccordsService
from tools import catalogues

# The compiled catalogues are built by the install step; a checkout whose editable install
# predates a .po change (or has none) gets them here, for the tests and their subprocesses.
if any(
    not po.with_suffix(".mo").exists() or po.stat().st_mtime > po.with_suffix(".mo").stat().st_mtime
    for po in catalogues.LOCALE.glob("*/LC_MESSAGES/*.po")
):
    catalogues.compile_all()

pytest_plugins = ["tests.qt_messages", "pytester", "tests.pgfixtures"]  # Qt warnings fail tests

FIXED_TODAY = date(2026, 11, 28)


@pytest.fixture(autouse=True)
def isolated_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep each test's settings, logs and default database out of the user's real folders."""
    folder = tmp_path / "data"
    monkeypatch.setenv("ACCORDS_DATA_DIR", str(folder))
    monkeypatch.delenv("ACCORDS_DB", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return folder


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A temporary database file that does not exist yet."""
    return tmp_path / "accords.sqlite3"


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database migrated and seeded once per session; each test opens its own copy."""
    path = tmp_path_factory.mktemp("template") / "accords.sqlite3"
    AccordsService.open(str(path), clock=lambda: FIXED_TODAY, actor="tester").close()
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # one file holds everything
    connection.close()
    return path


@pytest.fixture
def service(db_path: Path, seeded_template: Path) -> Iterator[AccordsService]:
    """A service on a freshly seeded temporary database, with a fixed clock."""
    shutil.copyfile(seeded_template, db_path)
    opened = AccordsService.open(str(db_path), clock=lambda: FIXED_TODAY, actor="tester")
    yield opened
    opened.close()


@pytest.fixture
def empty_service(db_path: Path) -> Iterator[AccordsService]:
    """A service on a migrated but unseeded temporary database."""
    opened = AccordsService.open(
        str(db_path), seed=False, clock=lambda: FIXED_TODAY, actor="tester"
    )
    yield opened
    opened.close()
