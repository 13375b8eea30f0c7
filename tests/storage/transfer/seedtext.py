"""The shipped seed file and its article, and seed files written beside the article."""

from __future__ import annotations

import shutil
import tomllib
from collections.abc import Iterator
from pathlib import Path

from storage.transfer.seeding import default_seed_file

SEED_FILE = default_seed_file()
SEED_TEXT = SEED_FILE.read_text(encoding="utf-8")
ARTICLE_NAME = tomllib.loads(SEED_TEXT)["source"]["file"]
ARTICLE = (SEED_FILE.parent / ARTICLE_NAME).read_text(encoding="utf-8")


def write_seed(folder: Path, text: str | bytes = SEED_TEXT) -> Path:
    """A seed file with the article beside it, as a user's newer seed would be."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(SEED_FILE.parent / ARTICLE_NAME, folder / ARTICLE_NAME)
    path = folder / "accords.toml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def replaced(old: str, new: str) -> str:
    """The seed text with one exact, unique passage replaced."""
    assert SEED_TEXT.count(old) == 1, old
    return SEED_TEXT.replace(old, new)


def seed_quotes(node: object) -> Iterator[str]:
    """Every `quote` value and every value of every `quotes` table in a parsed seed."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "quote":
                yield value
            elif key == "quotes":
                yield from value.values()
            else:
                yield from seed_quotes(value)
    elif isinstance(node, list):
        for item in node:
            yield from seed_quotes(item)
