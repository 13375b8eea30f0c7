"""The package: the wheel holds every package and the shipped data, and works installed.

The slow test builds the wheel (pip fetches setuptools for its isolated build, so it needs
the package index or pip's cache), installs it into a fresh virtual environment outside the
checkout, and uses it there from another folder, as a user would after `pip install`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]
BUILD_INPUTS = ("pyproject.toml", "README.md", "storage", "gui", "seeds", "resources")
SEEDED_RECORDS = 8
TIMEOUT = 300
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# Where the installed Accords reads its code and its shipped files from.
WHERE_FROM = """
import json, storage, gui.app
from storage.transfer.seeding import default_seed_file
print(json.dumps([storage.__file__, gui.app.__file__, str(default_seed_file()),
                  str(gui.app.ICON_PATH)]))
"""


def source_packages() -> set[str]:
    """Every folder under storage/ and gui/ that holds Python modules, as a package name."""
    found = set()
    for top in ("storage", "gui"):
        for module in (ROOT / top).rglob("*.py"):
            if "__pycache__" not in module.parts:
                found.add(".".join(module.parent.relative_to(ROOT).parts))
    return found


def test_every_package_is_listed_for_the_wheel() -> None:
    """pyproject.toml lists the packages (so that data folders can be mapped into them): a
    package left off the list would be missing from the wheel."""
    listed = set(SETUPTOOLS["packages"])
    mapped = SETUPTOOLS["package-dir"]
    assert source_packages() <= listed
    assert listed - source_packages() == set(mapped)
    assert mapped == {"storage.seeds": "seeds", "gui.resources": "resources"}


def test_the_checkout_reads_the_top_level_folders() -> None:
    from gui.app import ICON_PATH
    from storage.transfer.seeding import default_seed_file

    assert default_seed_file() == ROOT / "seeds" / "accords.toml"
    assert ICON_PATH == ROOT / "resources" / "accords.svg"


def run(command: list[str | Path], cwd: Path, env: dict[str, str] | None = None) -> str:
    """Run ``command`` in ``cwd``; its standard output, after checking that it succeeded."""
    done = subprocess.run(
        command, cwd=cwd, env=env, check=False, capture_output=True, text=True, timeout=TIMEOUT
    )
    assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def build_wheel(work: Path) -> Path:
    """The wheel built from a copy of the sources (pip builds in place: the checkout is
    left without build/ and egg-info folders)."""
    sources = work / "sources"
    sources.mkdir()
    for name in BUILD_INPUTS:
        if (ROOT / name).is_dir():
            ignore = shutil.ignore_patterns("__pycache__")
            shutil.copytree(ROOT / name, sources / name, ignore=ignore)
        else:
            shutil.copy2(ROOT / name, sources / name)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    run([*pip, "wheel", "--no-deps", "-w", work / "dist", sources], work)
    (wheel,) = (work / "dist").glob("accords-*.whl")
    return wheel


def fresh_environment(work: Path) -> Path:
    """A new virtual environment whose dependencies are this interpreter's (a .pth file
    names its site-packages folders), so that nothing is downloaded; its bin folder."""
    venv = work / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", venv], work)
    binaries = venv / ("Scripts" if os.name == "nt" else "bin")
    paths = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    site_packages = Path(run([binaries / "python", "-c", paths], work).strip())
    shared = dict.fromkeys(sysconfig.get_paths()[key] for key in ("purelib", "platlib"))
    (site_packages / "shared-dependencies.pth").write_text("\n".join(shared) + "\n")
    return binaries


def outside_environment(work: Path) -> dict[str, str]:
    """The environment of the installed app: no path to the checkout, its own data folder."""
    removed = {"PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "ACCORDS_DB", "VIRTUAL_ENV"}
    env = {key: value for key, value in os.environ.items() if key not in removed}
    env.update(ACCORDS_DATA_DIR=str(work / "data"), QT_QPA_PLATFORM="offscreen")
    return env


@pytest.mark.slow
def test_the_wheel_installed_elsewhere_opens_seeds_lists_and_renders(tmp_path: Path) -> None:
    assert ROOT not in tmp_path.parents
    wheel = build_wheel(tmp_path)
    binaries = fresh_environment(tmp_path)
    python = binaries / "python"
    install = [sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps"]
    run([*install, "--disable-pip-version-check", wheel], tmp_path)

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = outside_environment(tmp_path)
    installed = binaries.parent
    for path in json.loads(run([python, "-c", WHERE_FROM], elsewhere, env)):
        assert installed in Path(path).parents, path
        assert Path(path).is_file(), path

    accords = [binaries / "accords", "--db", elsewhere / "new.sqlite3"]
    assert run([*accords, "seed"], elsewhere, env).startswith("Added ")
    listed = json.loads(run([*accords, "list", "--format", "json"], elsewhere, env))
    assert len(listed) == SEEDED_RECORDS

    picture = elsewhere / "window.png"
    run([python, "-m", "gui.screenshot", picture], elsewhere, env)
    assert picture.read_bytes().startswith(PNG_SIGNATURE)
