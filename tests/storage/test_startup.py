"""The `accords` entry: collection is paused before Accords is imported, and a command
resumes it at once (only the window's start is paced)."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from storage.cli import main as cli_main
from storage.startup import hold_collection, resume_collection

# A fresh `accords list` through the console script's entry, reporting whether collection
# was on when storage.cli (and with it SQLAlchemy and the schema) began to import.
ENTRY_PROBE = """
import gc, sys
import storage.startup

seen = {}

class Watch:
    def find_spec(self, name, path=None, target=None):
        if name == "storage.cli":
            seen["collecting"] = gc.isenabled()
        return None

sys.meta_path.insert(0, Watch())
sys.argv = ["accords", "--db", sys.argv[1], "list", "--format", "json"]
status = storage.startup.main()
print("IMPORTED-WITH", seen["collecting"], "AFTER", gc.isenabled(), "STATUS", status)
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
    assert done.stdout.splitlines()[-1] == "IMPORTED-WITH False AFTER True STATUS 0"


@pytest.mark.usefixtures("collection_restored")
def test_a_command_resumes_the_paused_collector(tmp_path: Path) -> None:
    hold_collection()
    assert not gc.isenabled()
    assert cli_main(["--db", str(tmp_path / "accords.sqlite3"), "list"]) == 0
    assert gc.isenabled()
