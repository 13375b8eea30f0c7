"""Where data lives and how a --db argument becomes a URL, or a one-line refusal."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from storage.db.paths import (
    DATABASE_FILENAME,
    default_database_path,
    is_postgresql,
    is_read_only,
    masked,
    read_only_url,
    resolve_database_url,
    sqlite_file,
)
from storage.errors import DatabaseError


def test_the_default_database_is_in_the_data_folder(isolated_data_folder: Path) -> None:
    path = default_database_path()
    assert path == isolated_data_folder / DATABASE_FILENAME
    assert isolated_data_folder.is_dir()  # made on demand
    assert resolve_database_url() == make_url(f"sqlite+pysqlite:///{path}")


def test_the_environment_names_the_database_when_no_argument_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ACCORDS_DB", str(tmp_path / "from-env.sqlite3"))
    assert sqlite_file(resolve_database_url()) == tmp_path / "from-env.sqlite3"
    given = tmp_path / "given.sqlite3"
    assert sqlite_file(resolve_database_url(str(given))) == given


def test_a_relative_path_becomes_an_absolute_sqlite_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    url = resolve_database_url("sub/../here.sqlite3")
    assert url.drivername == "sqlite+pysqlite"
    assert sqlite_file(url) == tmp_path.resolve() / "here.sqlite3"


def test_a_postgresql_url_is_driven_by_psycopg() -> None:
    url = resolve_database_url("postgresql://alice@db.example:5433/accords")
    assert url.drivername == "postgresql+psycopg"
    assert (url.username, url.host, url.port, url.database) == (
        "alice",
        "db.example",
        5433,
        "accords",
    )
    assert is_postgresql(url)
    assert sqlite_file(url) is None


@pytest.mark.parametrize(
    ("given", "reason"),
    [
        ("postgresql://alice:s3cret@host/accords", "has a password in it"),
        ("postgresql://alice@host", "names no database"),
        ("postgresql+psycopg2://alice@host/accords", "psycopg 3"),
        ("mysql://alice:s3cret@host/accords", "not mysql"),
        ("sqlite+aiosqlite:///x.sqlite3", "through pysqlite"),
        ("::://nonsense", "is not a database URL"),
    ],
)
def test_other_urls_are_refused_without_showing_a_password(given: str, reason: str) -> None:
    with pytest.raises(DatabaseError, match=reason) as raised:
        resolve_database_url(given)
    assert "s3cret" not in str(raised.value)


def test_masked_hides_only_the_password() -> None:
    assert masked("postgresql://alice:pw@host/db") == "postgresql://alice:***@host/db"
    assert masked("postgresql://alice@host/db") == "postgresql://alice@host/db"


def test_a_read_only_url_names_its_file(tmp_path: Path) -> None:
    path = tmp_path / "my data" / "accords.sqlite3"
    for immutable in (False, True):
        url = read_only_url(path, immutable=immutable)
        assert is_read_only(url)
        assert sqlite_file(url) == path
        assert (url.query.get("immutable") == "1") is immutable
    assert not is_read_only(resolve_database_url(str(path)))


def test_an_in_memory_database_has_no_file() -> None:
    assert sqlite_file(make_url("sqlite://")) is None
    assert sqlite_file(make_url("sqlite:///:memory:")) is None
