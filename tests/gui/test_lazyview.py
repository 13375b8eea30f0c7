"""A view costly to read: it reads when shown, and waits for edits to pause when reads are slow."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from gui import lazyview
from gui.lazyview import SLOW_READ_SECONDS, LazyView


class CountingView(LazyView):
    """Counts its reads; each takes ``seconds``, as it says."""

    def __init__(self, seconds: float = 0.0) -> None:
        super().__init__()
        self.reads = 0
        self.seconds = seconds

    def refresh(self) -> None:
        self.reads += 1
        self._stale = False

    def read_seconds(self) -> float:
        return self.seconds


@pytest.fixture
def view(qtbot: QtBot) -> Iterator[CountingView]:
    shown = CountingView()
    qtbot.addWidget(shown)
    yield shown
    shown.stop()


def test_nothing_is_read_until_the_view_is_shown(qtbot: QtBot, view: CountingView) -> None:
    assert view.reads == 0
    view.invalidate()
    assert view.reads == 0
    view.show()
    qtbot.waitExposed(view)
    assert view.reads == 1


def test_a_change_while_shown_is_read_at_once(qtbot: QtBot, view: CountingView) -> None:
    view.show()
    qtbot.waitExposed(view)
    view.invalidate()
    assert view.reads == 2


def test_a_change_while_hidden_is_read_at_the_next_show(qtbot: QtBot, view: CountingView) -> None:
    view.show()
    qtbot.waitExposed(view)
    view.hide()
    view.invalidate()
    assert view.reads == 1
    view.show()
    assert view.reads == 2
    view.hide()
    view.show()  # nothing changed meanwhile: no read
    assert view.reads == 2


def test_a_slow_view_reads_once_after_a_burst_of_changes(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lazyview, "QUIET_MS", 50)
    slow = CountingView(seconds=SLOW_READ_SECONDS * 2)
    qtbot.addWidget(slow)
    slow.show()
    qtbot.waitExposed(slow)
    for _ in range(5):
        slow.invalidate()
    assert slow.reads == 1 and slow.waiting_for_quiet
    qtbot.waitUntil(lambda: slow.reads == 2, timeout=5000)
    assert not slow.waiting_for_quiet


def test_a_stopped_view_waits_for_nothing(qtbot: QtBot) -> None:
    slow = CountingView(seconds=SLOW_READ_SECONDS * 2)
    qtbot.addWidget(slow)
    slow.show()
    qtbot.waitExposed(slow)
    slow.invalidate()
    assert slow.waiting_for_quiet
    slow.stop()
    assert slow.stopped and not slow.waiting_for_quiet
