"""The `accords` entry: collection is paused before Accords is imported; a command resumes it
at once (only the window's start is paced) and never loads Qt; no command opens the window."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from gui import launch
from gui.pacing import hold_collection, resume_collection

# A fresh `accords list` through the console script's entry, reporting whether collection
# was on when storage.cli (and with it SQLAlchemy and the schema) began to import, and
# whether Qt was loaded by the end.
ENTRY_PROBE = """
import gc, sys
import gui.launch

seen = {}

class Watch:
    def find_spec(self, name, path=None, target=None):
        if name == "storage.cli":
            seen["collecting"] = gc.isenabled()
        return None

sys.meta_path.insert(0, Watch())
sys.argv = ["accords", "--db", sys.argv[1], "list", "--format", "json"]
status = gui.launch.main()
qt = "PySide6" in sys.modules
print("IMPORTED-WITH", seen["collecting"], "AFTER", gc.isenabled(), "QT", qt, "STATUS", status)
"""


@pytest.fixture
def collection_restored() -> Iterator[None]:
    """Whatever a test does to the garbage collector is undone after it."""
    yield
    resume_collection()
    gc.enable()
    gc.unfreeze()


@pytest.mark.slow
def test_the_entry_pauses_collection_before_importing_accords(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    environment = {**os.environ, "PYTHONPATH": str(root)}
    probe = [sys.executable, "-c", ENTRY_PROBE, str(tmp_path / "accords.sqlite3")]
    done = subprocess.run(
        probe, check=False, capture_output=True, text=True, env=environment, timeout=120
    )
    assert done.returncode == 0, done.stderr
    last = done.stdout.splitlines()[-1]
    assert last == "IMPORTED-WITH False AFTER True QT False STATUS 0"


@pytest.mark.usefixtures("collection_restored")
def test_a_command_resumes_the_paused_collector(tmp_path: Path) -> None:
    hold_collection()
    assert not gc.isenabled()
    assert launch.main(["--db", str(tmp_path / "accords.sqlite3"), "list"]) == 0
    assert gc.isenabled()


@pytest.mark.usefixtures("collection_restored")
def test_accords_without_a_command_pauses_the_collector_before_opening_the_window(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`accords` (the desktop app) starts with collection paused; the window resumes it."""
    from gui import app

    seen: list[tuple[bool, str | None]] = []
    monkeypatch.setattr(
        app, "run_app", lambda database=None: seen.append((gc.isenabled(), database)) or 0
    )
    database = str(tmp_path / "accords.sqlite3")
    assert launch.main(["--db", database]) == 0
    assert seen == [(False, database)]


def test_bad_usage_exits_2_without_opening_anything(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from gui import app

    monkeypatch.setattr(app, "run_app", lambda database=None: pytest.fail("window opened"))
    database = tmp_path / "accords.sqlite3"
    with pytest.raises(SystemExit) as exited:
        launch.main(["--db", str(database), "--no-such-option"])
    assert exited.value.code == 2
    assert "--no-such-option" in capsys.readouterr().err
    assert not database.exists()
