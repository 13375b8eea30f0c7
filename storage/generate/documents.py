"""Documents and their provisions: titles in three languages, parties, signatories, links."""

from __future__ import annotations

from storage.generate.draws import Draws
from storage.generate.odds import BINDINGS, DOCUMENT_KINDS, LANGUAGES, RELATION_KINDS
from storage.generate.reference import GeneratedParty, Reference
from storage.generate.rows import Row, Rows
from storage.generate.statuses import document_status
from storage.generate.texts import SUMMARIES
from storage.generate.vocabulary import AREAS, DOCUMENT_WORDS, PROVISIONS, STATES
from storage.schema.enums import Binding, DocumentKind, DocumentStatus

RECENT_PARENTS = 500  # a provision belongs to one of the last documents generated


class DocumentBuilder:
    """Fills the rows of documents and provisions; remembers the documents made so far."""

    def __init__(self, draws: Draws, reference: Reference) -> None:
        self.draws = draws
        self.reference = reference
        self.documents: list[int] = []  # ids of documents generated so far, for links

    def document(self, rows: Rows, row: Row, ordinal: int) -> None:
        """The ``ordinal``-th record generated in this run, a document: the first few take
        each document kind in turn, so that every kind is present."""
        draws = self.draws
        area = draws.pick(AREAS)
        language = draws.pick(LANGUAGES)
        if ordinal < len(DOCUMENT_KINDS):
            document_kind = DOCUMENT_KINDS[ordinal]
        else:
            document_kind = draws.pick(DOCUMENT_KINDS)
        parties = self._parties()
        year = draws.between(1990, 2026)
        row["title"] = self._title(language, document_kind, area, parties, year)
        binding = draws.pick(BINDINGS)
        status = document_status(draws, binding)
        row["summary"] = draws.pick(SUMMARIES).format(
            area=area[1], area_fr=area[2], area_uk=area[3], a=parties[0].name,
            b=parties[1].name, years=draws.between(2, 10), year=year,
        )  # fmt: skip
        row["document_kind"] = document_kind.value
        row["binding"] = binding
        row["status"] = status
        signed = draws.day()
        row["signed_on"] = None if status == DocumentStatus.DRAFT.value else signed
        row["_day"] = signed
        self._links(rows, row["id"], area, [party.id for party in parties])
        self.documents.append(row["id"])

    def _parties(self) -> list[GeneratedParty]:
        """Two or three states, and one time in five an organisation as well."""
        draws = self.draws
        names = list(self.reference.parties)
        picked = draws.sample(names[: len(STATES)], draws.between(2, 3))
        if draws.random() < 0.2:
            picked.append(draws.pick(names[len(STATES) :]))
        return [self.reference.parties[name] for name in picked]

    def _title(
        self,
        language: int,
        kind: DocumentKind,
        area: tuple[str, str, str, str],
        parties: list[GeneratedParty],
        year: int,
    ) -> str:
        words = DOCUMENT_WORDS[kind]
        a, b = parties[0], parties[1]
        if language == 0:
            title = f"{words[0]} on {area[1]} cooperation between {a.name} and {b.name}"
            return title + f" ({year})" if self.draws.random() < 0.3 else title
        if language == 1:
            return (
                f"{words[1]} relatif à la coopération en matière de {area[2]} "
                f"entre {a.name} et {b.name}"
            )
        return f"{words[2]} про співробітництво у сфері {area[3]} між {a.uk} та {b.uk}"

    def _links(
        self, rows: Rows, record_id: int, area: tuple[str, str, str, str], party_ids: list[int]
    ) -> None:
        """The document's parties, tags, sometimes signatories and a relation to another."""
        draws = self.draws
        rows.parties += [{"record_id": record_id, "party_id": pid} for pid in party_ids]
        tags = {area[0]}
        if draws.random() < 0.4:
            tags.add(draws.pick(AREAS)[0])
        rows.tags += [{"record_id": record_id, "tag": tag} for tag in sorted(tags)]
        if draws.random() < 0.4:
            roles = [r for pid in party_ids for r in self.reference.roles_by_party.get(pid, ())]
            for role in draws.sample(roles, min(len(roles), draws.between(1, 2))):
                rows.signatories.append({"record_id": record_id, "role_id": role})
        if self.documents and draws.random() < 0.1:
            rows.relations.append(
                {
                    "from_id": record_id,
                    "to_id": draws.pick(self.documents),
                    "kind": draws.pick(RELATION_KINDS).value,
                }
            )

    def provision(self, row: Row) -> None:
        """An article of one of the last documents generated."""
        draws = self.draws
        language = draws.pick(LANGUAGES)
        row["parent_id"] = draws.pick(self.documents[-RECENT_PARENTS:])
        words = draws.pick(PROVISIONS)
        article = draws.between(1, 40)
        row["title"] = (
            f"Article {article}: {words[0]}",
            f"Article {article} : {words[1]}",
            f"Стаття {article}. {words[2]}",
        )[language]
        row["summary"] = ""
        row["status"] = document_status(draws, Binding.UNKNOWN.value)
        row["_day"] = draws.day()
