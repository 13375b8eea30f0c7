"""Bad input to `accords import`, run as real subprocesses: each one line or a correct result,
and never half an import."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.storage.sources.files import pdf, web_page
from tests.storage.test_cli import (
    Result,
    accords,
    assert_one_line_error,
    environment,
    run,
    run_all,
)

pytestmark = pytest.mark.slow

ARTICLE = [
    "Kyiv, September 1. Germany will deliver 500 drones to Ukraine in 2026, the Ministry of "
    "Defence of Germany said on Monday.",
    "The package is worth 300 million euros, Minister Boris Pistorius told reporters in Kyiv.",
]
UKRAINIAN = (
    "Київ, 1 вересня. Україна та Німеччина підписали меморандум про спільне виробництво "
    "дронів. Президент Володимир Зеленський повідомив, що Німеччина виділить 300 мільйонів "
    "євро у 2026 році."
)
TABLES = ("sources", "source_files", "records", "annotations", "record_sources", "parties")


def counts(path: Path) -> dict[str, int]:
    connection = sqlite3.connect(path)
    try:
        return {t: connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        connection.close()


def last_source(path: Path) -> tuple[str, str, int, bytes]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(
            "SELECT text, media_type, has_text, content FROM sources "
            "JOIN source_files ON source_id = id ORDER BY id DESC LIMIT 1"
        ).fetchone()
    finally:
        connection.close()


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    """One file per kind of bad (or awkward) input."""
    good = pdf(["Ukraine and Canada signed an agreement."])
    made = {
        "broken.pdf": good[: len(good) // 2],
        "encrypted.pdf": pdf(["A secret treaty."], password="secret"),
        "scan.pdf": pdf(["", ""]),
        "treaty.pdf": pdf([f"Article {n}. The Parties shall cooperate." for n in range(300)]),
        "menus.html": web_page("Home", []).encode("utf-8"),
        "cp1251.txt": UKRAINIAN.encode("cp1251"),
        "binary.txt": b"\x00\x01\x02" + bytes(range(256)) * 20,
        "ukrinform.html": web_page("Drones", ARTICLE, site="Ukrinform").encode("utf-8"),
        "kyivindependent.html": web_page("Germany pledges", ARTICLE, site="Kyiv Independent")
        .replace('lang="en"', 'lang="en-GB"')
        .encode("utf-8"),
    }
    for name, content in made.items():
        (tmp_path / name).write_bytes(content)
    return {name: tmp_path / name for name in made}


@pytest.fixture
def databases(tmp_path: Path, seeded_template: Path) -> dict[str, Path]:
    """A seeded database per case, so the cases can run side by side."""
    paths = {}
    for case in ("broken", "encrypted", "scan", "treaty", "menus", "cp1251", "binary"):
        paths[case] = tmp_path / f"{case}.sqlite3"
        shutil.copyfile(seeded_template, paths[case])
    return paths


def test_bad_input_is_one_line_and_nothing_is_stored(
    files: dict[str, Path], databases: dict[str, Path], tmp_path: Path
) -> None:
    before = counts(databases["broken"])
    results = run_all(
        {
            case: accords(db, "import", str(files[case + suffix(case)]), "--apply")
            for case, db in databases.items()
        },
        environment(tmp_path / "data"),
    )
    assert_one_line_error(results["broken"], "broken.pdf is not a readable PDF", "nothing")
    assert_one_line_error(results["encrypted"], "encrypted.pdf is an encrypted PDF")
    assert_one_line_error(results["menus"], "menus.html is a web page with no article")
    assert_one_line_error(results["binary"], "binary.txt is not a text file")
    for case in ("broken", "encrypted", "menus", "binary"):
        assert counts(databases[case]) == before, case
    assert_stored(results["scan"], databases["scan"], before, "application/pdf")
    assert "no text" in results["scan"].out
    assert last_source(databases["scan"])[:3] == ("", "application/pdf", 0)
    assert_stored(results["treaty"], databases["treaty"], before, "application/pdf")
    text = last_source(databases["treaty"])[0]
    assert "Article 0." in text and "Article 299. The Parties shall cooperate." in text
    assert_stored(results["cp1251"], databases["cp1251"], before, "text/plain")
    assert last_source(databases["cp1251"])[0] == UKRAINIAN
    assert last_source(databases["cp1251"])[3] == UKRAINIAN.encode("cp1251")  # kept as it came


def suffix(case: str) -> str:
    return ".html" if case == "menus" else ".txt" if case in ("cp1251", "binary") else ".pdf"


def assert_stored(result: Result, db: Path, before: dict[str, int], media: str) -> None:
    assert result.code == 0, result.err
    assert "Traceback" not in result.err
    after = counts(db)
    assert (after["sources"], after["source_files"]) == (
        before["sources"] + 1,
        before["sources"] + 1,
    )
    assert last_source(db)[1] == media


def test_same_file_twice_and_same_text_from_another_outlet(
    files: dict[str, Path], tmp_path: Path, seeded_template: Path
) -> None:
    db = tmp_path / "twice.sqlite3"
    shutil.copyfile(seeded_template, db)
    env = environment(tmp_path / "data")
    first = run(accords(db, "import", str(files["ukrinform.html"]), "--apply"), env)
    assert first.code == 0, first.err
    assert "Source 2: Drones" in first.out and "Applied:" in first.out
    once = counts(db)
    again = run(accords(db, "import", str(files["ukrinform.html"])), env)
    assert_one_line_error(again, "already imported as source 2", "nothing new")
    assert counts(db) == once
    # --apply on a file imported before applies what it proposes now: nothing, here.
    reapplied = run(accords(db, "import", str(files["ukrinform.html"]), "--apply"), env)
    assert reapplied.code == 0 and "imported before" in reapplied.err, reapplied
    assert "0 new records" in reapplied.out
    assert counts(db) == once
    other = run(accords(db, "import", str(files["kyivindependent.html"]), "--apply"), env)
    assert other.code == 0, other.err
    after = counts(db)
    assert after["sources"] == once["sources"] + 1  # a second source of the same facts
    assert (after["records"], after["parties"]) == (once["records"], once["parties"])
    listing = run(accords(db, "sources"), env)
    assert "Ukrinform" in listing.out and "Kyiv Independent" in listing.out


def test_aliases_are_listed_added_and_removed(tmp_path: Path, seeded_template: Path) -> None:
    db = tmp_path / "aliases.sqlite3"
    shutil.copyfile(seeded_template, db)
    env = environment(tmp_path / "data")
    listed = run(accords(db, "aliases"), env)
    assert listed.code == 0 and "Зеленський" in listed.out
    added = run(accords(db, "aliases", "--add", "Zelenskyy", "Zelenskij"), env)
    assert added.code == 0, added.err
    assert added.out.startswith("Volodymyr Zelensky is now also Zelenskij (alias ")
    alias_id = added.out.split("(alias ")[1].rstrip(").\n")
    unknown = run(accords(db, "aliases", "--add", "Atlantis", "Atlantida"), env)
    assert_one_line_error(unknown, "No person or party is called 'Atlantis'")
    removed = run(accords(db, "aliases", "--remove", alias_id), env)
    assert removed.out == "Volodymyr Zelensky is no longer Zelenskij.\n"
    assert "Zelenskij" not in run(accords(db, "aliases"), env).out
