"""Check that the system has what Accords needs (tools/system-packages.toml); install the rest.

`make run` and `make test` run this with the system python3 before the virtual environment
exists, so it uses the standard library alone, and its syntax stays readable by a Python
older than 3.11, which it then names as the thing to upgrade.
"""

from __future__ import annotations

import argparse
import ctypes
import glob
import importlib.util
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

NEEDS_FILE = Path(__file__).with_name("system-packages.toml")
MINIMUM_PYTHON = (3, 11)
# Names (sonames, commands, paths, modules) to treat as missing although present: the
# install path can then be tried, and tested, on a complete system.
PRETEND_MISSING = "ACCORDS_PRETEND_MISSING"
APT_INSTALL = ("apt-get", "install", "-y", "-qq", "--no-install-recommends")


@dataclass(frozen=True)
class Need:
    """One thing to find on the system, and the Debian package that provides it."""

    kind: str
    name: str
    package: str


def loads(soname: str) -> bool:
    """Whether the dynamic linker finds and loads the library (its cache, paths, LD_*)."""
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


LOOKUPS: dict[str, Callable[[str], bool]] = {
    "lib": loads,
    "command": lambda name: shutil.which(name) is not None,
    "file": lambda pattern: next(glob.iglob(pattern, recursive=True), None) is not None,
    "module": lambda name: importlib.util.find_spec(name) is not None,
}


def read_needs(path: Path, groups: Sequence[str]) -> list[Need]:
    """The needs of the file at `path` whose `for` names one of `groups`."""
    import tomllib  # new in Python 3.11: imported after the version check

    with path.open("rb") as file:
        entries = tomllib.load(file)["needs"]
    return [as_need(entry) for entry in entries if set(groups) & set(entry["for"])]


def as_need(entry: dict[str, object]) -> Need:
    """A need from its line in the file: its one lookup kind, its name and its package."""
    (kind,) = (key for key in entry if key in LOOKUPS)
    return Need(kind, str(entry[kind]), str(entry["debian"]))


def find_missing(needs: Sequence[Need]) -> list[Need]:
    """The needs the system lacks (or that the environment says to treat as lacking)."""
    pretended = set(os.environ.get(PRETEND_MISSING, "").replace(",", " ").split())
    return [need for need in needs if need.name in pretended or not LOOKUPS[need.kind](need.name)]


def privilege_prefix() -> list[str] | None:
    """How this process can run apt-get: directly as root, through sudo without a password."""
    if os.geteuid() == 0:
        return []
    if shutil.which("sudo") is None:
        return None
    probe = subprocess.run(["sudo", "-n", "true"], capture_output=True, check=False)
    return ["sudo", "-n"] if probe.returncode == 0 else None


def apt_commands(prefix: list[str], packages: Sequence[str]) -> list[list[str]]:
    """Refresh the package lists (a fresh image has none), then install the packages."""
    return [[*prefix, "apt-get", "update", "-qq"], [*prefix, *APT_INSTALL, *packages]]


def command_for_user(packages: Sequence[str]) -> str:
    """The one command to run instead, as root, or as a user who can become root."""
    command = f"apt-get install {' '.join(packages)}"
    if os.geteuid() == 0:
        return command
    return f"sudo {command}" if shutil.which("sudo") else f"su -c '{command}'"


def say(message: str) -> None:
    """One line on standard error, in the command line's style."""
    print(f"accords: {message}", file=sys.stderr)


def run_in_turn(commands: Sequence[list[str]]) -> bool:
    """Run the commands one after the other, stopping at a failure; whether all succeeded."""
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in commands:
        # apt-get's progress is noise here; its errors (on standard error) still show.
        done = subprocess.run(command, env=environment, stdout=subprocess.DEVNULL, check=False)
        if done.returncode != 0:
            return False
    return True


def install(missing: Sequence[Need], dry_run: bool) -> int:
    """Install the packages of the missing needs, or say exactly how to; the exit status."""
    packages = list(dict.fromkeys(need.package for need in missing))
    lacking = f"this system lacks {', '.join(need.name for need in missing)}"
    if shutil.which("apt-get") is None:
        say(f"{lacking}: install what provides them (README.md, Other Linux systems)")
        return 1
    prefix = privilege_prefix()
    if prefix is None:
        say(f"{lacking}: run `{command_for_user(packages)}`, then make again")
        return 1
    commands = apt_commands(prefix, packages)
    if dry_run:
        say(f"{lacking}; make would run: {' && '.join(map(shlex.join, commands))}")
        return 0
    say(f"{lacking}; installing {' '.join(packages)}")
    if not run_in_turn(commands):
        say(f"could not install them: run `{command_for_user(packages)}`, then make again")
        return 1
    return 0


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    """The groups to check (run, test, bench) and whether to install or only say what."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("groups", nargs="+", metavar="FOR", help="run, test or bench")
    parser.add_argument("--dry-run", action="store_true", help="say what would be installed")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Check the groups' needs; install what is missing when allowed; the exit status."""
    arguments = parse_arguments(argv)
    if sys.version_info < MINIMUM_PYTHON:
        found = ".".join(map(str, sys.version_info[:2]))
        newer = "name a newer one to make, as in `make test PYTHON=python3.12`"
        say(f"Accords needs Python 3.11 or newer; {sys.executable} is {found}: {newer}")
        return 1
    missing = find_missing(read_needs(NEEDS_FILE, arguments.groups))
    return install(missing, arguments.dry_run) if missing else 0


if __name__ == "__main__":
    sys.exit(main())
