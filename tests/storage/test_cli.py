"""Tests for the `accords` command line, run as real subprocesses on temporary databases."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storage.cli import build_parser, main, write_json_array
from storage.query import RecordQuery
from storage.service import AccordsService

SEPTEMBER = "september-2025-drones-ammunition-armored-vehicles"
PLAN = "action-plan-security-cooperation"
SEEDED = {
    "agreement-on-security-cooperation",
    PLAN,
    "letter-of-intent-joint-defense-production",
    "customs-mutual-administrative-assistance",
    "canada-assistance-since-2022",
    "canada-ukrainian-refugees-accepted",
    SEPTEMBER,
    "financing-joint-defense-production",
}
BOM = b"\xef\xbb\xbf"
NOT_A_DATABASE = b"not a database" * 100
TIMEOUT = 120


@dataclass(frozen=True)
class Result:
    """What one run of the command line did."""

    code: int
    out: str
    err: str


def accords(db: Path, *args: str) -> list[str]:
    """The command line for `accords --db DB ARGS...`."""
    return [sys.executable, "-m", "storage.cli", "--db", str(db), *args]


def environment(data: Path) -> dict[str, str]:
    """The process environment: an isolated data folder and no screen."""
    env = {k: v for k, v in os.environ.items() if k != "ACCORDS_DB"}
    env.update(ACCORDS_DATA_DIR=str(data), QT_QPA_PLATFORM="offscreen", PYTHONUTF8="1")
    return env


def run_all(
    commands: dict[str, list[str]], env: dict[str, str], stdin: dict[str, str] | None = None
) -> dict[str, Result]:
    """Run several commands at once (each start costs about half a second) and collect them."""
    stdin = stdin or {}
    started = {
        name: subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
            encoding="utf-8",
        )
        for name, command in commands.items()
    }
    results = {}
    for name, process in started.items():
        out, err = process.communicate(stdin.get(name, ""), timeout=TIMEOUT)
        results[name] = Result(process.returncode, out, err)
    return results


def run(command: list[str], env: dict[str, str], stdin: str = "") -> Result:
    """Run one command and collect what it did."""
    return run_all({"one": command}, env, {"one": stdin})["one"]


def assert_one_line_error(result: Result, *needles: str) -> None:
    """A user error: exit 1, one line on stderr naming the needles, and no traceback."""
    assert result.code == 1, result
    assert "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) == 1, result.err
    for needle in needles:
        assert needle in result.err


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The module's working folder."""
    return tmp_path_factory.mktemp("cli")


@pytest.fixture(scope="module")
def env(folder: Path) -> dict[str, str]:
    """The environment every command runs in."""
    return environment(folder / "data")


@pytest.fixture(scope="module")
def seeded_db(folder: Path) -> Path:
    """A seeded database that the read-only commands share."""
    path = folder / "shared.sqlite3"
    AccordsService.open(str(path)).close()
    return path


@pytest.fixture(scope="module")
def reads(seeded_db: Path, folder: Path, env: dict[str, str]) -> dict[str, Result]:
    """Every read-only command of this module, run side by side on the shared database."""
    junk = folder / "junk.sqlite3"
    junk.write_bytes(NOT_A_DATABASE)
    db = seeded_db
    return run_all(
        {
            "list": accords(db, "list"),
            "json": accords(db, "list", "--format", "json"),
            "csv": accords(db, "list", "--format", "csv"),
            "overdue": accords(db, "list", "--overdue", "--format", "json"),
            "show": accords(db, "show", PLAN),
            "missing": accords(db, "show", "no-such-record"),
            "excel": accords(db, "export", str(folder / "out.csv"), "--excel"),
            "unwritable": accords(db, "export", "/nonexistent-dir/x.csv"),
            "check": accords(db, "check"),
            "junk-list": accords(junk, "list"),
            "junk-check": accords(junk, "check"),
            "xml": accords(db, "list", "--format", "xml"),
            "unknown": accords(db, "frobnicate"),
            "help": accords(db, "--help"),
            "bad-status": accords(db, "status", "agreement-on-security-cooperation", "bogus"),
        },
        env,
    )


