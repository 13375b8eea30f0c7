"""Matching proposals to held records (completions, conflicts) and merging repeated mentions."""

from __future__ import annotations

from collections.abc import Sequence

from storage.schema.enums import RecordKind
from storage.sources import held_index
from storage.sources.amounts import currency_code
from storage.sources.held_index import held_title, measure, pledge_measure, pledge_words
from storage.sources.names import Names, fold
from storage.sources.proposals import Conflict, HeldRecord, Proposal, ProposedValue
from storage.sources.subjects import KIND_WORDS, subject

_NUMBERS = frozenset({"amount", "quantity", "equivalent_amount"})
_LISTS = frozenset({"parties", "categories"})
_NAMES = frozenset({"donor", "recipient"})
_CURRENCY_WORDS = frozenset({"currency_as_written", "equivalent_as_written"})
_DESCRIPTIVE = frozenset({"title", "summary"})


def best_match(proposal: Proposal, held: tuple[HeldRecord, ...], names: Names) -> HeldRecord | None:
    """The held record ``proposal`` describes, if one fits its kind, sides and subject.

    Many held records are first narrowed to those sharing a stem or a figure with it.
    """
    if len(held) >= held_index.INDEXED_FROM:
        return scan(proposal, held_index.index_of(held).candidates(proposal), names)
    return scan(proposal, held, names)


def scan(proposal: Proposal, held: Sequence[HeldRecord], names: Names) -> HeldRecord | None:
    """The best fitting of ``held``, each scored; the first of equals wins."""
    scored = [(score(proposal, record, names), record) for record in held]
    fitting = [(value, record) for value, record in scored if value > 0]
    return max(fitting, key=lambda pair: pair[0])[1] if fitting else None


def score(proposal: Proposal, record: HeldRecord, names: Names) -> int:
    """How well ``record`` fits ``proposal``: 0 when it cannot be the same record."""
    if proposal.kind != record.kind:
        return 0
    if proposal.kind is RecordKind.PLEDGE:
        return _pledge_score(proposal, record, names)
    return _document_score(proposal, record, names)


def _document_score(proposal: Proposal, record: HeldRecord, names: Names) -> int:
    kind, held_kind = proposal.value("document_kind"), record.values.get("document_kind")
    if kind and held_kind and kind != held_kind:
        return 0
    parties = _set(proposal.value("parties"), names)
    held_parties = _set(record.values.get("parties"), names)
    if parties and held_parties and not parties & held_parties:
        return 0
    mine = subject(proposal.value("title") or "")
    theirs = subject(held_title(record))
    overlap = len(mine & theirs)
    if not overlap:
        return 0
    return 2 * overlap + len(parties & held_parties)


def _pledge_score(proposal: Proposal, record: HeldRecord, names: Names) -> int:
    donor, held_donor = proposal.value("donor"), record.values.get("donor")
    if donor and held_donor and not names.same(donor, held_donor):
        return 0
    mine = pledge_measure(proposal)
    theirs = pledge_measure(record)
    same_measure = mine is not None and mine == theirs
    due = proposal.value("due_start")
    same_due = bool(due) and due == record.values.get("due_start")
    words = pledge_words(proposal)
    held_words = subject(" ".join((held_title(record), record.values.get("summary", ""))))
    overlap = len(words & held_words)
    if same_measure:
        return 10 + overlap
    if mine is not None and theirs is not None:
        # Two figures that differ are one pledge only when its goods and its date agree.
        return 3 + overlap if same_due and overlap >= 2 else 0
    return overlap if overlap >= 3 else 0


def _set(value: str | None, names: Names) -> set[str]:
    return {
        fold(names.canonical(item.strip())) for item in (value or "").split(";") if item.strip()
    }


def agrees(name: str, held: str, proposed: str, names: Names) -> bool:
    """Whether ``proposed`` says what ``held`` already says (a list: no item beyond it)."""
    if name in _NUMBERS:
        return measure(held) == measure(proposed)
    if name in _LISTS:
        return _set(proposed, names) <= _set(held, names)
    if name == "signatories":
        return _people(proposed, names) <= _people(held, names)
    if name in _CURRENCY_WORDS:
        # "$" and "доларів" are one currency as written: a dollar that is neither US nor CAD.
        code = currency_code(proposed)
        return code is not None and code == currency_code(held)
    if name in _NAMES or name in _DESCRIPTIVE:
        return names.same(held, proposed)
    return held.strip() == proposed.strip()


