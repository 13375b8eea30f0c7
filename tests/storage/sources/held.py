"""The seed's records as proposing sees them: HeldRecords built from seeds/accords.toml."""

from __future__ import annotations

import calendar
import tomllib
from pathlib import Path
from typing import Any

from storage.schema.enums import RecordKind
from storage.sources.proposals import HeldRecord

ROOT = Path(__file__).resolve().parents[3]
SEED_TOML = ROOT / "seeds" / "accords.toml"
SEED_ARTICLE = Path("/work/shared/seeds/000_f2d8078ece297863.txt")
_FIELDS = (
    "document_kind", "signed_on", "summary", "amount", "currency", "currency_as_written",
    "qualifier", "equivalent_amount", "equivalent_as_written", "announced_on", "quantity", "unit",
)  # fmt: skip


def seed_article() -> str:
    """The seed article: the shared copy, else the one shipped beside the TOML."""
    shipped = SEED_TOML.parent / "000_f2d8078ece297863.txt"
    return (SEED_ARTICLE if SEED_ARTICLE.exists() else shipped).read_text(encoding="utf-8")


def seed_held() -> tuple[HeldRecord, ...]:
    """Every document and pledge of the seed, with ids from 1 in file order."""
    data = tomllib.loads(SEED_TOML.read_text(encoding="utf-8"))
    parties = {p["slug"]: p["name"] for p in data["parties"]}
    people = {p["slug"]: p["name"] for p in data["people"]}
    roles = {
        r["slug"]: f"{people[r['person']]} | {r['title']} | {parties[r['party']]}"
        for r in data["roles"]
    }
    held: list[HeldRecord] = []
    for kind, key in ((RecordKind.DOCUMENT, "documents"), (RecordKind.PLEDGE, "pledges")):
        for entry in data[key]:
            values = _values(entry, parties, roles)
            held.append(HeldRecord(len(held) + 1, kind, entry["title"], values))
    return tuple(held)


def _values(
    entry: dict[str, Any], parties: dict[str, str], roles: dict[str, str]
) -> dict[str, str]:
    values = {"title": entry["title"]}
    if "kind" in entry:
        values["document_kind"] = entry["kind"]
    values.update({name: str(entry[name]) for name in _FIELDS if name in entry})
    for name in ("donor", "recipient"):
        if name in entry:
            values[name] = parties[entry[name]]
    if "parties" in entry:
        values["parties"] = "; ".join(parties[slug] for slug in entry["parties"])
    if "signatories" in entry:
        values["signatories"] = "; ".join(roles[slug] for slug in entry["signatories"])
    if "categories" in entry:
        values["categories"] = "; ".join(entry["categories"])
    if "due" in entry:
        year, month = (int(part) for part in str(entry["due"]).split("-"))
        last = calendar.monthrange(year, month)[1]
        values.update(due_start=f"{year}-{month:02d}-01", due_end=f"{year}-{month:02d}-{last}")
        values["due_precision"] = "month"
    return values
