"""Start-up pacing: the collector paused for the start is resumed once, with start-up frozen."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from gui.pacing import hold_collection, resume_collection, thaw


@pytest.fixture(autouse=True)
def collection_restored() -> Iterator[None]:
    """Whatever a test does to the garbage collector is undone after it."""
    was_enabled = gc.isenabled()
    yield
    resume_collection()
    gc.unfreeze()
    if was_enabled:
        gc.enable()


def test_a_held_collection_resumes_with_start_ups_objects_frozen() -> None:
    gc.enable()
    hold_collection()
    assert not gc.isenabled()
    resume_collection()
    assert gc.isenabled() and gc.get_freeze_count() > 0
    thaw()
    assert gc.get_freeze_count() == 0


def test_resuming_without_a_pause_changes_nothing() -> None:
    gc.disable()  # turned off by someone else, not by hold_collection
    resume_collection()
    assert not gc.isenabled() and gc.get_freeze_count() == 0


def test_a_collector_already_off_is_not_taken_over() -> None:
    gc.disable()
    hold_collection()
    resume_collection()
    assert not gc.isenabled()  # whoever turned it off turns it on


def test_a_pause_is_resumed_once() -> None:
    gc.enable()
    hold_collection()
    resume_collection()
    thaw()
    gc.disable()
    resume_collection()  # the pause is over: a second call does nothing
    assert not gc.isenabled() and gc.get_freeze_count() == 0
