"""The install step's one addition to pyproject.toml: compile the translation catalogues.

Every build (a wheel, an sdist's build, ``pip install -e .``) compiles each language's
``storage/locale/<lang>/LC_MESSAGES/accords.po`` into the ``accords.mo`` gettext reads, before
the package data is copied, so the compiled catalogues travel in the wheel and sit beside the
sources of an editable install. They are never committed (.gitignore).
"""

from __future__ import annotations

import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class BuildWithCatalogues(build_py):
    """build_py that first compiles the catalogues (tools/catalogues.py, with Babel)."""

    def run(self) -> None:
        sys.path.insert(0, str(HERE))
        from tools.catalogues import compile_all

        for path in compile_all(HERE / "storage" / "locale"):
            print(f"compiled {path.relative_to(HERE)}")
        super().run()


setup(cmdclass={"build_py": BuildWithCatalogues})