def test_list_prints_the_seeded_records(reads: dict[str, Result]) -> None:
    """`list` exits 0 and prints every seeded document and pledge."""
    result = reads["list"]
    assert result.code == 0, result.err
    for slug in SEEDED:
        assert slug in result.out


def test_list_as_json(reads: dict[str, Result]) -> None:
    """`list --format json` is valid JSON with one entry per document and pledge."""
    result = reads["json"]
    assert result.code == 0, result.err
    rows = json.loads(result.out)
    assert len(rows) == 8
    assert {row["id"] for row in rows} == SEEDED


def test_list_as_csv(reads: dict[str, Result]) -> None:
    """`list --format csv` writes the export header and the records."""
    result = reads["csv"]
    assert result.code == 0, result.err
    rows = list(csv.reader(io.StringIO(result.out)))
    assert rows[0][:4] == ["id", "kind", "title", "status"]
    assert {row[0] for row in rows[1:]} == SEEDED


@pytest.mark.parametrize("output", ["table", "csv", "json"])
def test_a_reader_that_goes_away_is_no_error(
    seeded_db: Path, env: dict[str, str], output: str
) -> None:
    """`accords list | head`: when the reader closes the pipe, the command stops quietly."""
    child = subprocess.Popen(
        accords(seeded_db, "list", "--format", output),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert child.stdout is not None
    child.stdout.close()  # before the child has written anything: it starts in ~0.5 s
    _, err = child.communicate(timeout=TIMEOUT)
    assert (child.returncode, err.decode()) == (0, "")


def test_list_overdue(reads: dict[str, Result]) -> None:
    """`list --overdue` shows only the September 2025 pledge."""
    result = reads["overdue"]
    assert result.code == 0, result.err
    assert [row["id"] for row in json.loads(result.out)] == [SEPTEMBER]


def test_show_prints_signatories(reads: dict[str, Result]) -> None:
    """`show` of the action plan exits 0 and names its signatories."""
    result = reads["show"]
    assert result.code == 0, result.err
    assert "Volodymyr Zelensky" in result.out
    assert "Mark Carney" in result.out


def test_show_unknown_record(reads: dict[str, Result]) -> None:
    """`show` of an unknown record fails with one line naming it."""
    assert_one_line_error(reads["missing"], "no-such-record")
    assert reads["missing"].out == ""


def test_export_excel(reads: dict[str, Result], folder: Path) -> None:
    """`export FILE --excel` exits 0 and writes a file that starts with the BOM."""
    assert reads["excel"].code == 0, reads["excel"].err
    content = (folder / "out.csv").read_bytes()
    assert content.startswith(BOM)
    assert len(content.decode("utf-8-sig").splitlines()) > 8


def test_export_to_missing_folder(reads: dict[str, Result]) -> None:
    """An export into a folder that does not exist fails with one line naming the path."""
    assert_one_line_error(reads["unwritable"], "/nonexistent-dir/x.csv")


def test_check_reports_findings(reads: dict[str, Result]) -> None:
    """`check` exits 0 on the seeded database and prints the known data-quality findings."""
    result = reads["check"]
    assert result.code == 0, result.err
    assert "contradictory-equivalent" in result.out
    assert "ambiguous-currency" in result.out


@pytest.mark.parametrize("name", ["junk-list", "junk-check"])
def test_not_a_database(reads: dict[str, Result], folder: Path, name: str) -> None:
    """A file that is not a database fails with a message naming it and is left unchanged."""
    result = reads[name]
    junk = folder / "junk.sqlite3"
    assert result.code == 1, result
    assert "Traceback" not in result.err
    assert str(junk) in result.err + result.out
    assert junk.read_bytes() == NOT_A_DATABASE


@pytest.mark.parametrize("name", ["xml", "unknown"])
def test_bad_usage_exits_2(reads: dict[str, Result], name: str) -> None:
    """An invalid choice or an unknown command is a usage error, exit code 2."""
    assert reads[name].code == 2
    assert "Traceback" not in reads[name].err
    assert "usage:" in reads[name].err


def test_program_help_exits_0(reads: dict[str, Result]) -> None:
    """`accords --help` exits 0 and prints the usage and the commands."""
    assert reads["help"].code == 0, reads["help"].err
    assert "usage:" in reads["help"].out
    assert "export" in reads["help"].out


def test_every_command_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    """`--help` of each command exits 0 (in-process: argparse exits before any work)."""
    subparsers = next(
        action
        for action in build_parser()._actions
        if isinstance(action, argparse._SubParsersAction)
    )
    names = sorted(subparsers.choices)
    assert {"list", "show", "status", "note", "export", "check", "seed"} <= set(names)
    for name in names:
        with pytest.raises(SystemExit) as exited:
            main([name, "--help"])
        assert exited.value.code == 0, name
        assert f"usage: accords {name}" in capsys.readouterr().out


# -- commands that change a database -----------------------------------------------------------


@pytest.fixture
def writable_db(tmp_path: Path, seeded_db: Path) -> Path:
    """A copy of the seeded database that a test may change."""
    path = tmp_path / "edit.sqlite3"
    path.write_bytes(seeded_db.read_bytes())
    return path


def test_bad_status_is_refused(reads: dict[str, Result]) -> None:
    """`status SLUG bogus` fails with one line naming the status."""
    assert_one_line_error(reads["bad-status"], "bogus")


def test_status_change_is_shown_in_history(writable_db: Path, env: dict[str, str]) -> None:
    """A status change through the command line appears in `show`'s history."""
    slug = "agreement-on-security-cooperation"
    changed = run(accords(writable_db, "status", slug, "in_force", "--comment", "x"), env)
    assert changed.code == 0, changed.err
    shown = run(accords(writable_db, "show", slug), env)
    assert shown.code == 0, shown.err
    assert re.search(r"Signed -> In force by .+: x$", shown.out, re.MULTILINE), shown.out


def test_notes_from_stdin_and_edits(writable_db: Path, env: dict[str, str]) -> None:
    """`note --add -` reads standard input; `note --edit` keeps the earlier text."""
    added = run(accords(writable_db, "note", SEPTEMBER, "--add", "-"), env, stdin="from stdin")
    assert added.code == 0, added.err
    match = re.search(r"\d+", added.out)
    assert match, added.out
    note_id = match.group()
    edited = run(accords(writable_db, "note", SEPTEMBER, "--edit", note_id, "new"), env)
    assert edited.code == 0, edited.err

    service = AccordsService.open(str(writable_db), seed=False)
    try:
        assert service.get_note(int(note_id)).body == "new"
        assert [r.body for r in service.note_revisions(int(note_id))] == ["from stdin"]
        (row,) = service.list_records(RecordQuery(ids=frozenset({service.resolve_id(SEPTEMBER)})))
        assert row.last_note == "new"
    finally:
        service.close()


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=12,
)


