"""The benchmark runner completes at a small size and reports every figure (no timing asserted)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

RUNNER = Path(__file__).resolve().parent / "run.py"
FIGURES = ("1. start", "1. peak RSS", "2. page", "3. search", "3. 'drones': LIKE", "4. keystroke",
           "5. sort change", "6. save", "7. CSV export", "8. generate",
           "9. 5 status changes", "10. import a 100-page PDF")  # fmt: skip


def test_runner_reports_every_figure(tmp_path: Path) -> None:
    table = tmp_path / "table.md"
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONWARNINGS": "ignore"}
    finished = subprocess.run(
        [
            sys.executable,
            str(RUNNER),
            "--records",
            "500",
            "--repeat",
            "1",
            "--markdown",
            str(table),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        env=environment,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr[-3000:]
    for figure in FIGURES:
        assert f"| {figure}" in finished.stdout, figure
    assert table.read_text(encoding="utf-8") in finished.stdout
    assert (
        "| figure | reference median | subject median | ratio | target | met? |" in finished.stdout
    )
