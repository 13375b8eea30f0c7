"""The folders shipped with Accords (the seed, the icon), read through importlib.resources.

They sit at the top of the repository, and pyproject.toml installs each inside the package
that reads it (`seeds/` as ``storage/seeds``, `resources/` as ``gui/resources``), so that a
wheel carries them as package data wherever it is installed.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[2]


def shipped_folder(package: str, name: str) -> Path:
    """The folder ``name`` shipped with ``package``: inside it once installed, else (a
    checkout, or an editable install of one) the repository's top-level folder ``name``."""
    installed = files(package).joinpath(name)
    if isinstance(installed, Path) and installed.is_dir():
        return installed
    return CHECKOUT / name
