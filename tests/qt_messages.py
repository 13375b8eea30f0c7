"""Qt's warnings fail the test that printed them, in every phase of the test.

pytest-qt fails a test whose setup or call prints a Qt warning (``qt_log_level_fail`` in
pyproject.toml). It does not listen during teardown, where the window is closed, nor at
all with ``-s``; this handler, installed for the whole session, listens whenever pytest-qt
does not, and uses the same ``qt_log_ignore`` list.
"""

from __future__ import annotations

import re
from collections.abc import Generator

import pytest
from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

FAILING = {
    QtMsgType.QtWarningMsg: "QtWarningMsg",
    QtMsgType.QtCriticalMsg: "QtCriticalMsg",
    QtMsgType.QtFatalMsg: "QtFatalMsg",
}


class QtMessageGuard:
    """Collects the Qt warnings printed while it is the installed message handler."""

    def __init__(self, ignore: list[str]) -> None:
        self.ignore = [re.compile(pattern) for pattern in ignore]
        self.pending: list[str] = []

    def handle(self, kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        """Qt's message handler; may be called on any thread."""
        if kind in FAILING and not any(p.search(message) for p in self.ignore):
            self.pending.append(f"{FAILING[kind]}: {message}")

    def take(self) -> list[str]:
        """The messages collected since the last call."""
        taken, self.pending = self.pending, []
        return taken


_guard = QtMessageGuard([])


def pytest_configure(config: pytest.Config) -> None:
    _guard.ignore = [re.compile(pattern) for pattern in config.getini("qt_log_ignore")]
    qInstallMessageHandler(_guard.handle)


def pytest_unconfigure(config: pytest.Config) -> None:
    qInstallMessageHandler(None)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    printed = _guard.take()
    if printed and not report.failed:
        report.outcome = "failed"
        report.longrepr = f"Qt printed warnings during {call.when}:\n" + "\n".join(printed)
    return report


def pytest_sessionfinish(session: pytest.Session) -> None:
    if printed := _guard.take():  # printed between tests, or after the last one
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line("Qt printed warnings outside any test:\n" + "\n".join(printed))
