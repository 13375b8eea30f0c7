"""Tests for storage.transfer.csvfile: RFC 4180 round trips, formula neutralising, atomic writes."""

from __future__ import annotations

import csv
import errno
import io
import os
import stat
import tempfile
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storage.errors import ExportError
from storage.transfer.csvfile import (
    CellValue,
    ExportCancelled,
    format_cell,
    neutralise_formula,
    write_csv,
    write_csv_lines,
)

BOM = b"\xef\xbb\xbf"
DELIMITERS = [",", ";", "\t"]
# Written out here rather than imported so that a wrong constant in the module fails the tests.
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
OLD_CONTENT = b"old,content\r\nkept,exactly\r\n"

OWASP_PAYLOADS = [
    "=1+1",
    "+1",
    "-1+1",
    "@SUM(A1:A2)",
    "\t=1",
    "\r=1",
    '=HYPERLINK("http://x","y")',
    "=cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@cmd",
    "=1,2",
    '="a"\r\n=2',
]

AWKWARD = [
    ",",
    ";",
    "\t",
    '"',
    '""',
    "\r\n",
    "\n",
    "\r",
    " ",
    "'",
    "\u02bc",  # modifier letter apostrophe
    "\u200f",  # right-to-left mark
    "\u202e",  # right-to-left override
    "\u200d",  # zero-width joiner
    "\U0001f91d",  # handshake emoji
    "\U0001f469\u200d\U0001f4bb",  # emoji ZWJ sequence
    "e\u0301",  # combining acute accent
    "\u0627\u062a\u0641\u0627\u0642",  # Arabic text
    "=",
    "+",
    "-",
    "@",
]

# Any text except lone surrogates (not encodable as UTF-8) and NUL (not valid in CSV).
plain_text = st.text(alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x00"))
cell_text = st.lists(st.one_of(plain_text, st.sampled_from(AWKWARD)), max_size=4).map("".join)


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[str], list[list[str]]]:
    width = draw(st.integers(min_value=1, max_value=4))
    row = st.lists(cell_text, min_size=width, max_size=width)
    return draw(row), draw(st.lists(row, max_size=5))


def read_back(path: Path, *, excel: bool = False, delimiter: str = ",") -> list[list[str]]:
    encoding = "utf-8-sig" if excel else "utf-8"
    with path.open(encoding=encoding, newline="") as stream:
        return list(csv.reader(stream, delimiter=delimiter, strict=True))


def expected_excel(text: str) -> str:
    return "'" + text if text[:1] in TRIGGERS else text


def existing_target(directory: Path) -> Path:
    target = directory / "export.csv"
    target.write_bytes(OLD_CONTENT)
    return target


# --- round trips ------------------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", DELIMITERS, ids=["comma", "semicolon", "tab"])
@settings(max_examples=150, deadline=None)
@given(table=tables(), excel=st.booleans())
def test_text_round_trips_exactly(
    delimiter: str, table: tuple[list[str], list[list[str]]], excel: bool
) -> None:
    header, rows = table
    with tempfile.TemporaryDirectory() as directory:
        target = Path(directory) / "out.csv"
        count = write_csv(target, header, rows, excel=excel, delimiter=delimiter)
        raw = target.read_bytes()
        back = read_back(target, excel=excel, delimiter=delimiter)

    assert count == len(rows)
    if excel:
        assert raw.startswith(BOM)
    else:
        # Only a first header cell that itself begins with U+FEFF may put those bytes first.
        assert not raw.startswith(BOM) or header[0].startswith("\ufeff")
    assert raw.endswith(b"\r\n")
    if excel:
        assert back == [[expected_excel(cell) for cell in row] for row in [header, *rows]]
    else:
        assert back == [header, *rows]
        # Byte-exact: every cell's UTF-8 bytes appear verbatim in the file (quotes are doubled).
        for row in [header, *rows]:
            for cell in row:
                assert cell.replace('"', '""').encode("utf-8") in raw


