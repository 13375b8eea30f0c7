"""Pledges: donor and recipient, purpose, title and summary, announcement, due period."""

from __future__ import annotations

from datetime import date, timedelta

from storage.generate.amounts import add_figure
from storage.generate.days import LAST_DAY, period_start
from storage.generate.deliveries import add_deliveries
from storage.generate.draws import Draws
from storage.generate.odds import LANGUAGES, PLEDGE_STATUSES, PRECISIONS
from storage.generate.reference import GeneratedParty, Reference
from storage.generate.rows import Row, Rows
from storage.generate.texts import PLEDGE_SUMMARIES
from storage.generate.vocabulary import DONORS, MONTHS, NESTED, PURPOSES, RECIPIENTS
from storage.records.periods import Period
from storage.schema.enums import Category

CATEGORIES = tuple(Category)
Purpose = tuple[str, str, str, Category]


class PledgeBuilder:
    """Fills the rows of pledges; links some to the documents generated before them."""

    def __init__(self, draws: Draws, reference: Reference, documents: list[int]) -> None:
        self.draws = draws
        self.reference = reference
        self.documents = documents  # shared with the document builder, which fills it

    def pledge(self, rows: Rows, row: Row) -> None:
        draws = self.draws
        donor, recipient = self._donor_and_recipient()
        purpose = draws.pick(PURPOSES)
        announced = draws.day()
        row["title"] = self._title(draws.pick(LANGUAGES), purpose, donor, recipient, announced)
        row["summary"] = draws.pick(PLEDGE_SUMMARIES).format(
            donor=donor.name, recipient=recipient.name, purpose=purpose[0],
            purpose_fr=purpose[1], purpose_uk=purpose[2], month=MONTHS[announced.month - 1],
            year=announced.year,
        )  # fmt: skip
        row["status"] = draws.pick(PLEDGE_STATUSES)
        row["donor_id"] = donor.id
        row["recipient_id"] = recipient.id
        row["announced_on"] = announced
        row["_day"] = announced
        self._announcement(row, donor)
        add_figure(draws, row)
        if draws.random() < 0.6:
            self._due(row, announced)
        self._categories(rows, row["id"], purpose)
        add_deliveries(draws, rows, row)

    def _donor_and_recipient(self) -> tuple[GeneratedParty, GeneratedParty]:
        """A donor state and a recipient, sometimes an organisation inside the recipient."""
        draws, parties = self.draws, self.reference.parties
        donor = parties[draws.pick(DONORS)]
        recipient = parties[draws.pick(RECIPIENTS)]
        if draws.random() < 0.15:
            nested = [name for name, inside in NESTED if inside == recipient.name]
            if nested:
                recipient = parties[draws.pick(nested)]
        return donor, recipient

    def _title(
        self,
        language: int,
        purpose: Purpose,
        donor: GeneratedParty,
        recipient: GeneratedParty,
        announced: date,
    ) -> str:
        if language == 0:
            return self.draws.pick(
                (
                    f"{purpose[0].capitalize()} for {recipient.name}",
                    f"{donor.name} support for {purpose[0]} ({announced.year})",
                )
            )
        if language == 1:
            return f"Aide de {donor.name} : {purpose[1]}"
        return f"Допомога від {donor.uk} на {purpose[2]}"

    def _announcement(self, row: Row, donor: GeneratedParty) -> None:
        """Sometimes who announced it (a role of the donor) and the document it came from."""
        draws = self.draws
        roles = self.reference.roles_by_party.get(donor.id)
        if roles and draws.random() < 0.3:
            row["announced_by_id"] = draws.pick(roles)
        if self.documents and draws.random() < 0.2:
            row["from_document_id"] = draws.pick(self.documents)

    def _due(self, row: Row, announced: date) -> None:
        """A due period of some precision, 30 to 1,500 days after the announcement."""
        draws = self.draws
        precision = draws.pick(PRECISIONS)
        due_day = min(
            announced + timedelta(days=draws.between(30, 1500)), LAST_DAY - timedelta(days=1)
        )
        start = period_start(due_day, precision)
        row["due_start"] = start
        row["due_end"] = min(Period(start, precision).end, LAST_DAY)
        row["due_precision"] = precision.value

    def _categories(self, rows: Rows, record_id: int, purpose: Purpose) -> None:
        """The purpose's category, and three times in ten another one."""
        categories = {purpose[3].value}
        if self.draws.random() < 0.3:
            categories.add(self.draws.pick(CATEGORIES).value)
        rows.categories += [{"record_id": record_id, "category": c} for c in sorted(categories)]