@given(st.lists(JSON_VALUES, max_size=4))
def test_a_streamed_json_array_reads_as_json_dump_would_write_it(items: list[object]) -> None:
    streamed = io.StringIO()
    write_json_array(iter(items), streamed)
    assert streamed.getvalue() == json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def test_a_json_array_is_written_while_its_items_are_still_coming() -> None:
    out = io.StringIO()
    written_before_last: list[str] = []

    def rows() -> Iterator[dict[str, int]]:
        yield {"id": 1}
        written_before_last.append(out.getvalue())
        yield {"id": 2}

    write_json_array(rows(), out)
    assert '"id": 1' in written_before_last[0]
    assert json.loads(out.getvalue()) == [{"id": 1}, {"id": 2}]


@pytest.mark.slow
@pytest.mark.parametrize(
    "command",
    [
        ("status", PLAN, "in_force"),
        ("note", PLAN, "--add", "saved even though stdout is full"),
        ("backup",),
    ],
)
def test_a_saved_change_says_so_when_its_confirmation_cannot_be_printed(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    """`accords status ... > /dev/full`: status 1 and one line saying the change WAS saved."""
    db = tmp_path / "accords.sqlite3"
    AccordsService.open(str(db)).close()
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            accords(db, *command),
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env=environment(tmp_path / "data"),
            timeout=TIMEOUT,
            check=False,
        )
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr, done.stderr
    assert done.stderr.startswith("accords: the change was saved"), done.stderr
    service = AccordsService.open(str(db))
    if command[0] == "status":
        assert service.get_record(PLAN).row.status == "in_force"
    elif command[0] == "note":
        assert [n.body for n in service.get_record(PLAN).notes] == [command[-1]]
    service.close()
