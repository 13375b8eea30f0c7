"""A Qt warning fails the test that printed it, whatever the phase, as configured for this suite."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

PRINTING_TESTS = """
import threading

import pytest
from PySide6.QtCore import qWarning


def test_quiet(qtbot):
    pass


def test_warns(qtbot):
    qWarning("something is wrong")


def test_warns_on_another_thread(qtbot):
    worker = threading.Thread(target=lambda: qWarning("wrong on a worker"))
    worker.start()
    worker.join()


@pytest.fixture
def closing(qtbot):
    yield
    qWarning("wrong while closing")


def test_warns_in_teardown(closing):
    pass


def test_the_offscreen_platform_may_say_it_cannot_raise(qtbot):
    qWarning("This plugin does not support raise()")
"""


def _run(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, *args: str
) -> pytest.RunResult:
    """Run the tests above with this suite's configuration and its message handler."""
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    tests = pytester.makepyfile(test_printing=PRINTING_TESTS)
    return pytester.runpytest_subprocess(
        str(tests), "-c", str(ROOT / "pyproject.toml"), "--rootdir", str(pytester.path),
        "-p", "tests.qt_messages", "-p", "no:cacheprovider", *args,
    )  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("capture", [[], ["-s"]], ids=["captured", "not-captured"])
def test_a_qt_warning_fails_its_test(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, capture: list[str]
) -> None:
    """Printed in a test's body, on any thread, or while it closes: that test fails (with
    ``-s`` too, where pytest-qt does not listen); the offscreen platform's notices do not."""
    result = _run(pytester, monkeypatch, "-rA", *capture)
    result.assert_outcomes(passed=3, failed=2, errors=1)
    result.stdout.fnmatch_lines_random(
        [
            "PASSED test_printing.py::test_quiet",
            "PASSED test_printing.py::test_the_offscreen_platform_may_say_it_cannot_raise",
            "FAILED test_printing.py::test_warns*",
            "FAILED test_printing.py::test_warns_on_another_thread*",
            "ERROR test_printing.py::test_warns_in_teardown*",
        ]
    )
    result.stdout.fnmatch_lines(["*wrong while closing*"])
