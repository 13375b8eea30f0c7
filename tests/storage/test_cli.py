"""Tests for the `accords` command line, run as real subprocesses on temporary databases."""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from storage.cli import build_parser, main
from storage.records.query import RecordQuery
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
            "provision": accords(db, "show", "customs-training"),
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


def test_show_names_quoted_fields_as_the_window_labels_them(reads: dict[str, Result]) -> None:
    """`show` lists each quote under the field's label ("Document kind"), not its stored name."""
    out = reads["show"].out
    assert "    Document kind: \u201can Action Plan\u201d" in out
    assert "    Whole record: \u201c" in out
    assert "document_kind" not in out


def test_show_of_a_provision_names_its_document(reads: dict[str, Result]) -> None:
    assert "  document:  " in reads["provision"].out
    assert "(customs-mutual-administrative-assistance)" in reads["provision"].out


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


def test_without_a_command_it_points_to_accords_for_the_window(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`python -m storage.cli` runs commands only: the window is `accords`' (``gui.launch``),
    since the core does not import Qt. Bad usage, exit 2, and no database touched."""
    database = tmp_path / "accords.sqlite3"
    with pytest.raises(SystemExit) as exited:
        main(["--db", str(database)])
    assert exited.value.code == 2
    assert "`accords` with no command opens the window" in capsys.readouterr().err
    assert not database.exists()


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
        assert service.notes.get_note(int(note_id)).body == "new"
        assert [r.body for r in service.notes.note_revisions(int(note_id))] == ["from stdin"]
        (row,) = service.records.list_records(
            RecordQuery(ids=frozenset({service.records.resolve_id(SEPTEMBER)}))
        )
        assert row.last_note == "new"
    finally:
        service.close()


@pytest.mark.slow
def test_messages_name_statuses_as_shown_and_counts_in_the_right_number(
    writable_db: Path, env: dict[str, str], tmp_path: Path
) -> None:
    """No stored names ("in_force") and no "1 records" in what the command line prints."""
    slug = "agreement-on-security-cooperation"
    assert run(accords(writable_db, "status", slug, "in_force"), env).code == 0
    target = tmp_path / "one.csv"
    results = run_all(
        {
            "again": accords(writable_db, "status", slug, "in_force"),
            "one": accords(
                writable_db, "export", str(target), "--kind", "pledge", "--status", "delivered"
            ),
            "added": accords(writable_db, "note", slug, "--add", "first"),
        },
        env,
    )
    assert_one_line_error(results["again"], f"{slug} is already in force")
    assert results["one"].out == f"Exported 1 record to {target}.\n"
    note_id = re.findall(r"\d+", results["added"].out)[0]
    edited = run(accords(writable_db, "note", slug, "--edit", note_id, "second"), env)
    assert edited.out == f"Saved note {note_id}; 1 earlier version kept.\n"


# -- one line, never a traceback ---------------------------------------------------------------

HUGE = "99999999999999999999"
ROOT = os.geteuid() == 0
# Root passes every permission check; without these capabilities it meets the folder's bits.
AS_AN_ORDINARY_USER = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"] if ROOT else []


def assert_one_line(result: Result, code: int, *needles: str) -> None:
    """Exit ``code`` with one line on stderr naming the needles, and no traceback."""
    assert result.code == code, result
    assert "Traceback" not in result.err + result.out
    assert len(result.err.strip().splitlines()) == 1, result.err
    for needle in needles:
        assert needle in result.err, result.err


@pytest.fixture(scope="module")
def odd(seeded_db: Path, folder: Path, env: dict[str, str]) -> dict[str, Result]:
    """Odd arguments a user or a script may give, run side by side on the shared database."""
    (folder / "regular-file").write_text("x")
    db, plain = seeded_db, str(seeded_db)

    def on(target: str, *args: str) -> list[str]:
        return [sys.executable, "-m", "storage.cli", "--db", target, *args]

    return run_all(
        {
            "show-huge": accords(db, "show", HUGE),
            "status-huge": accords(db, "status", HUGE, "in_force"),
            "note-huge": accords(db, "note", HUGE, "--add", "x"),
            "note-edit-huge": accords(db, "note", PLAN, "--edit", HUGE, "x"),
            "show-superscript": accords(db, "show", "\u00b2"),
            "show-hash-huge": accords(db, "show", "#" + HUGE),
            "party-bytes": accords(db, "list", "--party", "\udcff"),
            "show-bytes": accords(db, "show", "\udcff"),
            "restore-long": accords(db, "restore", "b" * 300),
            # Port 1: no server there.
            "postgresql": on("postgresql://user@localhost:1/accords", "list"),
            "nonsense": on("nonsense://x", "list"),
            "mysql": on("mysql://x", "list"),
            "not-a-url": on("sqlite+pysqlite://:bad:port/x", "list"),
            "under-a-file": on(str(folder / "regular-file" / "x.sqlite3"), "list"),
            "empty-db": on("", "list"),
            "missing-root-folder": on("sqlite:////nonexistent-accords/dir/x.db", "list"),
            "missing-folder": on(str(folder / "missing" / "x.sqlite3"), "list"),
            "records-huge": accords(db, "generate", "--records", "9223372036854775808"),
            "records-negative": accords(db, "generate", "--records", "-5"),
            "records-zero": accords(db, "generate", "--records", "0"),
            "records-absurd": accords(db, "generate", "--records", "10" + "0" * 12),
            "records-text": accords(db, "generate", "--records", "\u0662"),
            "empty-note": accords(db, "note", PLAN, "--add", ""),
            "blank-note": accords(db, "note", PLAN, "--add", " \n\t "),
            "blank-stdin-note": accords(db, "note", PLAN, "--add", "-"),
            "list-plain": on(plain, "list"),
        },
        env,
        stdin={"blank-stdin-note": "\n\n"},
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "needle"),
    [
        ("show-huge", HUGE),
        ("status-huge", HUGE),
        ("note-huge", HUGE),
        ("note-edit-huge", HUGE),
        ("show-superscript", "\u00b2"),
        ("show-hash-huge", HUGE),
        ("show-bytes", "UTF-8"),
        ("restore-long", "bbbb"),
        ("empty-note", "empty"),
        ("blank-note", "empty"),
        ("blank-stdin-note", "empty"),
    ],
)
def test_an_odd_argument_is_one_line(odd: dict[str, Result], name: str, needle: str) -> None:
    """Huge numbers, look-alike digits, long names and empty notes: one line, status 1."""
    result = odd[name]
    assert result.code in (1, 2), result
    assert_one_line(result, result.code, needle)


@pytest.mark.slow
def test_bytes_that_are_not_utf8_are_refused_in_one_line(odd: dict[str, Result]) -> None:
    """`list --party $'\\xff'`: the argument is named as not UTF-8; nothing fails to print."""
    assert_one_line(odd["party-bytes"], 2, "UTF-8")
    assert "UnicodeEncodeError" not in odd["party-bytes"].err


@pytest.mark.slow
@pytest.mark.parametrize("name", ["nonsense", "mysql", "not-a-url"])
def test_only_sqlite_and_postgresql_databases_are_opened(odd: dict[str, Result], name: str) -> None:
    """A URL of another database system is refused in one line, before anything is made."""
    assert_one_line(odd[name], 1, "SQLite")


@pytest.mark.slow
def test_a_postgresql_server_that_is_not_there_is_one_line(odd: dict[str, Result]) -> None:
    assert_one_line(odd["postgresql"], 1, "Cannot reach the database server")


@pytest.mark.slow
def test_a_database_path_under_a_file_is_one_line(odd: dict[str, Result], folder: Path) -> None:
    """`--db somefile/x.sqlite3`: one line naming the file that is not a folder."""
    assert_one_line(odd["under-a-file"], 1, "regular-file")
    assert (folder / "regular-file").read_text() == "x"


@pytest.mark.slow
def test_an_empty_database_argument_is_bad_usage(odd: dict[str, Result]) -> None:
    """`--db ""` is a usage error, never the default database."""
    assert odd["empty-db"].code == 2, odd["empty-db"]
    assert "usage:" in odd["empty-db"].err
    assert "Traceback" not in odd["empty-db"].err


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "created"),
    [
        ("missing-root-folder", Path("/nonexistent-accords")),
        ("missing-folder", Path("missing")),
    ],
)
def test_no_folder_is_made_for_a_named_database(
    odd: dict[str, Result], folder: Path, name: str, created: Path
) -> None:
    """A database named in a folder that does not exist: one line, and no folder made."""
    assert_one_line(odd[name], 1, "does not exist")
    assert not (folder / created).exists()


@pytest.mark.slow
@pytest.mark.parametrize(
    "name", ["records-huge", "records-negative", "records-zero", "records-absurd", "records-text"]
)
def test_generate_takes_a_bounded_count(odd: dict[str, Result], name: str) -> None:
    """`generate --records N` names its allowed range for any N outside it."""
    assert odd[name].code == 2, odd[name]
    assert "1 to 10,000,000" in odd[name].err
    assert "Traceback" not in odd[name].err


def run_shell(script: str, *args: str, env: dict[str, str], stdin: bytes = b"") -> Result:
    """Run ``script`` in sh with ``args`` as $@ (for redirections a Popen cannot make)."""
    done = subprocess.run(
        ["sh", "-c", script, "sh", *args],
        input=stdin,
        capture_output=True,
        check=False,
        env=env,
        timeout=TIMEOUT,
    )
    return Result(done.returncode, done.stdout.decode(), done.stderr.decode())


@pytest.mark.slow
@pytest.mark.parametrize("command", [["list"], ["show", PLAN], ["check"]])
@pytest.mark.parametrize("redirect", [">/dev/full", ">&-"])
def test_output_that_cannot_be_written_is_one_line(
    seeded_db: Path, env: dict[str, str], command: list[str], redirect: str
) -> None:
    """A full or closed standard output: one line on stderr, status 1."""
    result = run_shell(f'exec "$@" {redirect}', *accords(seeded_db, *command), env=env)
    assert_one_line(result, 1, "output")


@pytest.mark.slow
def test_invalid_utf8_on_standard_input_is_called_so(seeded_db: Path, env: dict[str, str]) -> None:
    """`note X --add -` with bytes that are not UTF-8: named as such, nothing saved."""
    result = run_shell(
        'exec "$@"', *accords(seeded_db, "note", PLAN, "--add", "-"), env=env, stdin=b"ok \xff"
    )
    assert_one_line(result, 1, "not valid UTF-8")
    assert "surrogate" not in result.err


@pytest.mark.slow
def test_a_busy_database_says_nothing_was_changed(writable_db: Path, env: dict[str, str]) -> None:
    """The command line keeps no edit: busy means nothing changed, try again."""
    holder = sqlite3.connect(writable_db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = run(accords(writable_db, "status", PLAN, "in_force"), env)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert_one_line(result, 1, "busy", "nothing was changed")
    assert "kept" not in result.err


def set_slug(db: Path, record_id: int, slug: str) -> None:
    """Give a record a slug directly, as an older Accords could have."""
    with contextlib.closing(sqlite3.connect(db)) as connection, connection:
        connection.execute("UPDATE records SET slug = ? WHERE id = ?", (slug, record_id))


@pytest.mark.slow
def test_a_digits_only_slug_never_stands_for_another_record(
    writable_db: Path, env: dict[str, str]
) -> None:
    """A bare number whose digits are another record's slug is refused, naming both."""
    set_slug(writable_db, 7, "3")
    results = run_all(
        {
            "bare": accords(writable_db, "show", "3"),
            "number": accords(writable_db, "show", "#3"),
            "other": accords(writable_db, "show", "#7"),
            "status": accords(writable_db, "status", "3", "in_force"),
        },
        env,
    )
    assert_one_line(results["bare"], 1, "#3", "#7")
    assert_one_line(results["status"], 1, "#3", "#7")
    assert results["number"].code == 0, results["number"].err
    assert results["other"].code == 0, results["other"].err
    assert "id:        3 " in results["other"].out
    assert results["number"].out != results["other"].out


def test_a_new_record_never_gets_a_digits_only_slug(tmp_path: Path) -> None:
    """A record titled "2025" or "²" gets a slug that is not a record number."""
    service = AccordsService.open(str(tmp_path / "a.sqlite3"))
    try:
        slugs = [
            service.records.get_record(
                service.records.create_record("document", {"title": title})
            ).row.slug
            for title in ("2025", "12", "\u00b2", "\u00b2\u00b3")
        ]
    finally:
        service.close()
    assert not any(slug.isdigit() for slug in slugs), slugs
    assert slugs[0] == "document-2025"
    assert "2" not in slugs[2]


def read_only_subprocess(command: list[str], env: dict[str, str]) -> Result:
    """Run a command as a user the file's permission bits apply to (root: without overrides)."""
    return run(AS_AN_ORDINARY_USER + command, env)


@pytest.mark.slow
@pytest.mark.skipif(ROOT and shutil.which("setpriv") is None, reason="needs setpriv as root")
@pytest.mark.parametrize("locked", ["folder", "file"])
def test_a_read_only_database_is_read_and_not_written(
    tmp_path: Path, seeded_db: Path, env: dict[str, str], locked: str
) -> None:
    """Reading commands work read-only (said once on stderr); writing ones change nothing."""
    folder = tmp_path / "shelf"
    folder.mkdir()
    db = folder / "accords.sqlite3"
    db.write_bytes(seeded_db.read_bytes())
    before = db.read_bytes()
    (db if locked == "file" else folder).chmod(0o444 if locked == "file" else 0o555)
    try:
        listed = read_only_subprocess(accords(db, "list"), env)
        shown = read_only_subprocess(accords(db, "show", PLAN), env)
        exported = read_only_subprocess(accords(db, "export", str(tmp_path / "o.csv")), env)
        changed = read_only_subprocess(accords(db, "status", PLAN, "in_force"), env)
        noted = read_only_subprocess(accords(db, "note", PLAN, "--add", "x"), env)
    finally:
        folder.chmod(0o755)
        db.chmod(0o644)
    for result in (listed, shown, exported):
        assert result.code == 0, result
        assert result.err.count("opened read-only") == 1, result.err
    assert PLAN in listed.out
    assert (tmp_path / "o.csv").exists()
    for result in (changed, noted):
        assert_one_line(result, 1, "read-only", "nothing was changed")
    assert db.read_bytes() == before
    # SQLite may leave its (empty) WAL files beside a read-only file in a folder it can write.
    left = {p.name for p in folder.iterdir()} - {"accords.sqlite3-wal", "accords.sqlite3-shm"}
    assert left == {"accords.sqlite3"}


# -- the whole command line, fuzzed -----------------------------------------------------------

COMMANDS = ["list", "show", "status", "note", "export", "check", "seed", "backup", "restore"]
OPTIONS = [
    "--add",
    "--edit",
    "--party",
    "--kind",
    "--status",
    "--tag",
    "--search",
    "--format",
    "--sort",
    "--descending",
    "--trash",
    "--overdue",
    "--comment",
    "--evidence",
    "--list",
    "--excel",
    "--delimiter",
    "--no-notes",
    "--rebuild-search",
    "--records",
    "--seed",
    "--file",
    "--help",
    "--",
]
ODD_VALUES = [
    "",
    " ",
    "-",
    "#",
    "#1",
    "#0",
    "0",
    "1",
    "3",
    "12",
    HUGE,
    "-1",
    "9223372036854775808",
    "\u00b2",
    "\u0662",
    "\udcff",
    "\udcc3\udca9",
    "a" * 300,
    "e\u0301",
    "\u202e",
    "tab\t",
    PLAN,
    SEPTEMBER,
    "in_force",
    "signed",
    "document",
    "pledge",
    "json",
    "csv",
    "canada",
    "nonsense://x",
    "postgresql://u@h/d",
    "sqlite:///",
    "sqlite:////nonexistent-accords-fuzz/x",
    "..",
    ".",
    "~",
    "out.csv",
]


def argument_lists(folder: Path, *, nul: bool) -> st.SearchStrategy[list[str]]:
    """A command, positional values, then options with values; paths stay inside ``folder``."""
    alphabet = st.characters(blacklist_characters="/" + ("" if nul else "\x00"))
    value = (
        st.sampled_from(ODD_VALUES)
        | st.text(alphabet, max_size=12)
        | st.integers(-(10**25), 10**25).map(str)
        | st.sampled_from([str(folder / "missing" / "x.sqlite3"), str(folder / "o.csv")])
    )
    option = st.tuples(st.sampled_from(OPTIONS), value) | st.tuples(st.sampled_from(OPTIONS))
    return st.tuples(
        st.sampled_from([*COMMANDS, "generate"]),
        st.lists(value, max_size=2),
        st.lists(option, max_size=3),
    ).map(lambda parts: [parts[0], *parts[1], *(a for pair in parts[2] for a in pair)])


def generates_many(argv: list[str]) -> bool:
    """Whether ``argv`` could ask `generate` for more than a handful of records."""
    return "generate" in argv and any(
        re.fullmatch(r"[0-9]+", a) and int(a) > 20 for a in argv if len(a) < 30
    )


@pytest.fixture(scope="module")
def fuzz_folder(tmp_path_factory: pytest.TempPathFactory, seeded_db: Path) -> Path:
    """A working folder with its own copy of the seeded database."""
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "fuzz.sqlite3").write_bytes(seeded_db.read_bytes())
    return folder


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_the_command_line_never_raises(fuzz_folder: Path, data: st.DataObject) -> None:
    """Any argument list ends in 0, 1 or 2 (or argparse's exit 0/2), never an exception."""
    argv = data.draw(argument_lists(fuzz_folder, nul=True))
    assume(not generates_many(argv))
    db = data.draw(st.sampled_from([str(fuzz_folder / "fuzz.sqlite3"), *ODD_VALUES[:12]]))
    out, err = io.StringIO(), io.StringIO()
    stdin = io.TextIOWrapper(io.BytesIO(b"note \xff text"), encoding="utf-8")
    here = Path.cwd()
    os.chdir(fuzz_folder)  # relative paths in the arguments land here
    try:
        with (
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(err),
            mock.patch.object(sys, "stdin", stdin),
        ):
            try:
                code = main(["--db", db, *argv])
            except SystemExit as exited:
                code = exited.code if isinstance(exited.code, int) else -1
                assert code in (0, 2), (argv, err.getvalue())
    finally:
        os.chdir(here)
    assert code in (0, 1, 2), (argv, err.getvalue())
    assert "Traceback" not in err.getvalue()
    if code == 1:
        assert len(err.getvalue().strip().splitlines()) >= 1


