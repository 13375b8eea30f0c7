"""The shipped folders are found inside the package once installed, else in the checkout."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage.transfer.shipped import CHECKOUT, shipped_folder


def test_the_seed_and_the_icon_are_found() -> None:
    assert (shipped_folder("storage", "seeds") / "accords.toml").is_file()
    assert (shipped_folder("gui", "resources") / "accords.svg").is_file()


def test_a_folder_inside_the_package_wins_over_the_checkout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "shippedpkg"
    (package / "seeds").mkdir(parents=True)
    (package / "__init__.py").write_text('"""A package shipping a folder."""\n')
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(__import__("sys").modules, "shippedpkg", raising=False)
    assert shipped_folder("shippedpkg", "seeds") == package / "seeds"
    assert shipped_folder("shippedpkg", "resources") == CHECKOUT / "resources"
