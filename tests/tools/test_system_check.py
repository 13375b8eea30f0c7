"""Tests for the system check that `make run` and `make test` run before anything else."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tools import system_check

ROOT = Path(__file__).resolve().parents[2]
NEEDS_FILE = ROOT / "tools" / "system-packages.toml"
# The packages in "...apt-get install [-options] PACKAGES" (or "`", where a message quotes it).
INSTALLED = re.compile(r"apt-get install (?:-\S+ )*([^`\n]+)")

needs_make = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def clean_environment(**extra: str) -> dict[str, str]:
    """This process's environment without an enclosing make's flags or a pretended lack."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith("MAKE")}
    environment.pop("MFLAGS", None)
    environment.pop(system_check.PRETEND_MISSING, None)
    return {**environment, **extra}


def make(*arguments: str, **environment: str) -> subprocess.CompletedProcess[str]:
    """Run make in the checkout with this Python as the one that checks and creates the venv."""
    return subprocess.run(
        ["make", "-C", str(ROOT), "--no-print-directory", f"PYTHON={sys.executable}", *arguments],
        env=clean_environment(**environment),
        capture_output=True,
        text=True,
        check=False,
    )


def named_packages(output: str) -> list[str]:
    """The packages the check installs or tells the user to install."""
    return [package for match in INSTALLED.findall(output) for package in match.split()]


def really_missing(group: str) -> list[str]:
    """The packages of the group that this machine really lacks (none, on a complete one)."""
    missing = system_check.find_missing(system_check.read_needs(NEEDS_FILE, [group]))
    return [need.package for need in missing]


@pytest.mark.slow
@needs_make
def test_make_n_test_names_exactly_the_package_of_a_hidden_library() -> None:
    result = make("-n", "test", ACCORDS_PRETEND_MISSING="libxkbcommon.so.0")
    assert "this system lacks libxkbcommon.so.0" in result.stderr
    assert named_packages(result.stderr) == ["libxkbcommon0"]


@pytest.mark.slow
@needs_make
def test_make_n_test_with_everything_present_says_and_installs_nothing() -> None:
    result = make("-n", "test")
    assert result.returncode == 0
    assert result.stderr == ""
    assert "tools/system_check.py --dry-run test" in result.stdout  # it did run, under -n


@pytest.mark.slow
@needs_make
def test_make_n_run_also_checks_the_desktop_platform_and_names_each_package_once() -> None:
    hidden = "libxcb-cursor.so.0 libEGL.so.1"
    result = make("-n", "run", ACCORDS_PRETEND_MISSING=hidden)
    expected = set(really_missing("run")) | {"libxcb-cursor0", "libegl1"}
    assert sorted(named_packages(result.stderr)) == sorted(expected)
    # `make test` runs offscreen: the desktop platform's libraries are not its concern.
    assert make("-n", "test", ACCORDS_PRETEND_MISSING="libxcb-cursor.so.0").stderr == ""


def fake_apt_get(folder: Path, status: int = 0) -> Path:
    """An apt-get on PATH that records each call in a log and exits with `status`."""
    log = folder / "apt-get.log"
    script = folder / "apt-get"
    script.write_text(f'#!/bin/sh\necho "$*" >> {shlex.quote(str(log))}\nexit {status}\n')
    script.chmod(0o755)
    return log


needs_root = pytest.mark.skipif(
    os.geteuid() != 0, reason="takes the root path: apt-get without sudo (CI runs as root)"
)


@pytest.mark.slow
@needs_make
@needs_root
def test_make_as_root_installs_exactly_the_missing_package_with_apt_get(tmp_path: Path) -> None:
    log = fake_apt_get(tmp_path)
    path = f"{tmp_path}:{os.environ['PATH']}"
    result = make("-s", "system-check", PATH=path, ACCORDS_PRETEND_MISSING="libGL.so.1")
    assert result.returncode == 0, result.stderr
    assert log.read_text().splitlines() == [
        "update -qq",
        "install -y -qq --no-install-recommends libgl1",
    ]
    log.unlink()
    assert make("-s", "system-check", PATH=path).returncode == 0
    assert not log.exists()  # everything present: apt-get is not even called


