"""The command `accords generate --records N --seed S`: parsed, run, and the records there."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage.cli import build_parser
from storage.records.query import RecordQuery
from storage.service import AccordsService

EVERYTHING = RecordQuery(include_provisions=True)
TRASH = RecordQuery(include_provisions=True, trash=True)


def test_generate_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    parser = build_parser()
    target = tmp_path / "cli.sqlite3"
    args = parser.parse_args(["--db", str(target), "generate", "--records", "50", "--seed", "9"])
    assert args.handler(args) == 0
    assert "Generated 50 records" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        parser.parse_args(["generate", "--records", "0"])
    service = AccordsService.open(str(target))
    try:
        assert (
            len(service.records.list_records(EVERYTHING)) + len(service.records.list_records(TRASH))
            >= 50
        )
    finally:
        service.close()