def test_plain_profile_bytes_are_rfc_4180(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    rows: list[list[CellValue]] = [
        ["a,b", 'say "hi"', "two\nlines"],
        ["cr\rhere", "", None],
        ["=1+1", 7, Decimal("2.50")],
    ]
    assert write_csv(target, ["h1", "h2", "h3"], rows) == 3
    assert target.read_bytes() == (
        b'h1,h2,h3\r\n"a,b","say ""hi""","two\nlines"\r\n"cr\rhere",,\r\n=1+1,7,2.50\r\n'
    )


def test_quoting_follows_the_delimiter(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    write_csv(target, ["h"], [["a;b", "a,b", "a\tb"]], delimiter=";")
    assert target.read_bytes() == b'h\r\n"a;b";a,b;a\tb\r\n'


def test_exact_unicode_bytes(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    cells = [
        "don\u02bct",
        "\u200f\u0627\u062a\u0641\u0627\u0642",
        "\u202eabc",
        "\U0001f91d",
        "e\u0301",
    ]
    write_csv(target, ["x"] * len(cells), [cells])
    body = ",".join(cells).encode("utf-8") + b"\r\n"
    assert target.read_bytes() == b"x,x,x,x,x\r\n" + body


def test_excel_profile_starts_with_bom(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    write_csv(target, ["name"], [["x"]], excel=True)
    assert target.read_bytes() == BOM + b"name\r\nx\r\n"


def test_plain_profile_has_no_bom(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    write_csv(target, ["name"], [["x"]])
    assert not target.read_bytes().startswith(BOM)
    assert target.read_bytes() == b"name\r\nx\r\n"


def test_empty_rows_write_only_the_header(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    assert write_csv(target, ["a", "b"], iter([])) == 0
    assert target.read_bytes() == b"a,b\r\n"


# --- formula neutralisation -------------------------------------------------------------------


@pytest.mark.parametrize("payload", OWASP_PAYLOADS)
def test_owasp_payloads_are_neutralised_in_excel_profile(tmp_path: Path, payload: str) -> None:
    target = tmp_path / "out.csv"
    write_csv(target, ["text"], [[payload]], excel=True)
    assert read_back(target, excel=True) == [["text"], ["'" + payload]]


@pytest.mark.parametrize("payload", [p for p in OWASP_PAYLOADS if p != "+1"])
def test_owasp_payloads_are_neutralised_in_numeric_columns(tmp_path: Path, payload: str) -> None:
    # A str in a number column is only left alone when it is a plain number such as "+1".
    target = tmp_path / "out.csv"
    write_csv(target, ["amount"], [[payload]], excel=True, numeric_columns=frozenset({0}))
    assert read_back(target, excel=True) == [["amount"], ["'" + payload]]


@pytest.mark.parametrize("payload", OWASP_PAYLOADS)
def test_plain_profile_leaves_payloads_alone(tmp_path: Path, payload: str) -> None:
    target = tmp_path / "out.csv"
    write_csv(target, ["text"], [[payload]])
    assert read_back(target) == [["text"], [payload]]


def test_numbers_in_numeric_columns_stay_numbers(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    rows: list[list[CellValue]] = [
        [Decimal("-1.3"), -5, "-1.3", "-7", None],
        [Decimal("2.2E+10"), +3, "+4", "-1+1", "@SUM(A1)"],
    ]
    write_csv(target, list("abcde"), rows, excel=True, numeric_columns=frozenset(range(5)))
    assert read_back(target, excel=True)[1:] == [
        ["-1.3", "-5", "-1.3", "-7", ""],
        ["22000000000", "3", "+4", "'-1+1", "'@SUM(A1)"],
    ]


def test_numbers_outside_numeric_columns_are_text(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    write_csv(target, ["a", "b"], [[Decimal("-1.3"), -5]], excel=True)
    assert read_back(target, excel=True)[1] == ["'-1.3", "'-5"]


def test_excel_header_is_neutralised(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    write_csv(target, ["=evil", "fine"], [], excel=True)
    assert read_back(target, excel=True) == [["'=evil", "fine"]]


@pytest.mark.parametrize("trigger", TRIGGERS)
def test_neutralise_formula_prefixes_each_trigger(trigger: str) -> None:
    assert neutralise_formula(trigger + "x") == "'" + trigger + "x"


@pytest.mark.parametrize("text", ["", "plain", " =1", "'=1", "1-2", "a=b", "\n=1", "\u02bc=1"])
def test_neutralise_formula_leaves_other_text_alone(text: str) -> None:
    assert neutralise_formula(text) == text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("2.2E+10"), "22000000000"),
        (Decimal("-1.30"), "-1.30"),
        (Decimal("1E-7"), "0.0000001"),
        (Decimal("1.30E+1"), "13.0"),
        (Decimal("0"), "0"),
        (-5, "-5"),
        (12345678901234567890, "12345678901234567890"),
        (None, ""),
        ("text", "text"),
    ],
)
def test_format_cell_plain(value: CellValue, expected: str) -> None:
    assert format_cell(value, excel=False, numeric=True) == expected
    assert format_cell(value, excel=False, numeric=False) == expected


@pytest.mark.parametrize(
    ("value", "numeric", "expected"),
    [
        (Decimal("-1.30"), True, "-1.30"),
        (Decimal("-1.30"), False, "'-1.30"),
        (-5, True, "-5"),
        (-5, False, "'-5"),
        ("-1.5", True, "-1.5"),
        ("-1.5e3", True, "-1.5e3"),
        ("-1.5", False, "'-1.5"),
        ("-1+1", True, "'-1+1"),
        ("-Infinity", True, "'-Infinity"),
        ("-NaN", True, "'-NaN"),
        ("\t-1", True, "'\t-1"),
        ("-1_000", True, "'-1_000"),
        (Decimal("-Infinity"), True, "'-Infinity"),
        (None, True, ""),
        ("", False, ""),
    ],
)
def test_format_cell_excel(value: CellValue, numeric: bool, expected: str) -> None:
    assert format_cell(value, excel=True, numeric=numeric) == expected


# --- arguments --------------------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", ["|", ":", "", ",,", " ", '"', "\n"])
def test_invalid_delimiter_is_rejected(tmp_path: Path, delimiter: str) -> None:
    target = tmp_path / "out.csv"
    with pytest.raises(ValueError, match="delimiter"):
        write_csv(target, ["a"], [["b"]], delimiter=delimiter)
    assert os.listdir(tmp_path) == []


def test_progress_is_reported_every_thousand_rows(tmp_path: Path) -> None:
    calls: list[int] = []

    def progress(done: int) -> bool:
        calls.append(done)
        return True

    target = tmp_path / "out.csv"
    count = write_csv(target, ["n"], ([i] for i in range(2500)), progress=progress)
    assert count == 2500
    assert calls == [1000, 2000]
    assert len(read_back(target)) == 2501


def test_rows_are_streamed_not_materialised(tmp_path: Path) -> None:
    pulled = 0

    def endless() -> Iterator[Sequence[CellValue]]:
        nonlocal pulled
        while pulled < 1_000_000:
            pulled += 1
            yield [pulled, "row"]
        raise AssertionError("write_csv consumed every row before writing")

    with pytest.raises(ExportCancelled):
        write_csv(tmp_path / "out.csv", ["n", "t"], endless(), progress=lambda done: done < 3000)
    assert pulled == 3000


def test_stdout_target(capsys: pytest.CaptureFixture[str]) -> None:
    assert write_csv(None, ["a", "b"], [["=1", "x,y"]], excel=True) == 1
    out = capsys.readouterr().out
    assert out == '\ufeffa,b\r\n\'=1,"x,y"\r\n'


def test_stdout_cancellation(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(ExportCancelled, match="standard output"):
        write_csv(None, ["n"], ([i] for i in range(1500)), progress=lambda done: False)
    assert capsys.readouterr().out.count("\r\n") == 1001


# --- lines rendered elsewhere ----------------------------------------------------------------


@pytest.mark.parametrize("delimiter", DELIMITERS, ids=["comma", "semicolon", "tab"])
@pytest.mark.parametrize("excel", [False, True], ids=["plain", "excel"])
def test_lines_get_the_same_bom_and_header(tmp_path: Path, delimiter: str, excel: bool) -> None:
    """write_csv_lines writes the header and BOM as write_csv does, then the lines verbatim."""
    rows = [["=1", "x,y; z"], ["plain", '"quoted"\t']]
    expected, actual = tmp_path / "rows.csv", tmp_path / "lines.csv"
    write_csv(expected, ["=a", "b"], rows, excel=excel, delimiter=delimiter)
    lines = expected.read_bytes().decode("utf-8-sig").split("\r\n")[1:-1]
    count = write_csv_lines(
        actual, ["=a", "b"], (line + "\r\n" for line in lines), excel=excel, delimiter=delimiter
    )
    assert count == 2
    assert actual.read_bytes() == expected.read_bytes()


def test_lines_are_streamed_with_progress(tmp_path: Path) -> None:
    """Lines are pulled one at a time, with the same progress and cancellation as rows."""
    pulled = 0

    def endless() -> Iterator[str]:
        nonlocal pulled
        while pulled < 1_000_000:
            pulled += 1
            yield f"{pulled}\r\n"
        raise AssertionError("write_csv_lines consumed every line before writing")

    target = existing_target(tmp_path)
    with pytest.raises(ExportCancelled, match="nothing was written"):
        write_csv_lines(target, ["n"], endless(), progress=lambda done: done < 3000)
    assert pulled == 3000
    assert target.read_bytes() == OLD_CONTENT


def test_lines_refuse_an_invalid_delimiter(tmp_path: Path) -> None:
    """The delimiter is checked before any line is pulled."""

    def untouchable() -> Iterator[str]:
        raise AssertionError("a line was pulled")
        yield ""

    with pytest.raises(ValueError, match="delimiter"):
        write_csv_lines(tmp_path / "out.csv", ["a"], untouchable(), delimiter="|")
    assert os.listdir(tmp_path) == []


# --- atomicity and failures -------------------------------------------------------------------


def assert_untouched(target: Path, before: list[str]) -> None:
    assert target.read_bytes() == OLD_CONTENT
    assert sorted(os.listdir(target.parent)) == before
    assert not [name for name in os.listdir(target.parent) if name.endswith(".part")]


def test_new_file_is_written_and_nothing_else_is_left(tmp_path: Path) -> None:
    target = tmp_path / "new.csv"
    write_csv(target, ["a"], [["b"]])
    assert os.listdir(tmp_path) == ["new.csv"]
    assert target.read_bytes() == b"a\r\nb\r\n"


def test_existing_file_is_replaced(tmp_path: Path) -> None:
    target = existing_target(tmp_path)
    write_csv(target, ["a"], [["b"]])
    assert target.read_bytes() == b"a\r\nb\r\n"
    assert os.listdir(tmp_path) == ["export.csv"]


def test_existing_permissions_are_kept(tmp_path: Path) -> None:
    target = existing_target(tmp_path)
    target.chmod(0o640)
    write_csv(target, ["a"], [["b"]])
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_new_file_gets_umask_permissions(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_csv(tmp_path / "new.csv", ["a"], [["b"]])
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.csv").stat().st_mode) == 0o640


def test_symlink_target_keeps_the_link(tmp_path: Path) -> None:
    real = existing_target(tmp_path)
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    write_csv(link, ["a"], [["b"]])
    assert link.is_symlink()
    assert real.read_bytes() == b"a\r\nb\r\n"
    assert sorted(os.listdir(tmp_path)) == ["export.csv", "link.csv"]


def test_iterator_failure_midway_leaves_old_file(tmp_path: Path) -> None:
    target = existing_target(tmp_path)
    before = sorted(os.listdir(tmp_path))

    def failing() -> Iterator[Sequence[CellValue]]:
        for i in range(50_000):  # enough to spill past the write buffer into the temp file
            yield [i, "x" * 20]
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError, match="database went away"):
        write_csv(target, ["n", "t"], failing())
    assert_untouched(target, before)


def test_cancellation_leaves_old_file(tmp_path: Path) -> None:
    target = existing_target(tmp_path)
    before = sorted(os.listdir(tmp_path))
    calls: list[int] = []

    def progress(done: int) -> bool:
        calls.append(done)
        return done < 2000

    with pytest.raises(ExportCancelled) as caught:
        write_csv(target, ["n"], ([i] for i in range(10_000)), progress=progress)
    assert str(caught.value) == f"Export to {target} was cancelled; nothing was written."
    assert isinstance(caught.value, ExportError)
    assert calls == [1000, 2000]
    assert_untouched(target, before)


def test_failed_rename_leaves_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = existing_target(tmp_path)
    before = sorted(os.listdir(tmp_path))

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ExportError) as caught:
        write_csv(target, ["a"], [["b"]])
    monkeypatch.undo()
    assert str(caught.value) == f"Could not write {target}: Permission denied; nothing was written."
    assert_untouched(target, before)


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root ignores directory permissions"
)
def test_read_only_directory_leaves_old_file(tmp_path: Path) -> None:
    target = existing_target(tmp_path)
    before = sorted(os.listdir(tmp_path))
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(ExportError) as caught:
            write_csv(target, ["a"], [["b"]])
    finally:
        tmp_path.chmod(0o755)
    message = str(caught.value)
    assert str(target) in message
    assert "Permission denied" in message
    assert_untouched(target, before)


def test_full_disk_during_fsync_leaves_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = existing_target(tmp_path)
    before = sorted(os.listdir(tmp_path))

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(ExportError) as caught:
        write_csv(target, ["a"], [["b"]])
    monkeypatch.undo()
    assert str(caught.value) == (
        f"Could not write {target}: No space left on device; nothing was written."
    )
    assert_untouched(target, before)


def test_failure_creating_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = existing_target(tmp_path)
    before = sorted(os.listdir(tmp_path))

    def no_temp(*args: object, **kwargs: object) -> tuple[int, str]:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(tempfile, "mkstemp", no_temp)
    with pytest.raises(ExportError, match="Read-only file system; nothing was written"):
        write_csv(target, ["a"], [["b"]])
    monkeypatch.undo()
    assert_untouched(target, before)


def test_unencodable_text_leaves_old_file(tmp_path: Path) -> None:
    target = existing_target(tmp_path)
    before = sorted(os.listdir(tmp_path))
    with pytest.raises(ExportError, match="UTF-8"):
        write_csv(target, ["a"], [["lone \ud800 surrogate"]])
    assert_untouched(target, before)


def test_temp_file_is_a_hidden_sibling(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = existing_target(tmp_path)
    seen: list[str] = []

    def spy(src: str, dst: object) -> None:
        seen.append(src)
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(os, "replace", spy)
    with pytest.raises(ExportError, match="Input/output error"):
        write_csv(target, ["a"], [["b"]])
    (temp,) = seen
    assert Path(temp).parent == tmp_path
    assert Path(temp).name.startswith(".export.csv.")
    assert Path(temp).name.endswith(".part")
    assert not Path(temp).exists()


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
def test_dev_full_reports_no_space() -> None:
    rows: Iterator[list[CellValue]] = ([i, "x" * 50] for i in range(10_000))
    with pytest.raises(ExportError) as caught:
        write_csv(Path("/dev/full"), ["n", "t"], rows)
    message = str(caught.value)
    assert "/dev/full" in message
    assert "No space left on device" in message
    assert "\n" not in message


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null on this system")
def test_dev_null_is_written_directly() -> None:
    assert write_csv(Path("/dev/null"), ["a"], [["b"], ["c"]]) == 2
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_missing_parent_directory(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "out.csv"
    with pytest.raises(ExportError) as caught:
        write_csv(target, ["a"], [["b"]])
    assert str(target) in str(caught.value)
    assert "does not exist" in str(caught.value)
    assert os.listdir(tmp_path) == []


def test_parent_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "file").write_bytes(b"x")
    target = tmp_path / "file" / "out.csv"
    with pytest.raises(ExportError) as caught:
        write_csv(target, ["a"], [["b"]])
    assert str(target) in str(caught.value)
    assert "is not a folder" in str(caught.value)
    assert os.listdir(tmp_path) == ["file"]


def test_directory_target(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    with pytest.raises(ExportError) as caught:
        write_csv(tmp_path / "sub", ["a"], [["b"]])
    assert str(tmp_path / "sub") in str(caught.value)
    assert os.listdir(tmp_path / "sub") == []


def test_messages_are_one_line(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "out.csv"
    with pytest.raises(ExportError) as caught:
        write_csv(target, ["a"], [["b"]])
    assert "\n" not in str(caught.value)
    assert "Traceback" not in str(caught.value)


def test_written_file_is_readable_by_csv_module_as_stream(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    write_csv(target, ["a", "b"], [["x\r\ny", '"q"']], delimiter="\t", excel=True)
    text = target.read_bytes().decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text, newline=""), delimiter="\t")) == [
        ["a", "b"],
        ["x\r\ny", '"q"'],
    ]
