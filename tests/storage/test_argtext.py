"""argparse's own words come from Accords' catalogue once translate() has run."""

from __future__ import annotations

import argparse
from collections.abc import Iterator

import pytest

from storage import argtext, i18n


@pytest.fixture
def french() -> Iterator[None]:
    """argparse speaks French through Accords' catalogue for the test, English after it."""
    from tools import catalogues

    catalogues.compile_all()
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    i18n.install("fr_CA")
    argtext.translate()
    yield
    i18n.install("en")
    argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


def test_argparse_asks_accords_catalogue(french: None) -> None:
    parser = argparse.ArgumentParser(prog="accords")
    parser.add_argument("--db")
    help_text = parser.format_help()
    assert help_text.startswith(i18n._("usage: "))
    assert i18n._("usage: ") != "usage: "  # the catalogue does translate it
    assert i18n._("show this help message and exit") in help_text


def test_every_marked_message_is_one_argparse_writes() -> None:
    source = argparse.__file__
    with open(source, encoding="utf-8") as handle:
        text = handle.read()
    missing = [message for message in argtext.MESSAGES if repr(message)[1:-1] not in text]
    assert missing == []