def _people(value: str, names: Names) -> set[str]:
    return {
        fold(names.canonical(item.split("|")[0].strip()))
        for item in value.split(";")
        if item.strip()
    }


def complete(proposal: Proposal, record: HeldRecord, names: Names) -> Proposal:
    """``proposal`` as a completion of ``record``: new values, supporting quotes, conflicts."""
    values: list[ProposedValue] = []
    supports: list[ProposedValue] = []
    conflicts: list[Conflict] = []
    for value in proposal.values:
        held = record.title if value.name == "title" else record.values.get(value.name, "")
        if not held:
            values.append(value)
        elif agrees(value.name, held, value.value, names):
            if value.stated:
                supports.append(value)
        elif value.stated and value.name not in _DESCRIPTIVE:
            # An implied value never contests a stated one; new wording is not a conflict.
            conflicts.append(Conflict(value.name, held, value))
    return Proposal(
        proposal.kind,
        proposal.sentence,
        tuple(values),
        record.id,
        tuple(supports),
        tuple(conflicts),
    )


def merge_repeated(proposals: list[Proposal], names: Names) -> list[Proposal]:
    """One proposal per record: a later sentence about the same one adds what it lacked.

    Within one text two different figures are two pledges, so a pledge is compared only with
    those of its figure (or, without one, those sharing its subject): a long text stays linear.
    """
    merged: list[Proposal] = []
    index: dict[str, set[int]] = {}
    for proposal in proposals:
        keys = _keys(proposal)
        candidates = sorted({i for key in keys for i in index.get(key, ())})
        earlier = tuple(_as_held(i, merged[i]) for i in candidates)
        found = best_match(proposal, earlier, names)
        if found is None:
            merged.append(proposal)
            position = len(merged) - 1
        else:
            position = found.id
            merged[position] = _joined(merged[position], proposal, names)
        for key in keys:
            index.setdefault(key, set()).add(position)
    return merged


def _keys(proposal: Proposal) -> list[str]:
    """Where a proposal's possible twins are filed: its figure, else its subject's stems."""
    figure = pledge_measure(proposal)
    if proposal.kind is RecordKind.PLEDGE and figure is not None:
        return [f"figure:{figure.normalize()}"]
    text = (
        proposal.value("title")
        if proposal.kind is RecordKind.DOCUMENT
        else proposal.value("summary")
    )
    return [f"{proposal.kind}:{stem}" for stem in subject(text or "")]


def _as_held(index: int, proposal: Proposal) -> HeldRecord:
    values = {v.name: v.value for v in proposal.values}
    return HeldRecord(index, proposal.kind, values.get("title", ""), values)


def _fuller(mine: ProposedValue, later: ProposedValue) -> bool:
    """A document's name as the text gives it in full wins over a shorter or common mention."""
    if fold(mine.value) in fold(later.value):
        return True  # "Agreement on Security Cooperation between Ukraine and Canada"
    capital = KIND_WORDS.search(later.quote.text)
    first = KIND_WORDS.search(mine.quote.text)
    proper = capital is not None and capital.group()[:1].isupper()
    return proper and not (first is not None and first.group()[:1].isupper())


def _replaces(mine: ProposedValue, later: ProposedValue) -> bool:
    """A fuller title, or a stated value where the earlier one was implied."""
    if mine.name == "title":
        return _fuller(mine, later)
    return not mine.stated and later.stated


def _joined(first: Proposal, later: Proposal, names: Names) -> Proposal:
    have = {v.name: v for v in first.values}
    values = list(first.values)
    for value in later.values:
        mine = have.get(value.name)
        if mine is None:
            values.append(value)
        elif _replaces(mine, value):
            values[values.index(mine)] = value
    return Proposal(first.kind, first.sentence, tuple(values))
