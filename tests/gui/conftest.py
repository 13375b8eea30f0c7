"""Fixtures shared by the window tests."""

from __future__ import annotations

import pytest

from gui import msgbox


@pytest.fixture
def no_dialogs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Collect what would have been shown in message boxes instead of showing them."""
    shown: list[str] = []
    monkeypatch.setattr(msgbox, "inform", lambda _parent, _title, text, **_kw: shown.append(text))
    return shown
