"""Held records filed by kind, subject stem and figure: the few a proposal could match."""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal, InvalidOperation

from storage.schema.enums import RecordKind
from storage.sources.proposals import HeldRecord, Proposal
from storage.sources.subjects import stems_of_words, subject

# Below this many held records a scan costs less than filing them (merging within one text).
INDEXED_FROM = 256


def measure(value: str | None) -> Decimal | None:
    """A stated amount or quantity as a number, if it is one."""
    try:
        return Decimal(value) if value else None
    except InvalidOperation:
        return None


def pledge_measure(values: Proposal | HeldRecord) -> Decimal | None:
    """A pledge's figure: its amount, else its quantity."""
    if isinstance(values, Proposal):
        return measure(values.value("amount") or values.value("quantity"))
    return measure(values.values.get("amount") or values.values.get("quantity"))


def held_title(record: HeldRecord) -> str:
    """The title matching reads: the stored one, else the record's own."""
    return record.values.get("title") or record.title


def pledge_words(proposal: Proposal) -> frozenset[str]:
    """What a proposed pledge is about: its summary's and title's stems."""
    return subject(" ".join(filter(None, (proposal.value("summary"), proposal.value("title")))))


class HeldIndex:
    """Positions in ``held`` by (kind, stem) and, for pledges, by figure.

    A record's stems here are a superset of its subject (``stems_of_words``), so every
    record that can score above 0 is among a proposal's candidates; scoring stays exact.
    """

    def __init__(self, held: tuple[HeldRecord, ...]) -> None:
        self.held = held
        known: dict[str, str | None] = {}
        texts: dict[str, frozenset[str]] = {}
        self._stems: dict[tuple[RecordKind, str], list[int]] = defaultdict(list)
        self._figures: dict[Decimal, list[int]] = defaultdict(list)
        for position, record in enumerate(held):
            said = [held_title(record)]
            if record.kind is RecordKind.PLEDGE:
                said.append(record.values.get("summary", ""))
                figure = pledge_measure(record)
                if figure is not None and not figure.is_nan():
                    self._figures[figure].append(position)
            stems: set[str] = set()
            for text in said:
                found = texts.get(text)
                if found is None:
                    found = texts[text] = stems_of_words(text, known)
                stems |= found
            for stem in stems:
                self._stems[record.kind, stem].append(position)

    def candidates(self, proposal: Proposal) -> list[HeldRecord]:
        """Every held record that could fit ``proposal``, in held order (ties keep theirs)."""
        kind = proposal.kind
        found: set[int] = set()
        if kind is RecordKind.PLEDGE:
            # Without the same figure a pledge needs two subject stems in common.
            shared: Counter[int] = Counter()
            for stem in pledge_words(proposal):
                shared.update(self._stems.get((kind, stem), ()))
            found.update(position for position, count in shared.items() if count >= 2)
            figure = pledge_measure(proposal)
            if figure is not None and not figure.is_nan():
                found.update(self._figures.get(figure, ()))
        else:
            # A document needs one subject stem in common.
            for stem in subject(proposal.value("title") or ""):
                found.update(self._stems.get((kind, stem), ()))
        return [self.held[position] for position in sorted(found)]


_built: dict[str, HeldIndex] = {}


def index_of(held: tuple[HeldRecord, ...]) -> HeldIndex:
    """The index of ``held``, built once: an import reads the same held records throughout."""
    index = _built.get("last")
    if index is None or index.held is not held:
        index = _built["last"] = HeldIndex(held)
    return index
