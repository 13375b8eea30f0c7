"""The next article brought in as a user does: `accords import` in a subprocess, real
extraction and real proposing over the seeded records, then `--apply` and `accords check`."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.storage.sources.articles import ENGLISH, UKRAINIAN
from tests.storage.sources.files import pdf, web_page
from tests.storage.test_cli import Result, accords, environment, run

pytestmark = pytest.mark.slow

DRONES = "september-2025-drones-ammunition-armored-vehicles"
SECURITY_AGREEMENT = "agreement-on-security-cooperation"


def paragraphs(article: str) -> list[str]:
    """The article's paragraphs after its date line and headline."""
    body = article.split("\n", 2)[2]
    return [" ".join(part.split()) for part in body.split("\n\n") if part.strip()]


def table(path: Path, query: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as db:
        return db.execute(query).fetchall()


def count(path: Path, name: str) -> int:
    return int(table(path, f"SELECT count(*) FROM {name}")[0][0])


def record_id(path: Path, slug: str) -> int:
    return int(table(path, f"SELECT id FROM records WHERE slug = '{slug}'")[0][0])


@pytest.fixture
def db(tmp_path: Path, seeded_template: Path) -> Path:
    path = tmp_path / "accords.sqlite3"
    shutil.copyfile(seeded_template, path)
    return path


def accords_run(db: Path, tmp_path: Path, *args: str) -> Result:
    result = run(accords(db, *args), environment(tmp_path / "data"))
    assert "Traceback" not in result.err, result.err
    return result


def test_a_web_page_completes_the_seed_then_applies_once(db: Path, tmp_path: Path) -> None:
    """A saved page (menus around it): a preview changes nothing; --apply afterwards applies
    what it proposes; applying again adds no record, quote or conflict."""
    page = tmp_path / "kyiv-memorandum.html"
    title = ENGLISH.split("\n")[1]
    page.write_text(web_page(title, paragraphs(ENGLISH), day="2025-09-15"), encoding="utf-8")
    records, persons = count(db, "records"), count(db, "persons")

    preview = accords_run(db, tmp_path, "import", str(page), "--format", "json")
    assert preview.code == 0, preview.err
    proposed = json.loads(preview.out)["proposals"]
    completed = {p["completes"] for p in proposed if p.get("completes")}
    assert {record_id(db, DRONES), record_id(db, SECURITY_AGREEMENT)} <= completed
    conflicts = [c for p in proposed for c in p.get("conflicts", [])]
    assert {(c["name"], c["held"]) for c in conflicts} >= {("amount", "700000000")}
    assert count(db, "records") == records  # only the source was stored

    applied = accords_run(db, tmp_path, "import", str(page), "--apply")
    assert applied.code == 0, applied.err
    assert "imported before" in applied.err
    made = count(db, "records") - records
    assert made >= 2  # the memorandum and the C$2 billion pledge
    # Zelenskyy, Zelenskyi and Zelensky are one person: the seed's, by its aliases.
    assert count(db, "persons") == persons
    annotations = count(db, "annotations")

    again = accords_run(db, tmp_path, "import", str(page), "--apply")
    assert again.code == 0, again.err
    assert count(db, "records") - records == made
    assert count(db, "annotations") == annotations

    check = accords_run(db, tmp_path, "check")
    conflicting = [line for line in check.out.splitlines() if "conflicting-source" in line]
    assert len(conflicting) == 1 and DRONES in conflicting[0], check.out


def test_the_same_report_as_a_pdf_is_a_second_source_of_the_same_facts(
    db: Path, tmp_path: Path
) -> None:
    page, paper = tmp_path / "report.html", tmp_path / "report.pdf"
    title = ENGLISH.split("\n")[1]
    page.write_text(web_page(title, paragraphs(ENGLISH), day="2025-09-15"), encoding="utf-8")
    paper.write_bytes(pdf(["\n\n".join(paragraphs(ENGLISH))], title=title))
    assert accords_run(db, tmp_path, "import", str(page), "--apply").code == 0
    records = count(db, "records")
    second = accords_run(db, tmp_path, "import", str(paper), "--apply", "--date", "2025-09-15")
    assert second.code == 0, second.err
    assert count(db, "records") == records  # nothing counted twice
    drones = record_id(db, DRONES)
    sources = table(db, f"SELECT count(*) FROM record_sources WHERE record_id = {drones}")
    assert sources[0][0] == 3  # the seed article, the page and the PDF


def test_a_ukrainian_report_dated_by_its_first_line_completes_without_conflicts(
    db: Path, tmp_path: Path
) -> None:
    """A text saved as the seed article is ("date 2025-08-24" first): "today" and "in
    September" are read against that day, and the names through the seed's aliases."""
    report = tmp_path / "report.txt"
    report.write_text(UKRAINIAN, encoding="utf-8")
    result = accords_run(db, tmp_path, "import", str(report), "--format", "json")
    assert result.code == 0, result.err
    imported = json.loads(result.out)
    assert imported["source"]["published_on"] == "2025-08-24"
    proposed = imported["proposals"]
    assert record_id(db, DRONES) in {p.get("completes") for p in proposed}
    assert [c for p in proposed for c in p.get("conflicts", [])] == []
    amounts = {v["value"] for p in proposed for v in p.get("values", []) if v["name"] == "amount"}
    assert "3000000000" in amounts


def test_an_undated_text_leaves_today_unread(db: Path, tmp_path: Path) -> None:
    """Without the source's date, "today" is not the day of the import."""
    report = tmp_path / "undated.txt"
    report.write_text(UKRAINIAN.split("\n", 1)[1], encoding="utf-8")
    result = accords_run(db, tmp_path, "import", str(report), "--format", "json")
    assert result.code == 0, result.err
    proposed = json.loads(result.out)["proposals"]
    values = [v for p in proposed for v in (*p.get("values", []), *p.get("supports", []))]
    values += [c["proposed"] for p in proposed for c in p.get("conflicts", [])]
    undated = ("Сьогодні", "у вересні")  # "today", "in September"
    assert [v for v in values if v["quote"]["text"] in undated] == []
    assert "у 2026 році" in {v["quote"]["text"] for v in values}  # a year needs no date