@pytest.mark.slow
@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_the_command_line_never_raises_in_a_process(
    fuzz_folder: Path, env: dict[str, str], data: st.DataObject
) -> None:
    """A sample of the same through the real `accords` process: no traceback, status 0/1/2."""
    argv = data.draw(argument_lists(fuzz_folder, nul=False))
    assume(not generates_many(argv))
    done = subprocess.run(
        accords(fuzz_folder / "fuzz.sqlite3", *argv),
        input=b"",
        capture_output=True,
        env=env,
        cwd=fuzz_folder,
        timeout=TIMEOUT,
        check=False,
    )
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode in (0, 1, 2), (argv, err)
    assert "Traceback" not in err, (argv, err)


def csv_rows(result: Result) -> dict[str, dict[str, str]]:
    """The records `list --format csv` printed, by id."""
    assert result.code == 0, result.err
    return {row["id"]: row for row in csv.DictReader(io.StringIO(result.out))}


@pytest.mark.slow
def test_a_seeded_status_is_dated_from_its_document(reads: dict[str, Result]) -> None:
    """A seeded status took effect on the record's date, not on the day of seeding; `show`
    gives both."""
    rows = csv_rows(reads["csv"])
    assert rows[PLAN]["status_since"] == "2025-08-24"
    assert rows[SEPTEMBER]["status_since"] == "2025-08-24"
    assert "Signed since 2025-08-24 (recorded " in reads["show"].out
    assert re.search(r"^    2025-08-24 New -> Signed by seed \(recorded ", reads["show"].out, re.M)


