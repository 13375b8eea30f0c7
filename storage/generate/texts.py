"""Sentences the generator fills in, in English, French and Ukrainian: notes, summaries, sources."""

from __future__ import annotations

NOTES_EN = (
    "Follow up with {party} on the implementation timetable.",
    "The {year} report confirms the first tranche was transferred.",
    "Figures differ between the press release and the official text; check the annex.",
    "Ask the embassy whether ratification was debated in {year}.",
    "Delivery of {n} items reported by the ministry; no independent confirmation yet.",
    "See also the joint statement of {month} {year}.",
    "**Open question:** does the amount include the {year} top-up?",
    "- source: official gazette\n- checked by the research desk",
)
NOTES_FR = (
    "Vérifier auprès de {party} le calendrier de mise en œuvre.",
    "Le rapport de {year} confirme le versement de la première tranche.",
    "Les montants diffèrent entre le communiqué et le texte officiel ; voir l'annexe.",
    "Demander à l'ambassade si la ratification a été débattue en {year}.",
    "Livraison de {n} unités annoncée par le ministère ; pas de confirmation indépendante.",
    "Voir aussi la déclaration commune de {month} {year}.",
)
NOTES_UK = (
    "Уточнити з {party} графік виконання зобовʼязань.",
    "Звіт за {year} рік підтверджує передачу першого траншу.",
    "Обʼєкт критичної інфраструктури відновлено частково.",
    "Підʼємність мосту після ремонту — {n} тонн.",
    "Памʼятка для аналітиків: перевірити звʼязок із попередньою угодою.",
    "Кошти спрямовано на відбудову обʼєктів у {year} році.",
)
NOTE_BANKS = (NOTES_EN, NOTES_EN, NOTES_FR, NOTES_UK)
SUMMARIES = (
    "Sets out cooperation on {area} between {a} and {b} for {years} years.",
    "Commits the parties to regular consultations on {area} and a joint working group.",
    "Establishes a framework for {area}, with annual reviews from {year}.",
    "Prévoit une coopération en matière de {area_fr} pour une durée de {years} ans.",
    "Визначає засади співробітництва у сфері {area_uk} на {years} років.",
)
PLEDGE_SUMMARIES = (
    "{donor} pledged {purpose} to {recipient} at the {month} {year} meeting.",
    "Announced by {donor} in {year}; part of a wider package for {recipient}.",
    "{donor} s'engage à fournir {purpose_fr} en {year}.",
    "{donor} зобовʼязується надати {purpose_uk} у {year} році.",
)
SOURCE_SENTENCES_BY_LANGUAGE: dict[str, tuple[str, ...]] = {
    "en": (
        "On {day} {month} {year}, {a} and {b} signed an agreement on {area}.",
        "{a} will provide {n} million in assistance for {purpose} by the end of {year}.",
        "The parties agreed to meet at least twice a year to review progress on {area}.",
        "The memorandum covers {area}, {area2} and the exchange of liaison officers.",
        "In {month} {year}, {a} announced a further package including {purpose}.",
    ),
    "fr": (
        "Le {day} {month} {year}, {a} et {b} ont signé un accord relatif à {area}.",
        "{a} fournira une aide de {n} millions pour {purpose} d'ici la fin de {year}.",
        "Les parties se réuniront au moins deux fois par an pour faire le point.",
    ),
    "uk": (
        "{day} {month} {year} року {a} та {b} підписали угоду у сфері {area}.",
        "{a} надасть {n} мільйонів на {purpose} до кінця {year} року.",
        "Сторони відновлять обʼєкти критичної інфраструктури та мости з підʼємністю {n} тонн.",
        "Памʼятки культурної спадщини отримають захист відповідно до угоди.",
    ),
}
SOURCE_TITLES = {
    "en": "Compiled statements on agreements and pledges, {year}",
    "fr": "Recueil des déclarations sur les accords et engagements, {year}",
    "uk": "Збірка заяв про угоди та зобовʼязання, {year}",
}
ANNOTATION_COMMENTS = (
    "",
    "",
    "",
    "Key sentence",
    "Wording differs in the French version",
    "Formulation reprise du communiqué",
    "Ключове формулювання",
)
DELIVERY_NOTES = ("", "", "First tranche", "Deuxième livraison", "Перший транш", "Final batch")