@pytest.mark.slow
@needs_make
@needs_root
def test_make_stops_naming_the_command_when_apt_get_fails(tmp_path: Path) -> None:
    log = fake_apt_get(tmp_path, status=100)
    path = f"{tmp_path}:{os.environ['PATH']}"
    result = make("-s", "system-check", PATH=path, ACCORDS_PRETEND_MISSING="libGL.so.1")
    assert result.returncode != 0
    assert log.read_text().splitlines() == ["update -qq"]
    assert "could not install them: run `apt-get install libgl1`" in result.stderr


def pretend_not_root(monkeypatch: pytest.MonkeyPatch, sudo_allowed: bool | None) -> None:
    """A user process: with no sudo (None), or one that does (not) need a password."""
    real_which = shutil.which
    sudo = None if sudo_allowed is None else "/usr/bin/sudo"
    monkeypatch.setattr(system_check.os, "geteuid", lambda: 1000)
    monkeypatch.setattr(
        system_check.shutil, "which", lambda name: sudo if name == "sudo" else real_which(name)
    )

    def probe(command: list[str], **_: object) -> subprocess.CompletedProcess[str]:
        assert command == ["sudo", "-n", "true"], "only the sudo probe may run"
        return subprocess.CompletedProcess(command, 0 if sudo_allowed else 1)

    monkeypatch.setattr(system_check.subprocess, "run", probe)
    monkeypatch.setenv(system_check.PRETEND_MISSING, "libfreetype.so.6")


def test_a_user_with_passwordless_sudo_installs_through_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pretend_not_root(monkeypatch, sudo_allowed=True)
    assert system_check.main(["--dry-run", "test"]) == 0
    assert capsys.readouterr().err.endswith(
        "make would run: sudo -n apt-get update -qq && "
        "sudo -n apt-get install -y -qq --no-install-recommends libfreetype6\n"
    )


@pytest.mark.parametrize(
    ("sudo_allowed", "command"),
    [(False, "sudo apt-get install libfreetype6"), (None, "su -c 'apt-get install libfreetype6'")],
)
def test_a_user_who_cannot_install_gets_one_line_naming_the_command(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    sudo_allowed: bool | None,
    command: str,
) -> None:
    pretend_not_root(monkeypatch, sudo_allowed)
    assert system_check.main(["test"]) == 1
    assert capsys.readouterr().err == (
        f"accords: this system lacks libfreetype.so.6: run `{command}`, then make again\n"
    )


def test_a_system_without_apt_get_is_pointed_to_the_readme(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(system_check.PRETEND_MISSING, "libfreetype.so.6")
    monkeypatch.setattr(system_check.shutil, "which", lambda name: None)
    assert system_check.main(["test"]) == 1
    assert "Other Linux systems" in capsys.readouterr().err


def test_an_older_python_is_named_before_anything_is_checked(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(system_check, "MINIMUM_PYTHON", (99, 0))
    assert system_check.main(["test"]) == 1
    assert "Accords needs Python 3.11 or newer" in capsys.readouterr().err


def test_each_kind_of_need_is_looked_up_on_the_system(tmp_path: Path) -> None:
    (tmp_path / "fonts" / "deep").mkdir(parents=True)
    (tmp_path / "fonts" / "deep" / "Present.ttf").touch()
    needs = [
        system_check.Need("lib", "libc.so.6", "libc6"),
        system_check.Need("lib", "libaccords-absent.so.9", "absent-lib"),
        system_check.Need("command", "sh", "dash"),
        system_check.Need("command", "accords-absent-command", "absent-command"),
        system_check.Need("file", f"{tmp_path}/fonts/**/Present.ttf", "fonts"),
        system_check.Need("file", f"{tmp_path}/fonts/**/Absent.ttf", "absent-fonts"),
        system_check.Need("module", "json", "python3"),
        system_check.Need("module", "accords_absent_module", "absent-module"),
    ]
    missing = system_check.find_missing(needs)
    assert [need.package for need in missing] == [
        "absent-lib",
        "absent-command",
        "absent-fonts",
        "absent-module",
    ]


def test_the_readme_lists_exactly_the_packages_of_the_one_list() -> None:
    with NEEDS_FILE.open("rb") as file:
        listed = {need["debian"] for need in tomllib.load(file)["needs"]}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(
        r"# The Debian packages of tools/system-packages.toml.*?\n(.*?)```", readme, re.S
    )
    assert block is not None, "the README no longer shows the list"
    shown = named_packages(block[1].replace("\\\n", " "))
    assert sorted(shown) == sorted(listed)