@pytest.mark.slow
def test_a_status_takes_effect_on_the_day_given(writable_db: Path, env: dict[str, str]) -> None:
    """`status --on DAY` dates the new status; `show` and the CSV say since then."""
    changed = run(accords(writable_db, "status", PLAN, "in_force", "--on", "2025-10-01"), env)
    assert changed.code == 0, changed.err
    assert "now in force since 2025-10-01" in changed.out
    shown = run_all(
        {
            "show": accords(writable_db, "show", PLAN),
            "csv": accords(writable_db, "list", "--format", "csv"),
        },
        env,
    )
    assert "In force since 2025-10-01 (recorded " in shown["show"].out
    assert "    2025-10-01 Signed -> In force by " in shown["show"].out
    assert csv_rows(shown["csv"])[PLAN]["status_since"] == "2025-10-01"


@pytest.mark.slow
def test_a_status_without_a_day_takes_effect_today(writable_db: Path, env: dict[str, str]) -> None:
    """Without --on the status took effect today; a day to come or no date is refused."""
    today = date.today().isoformat()
    results = run_all(
        {
            "future": accords(writable_db, "status", PLAN, "in_force", "--on", "2999-01-01"),
            "nonsense": accords(writable_db, "status", PLAN, "in_force", "--on", "2025-13-01"),
        },
        env,
    )
    assert_one_line_error(results["future"], "2999-01-01", "after today")
    assert results["nonsense"].code == 2
    assert "YYYY-MM-DD" in results["nonsense"].err and "Traceback" not in results["nonsense"].err
    assert run(accords(writable_db, "status", PLAN, "in_force"), env).code == 0
    rows = csv_rows(run(accords(writable_db, "list", "--format", "csv"), env))
    assert rows[PLAN]["status_since"] == today


@pytest.mark.slow
def test_csv_parties_are_a_list_like_the_others(reads: dict[str, Result]) -> None:
    """A document's parties are separated by "; " as every list column; a pledge keeps its
    donor → recipient."""
    rows = csv_rows(reads["csv"])
    assert rows[PLAN]["parties"] == "Ukraine; Canada"
    assert rows[SEPTEMBER]["parties"] == "Canada → Ukraine"


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
        assert service.records.get_record(PLAN).row.status == "in_force"
    elif command[0] == "note":
        assert [n.body for n in service.records.get_record(PLAN).notes] == [command[-1]]
    service.close()
