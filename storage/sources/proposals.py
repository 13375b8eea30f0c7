"""What an imported text proposes: new records and completions, each value resting on a sentence."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from storage.schema.enums import RecordKind


@dataclass(frozen=True)
class Quote:
    """A span of a source's extracted text: ``text == source_text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class ProposedValue:
    """One field's value as the text states it, and the words it rests on.

    ``name`` is a column of ``records`` (``title``, ``document_kind``, ``signed_on``,
    ``amount``, ``currency``, ``currency_as_written``, ``qualifier``, ``equivalent_amount``,
    ``equivalent_as_written``, ``announced_on``, ``due_start``, ``due_end``,
    ``due_precision``, ``summary``) or one of the lists ``parties``, ``categories``,
    ``signatories`` (``"Person | role | Party"`` each), ``donor``, ``recipient``.
    ``value`` is written as storage keeps it: ISO dates, decimal text, ``"; "`` between the
    items of a list. ``stated`` is False for a value the text implies but does not state (a
    date "reported by <source date>"); ``doubt`` says in a few words why the value needs a
    look (``"$ may be US or Canadian dollars"``), empty when none.
    """

    name: str
    value: str
    quote: Quote
    stated: bool = True
    doubt: str = ""


@dataclass(frozen=True)
class Conflict:
    """A value of the text that differs from the one a held record keeps."""

    name: str
    held: str
    proposed: ProposedValue


@dataclass(frozen=True)
class Proposal:
    """A record the text describes: new (``completes is None``) or a completion of a held one.

    A completion carries only the values the held record lacks (``values``), the quotes that
    support values it already has (``supports``), and the values that differ
    (``conflicts``), which are never applied silently.
    """

    kind: RecordKind
    sentence: Quote
    values: tuple[ProposedValue, ...]
    completes: int | None = None
    supports: tuple[ProposedValue, ...] = ()
    conflicts: tuple[Conflict, ...] = ()

    def value(self, name: str) -> str | None:
        """The proposed value of ``name``, if the proposal has one."""
        return next((v.value for v in self.values if v.name == name), None)


@dataclass(frozen=True)
class HeldRecord:
    """What matching needs to know of a record Accords already holds."""

    id: int
    kind: RecordKind
    title: str
    values: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ProposalContext:
    """What proposing reads besides the text: its date and language, the records and names held.

    ``aliases`` maps every known spelling, folded to lower case, to its canonical name
    (``"zelenskyy" -> "Volodymyr Zelenskyy"``, ``"зеленський" -> ...``); ``parties`` names
    which canonical names are parties, whose last word alone never stands for them.
    """

    published: date | None
    language: str
    held: tuple[HeldRecord, ...] = ()
    aliases: Mapping[str, str] = field(default_factory=dict)
    parties: frozenset[str] = frozenset()
