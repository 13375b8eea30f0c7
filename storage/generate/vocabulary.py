"""Names the generator draws from: parties, people, areas, document words, purposes, money."""

from __future__ import annotations

from storage.schema.enums import Category, DocumentKind

STATES: tuple[tuple[str, str], ...] = (
    ("Ukraine", "Україна"),
    ("Canada", "Канада"),
    ("United States", "Сполучені Штати"),
    ("United Kingdom", "Велика Британія"),
    ("France", "Франція"),
    ("Germany", "Німеччина"),
    ("Poland", "Польща"),
    ("Japan", "Японія"),
    ("Italy", "Італія"),
    ("Spain", "Іспанія"),
    ("Netherlands", "Нідерланди"),
    ("Belgium", "Бельгія"),
    ("Sweden", "Швеція"),
    ("Norway", "Норвегія"),
    ("Denmark", "Данія"),
    ("Finland", "Фінляндія"),
    ("Estonia", "Естонія"),
    ("Latvia", "Латвія"),
    ("Lithuania", "Литва"),
    ("Czechia", "Чехія"),
    ("Slovakia", "Словаччина"),
    ("Romania", "Румунія"),
    ("Moldova", "Молдова"),
    ("Austria", "Австрія"),
    ("Switzerland", "Швейцарія"),
    ("Ireland", "Ірландія"),
    ("Portugal", "Португалія"),
    ("Greece", "Греція"),
    ("Türkiye", "Туреччина"),
    ("Australia", "Австралія"),
    ("New Zealand", "Нова Зеландія"),
    ("South Korea", "Південна Корея"),
    ("Iceland", "Ісландія"),
    ("Luxembourg", "Люксембург"),
    ("Croatia", "Хорватія"),
    ("Slovenia", "Словенія"),
    ("Bulgaria", "Болгарія"),
    ("Georgia", "Грузія"),
    ("Mexico", "Мексика"),
    ("Cyprus", "Кіпр"),
)
INTERNATIONAL: tuple[str, ...] = (
    "European Union",
    "NATO",
    "United Nations",
    "World Bank",
    "International Monetary Fund",
    "OSCE",
    "Council of Europe",
    "European Investment Bank",
)
# Organisations inside a state (a ministry inside its government).
NESTED: tuple[tuple[str, str], ...] = (
    ("Ministry of Defence of Ukraine", "Ukraine"),
    ("Ministry of Finance of Ukraine", "Ukraine"),
    ("State Customs Service of Ukraine", "Ukraine"),
    ("Ministry of Foreign Affairs of Ukraine", "Ukraine"),
    ("Global Affairs Canada", "Canada"),
    ("Department of National Defence of Canada", "Canada"),
    ("Canada Border Services Agency", "Canada"),
    ("USAID", "United States"),
    ("Department of State", "United States"),
    ("Foreign, Commonwealth and Development Office", "United Kingdom"),
    ("Agence française de développement", "France"),
    ("KfW Development Bank", "Germany"),
    ("Japan International Cooperation Agency", "Japan"),
    ("Ministry of National Defence of Poland", "Poland"),
)
DONORS = ("Canada", "United States", "United Kingdom", "Germany", "France", "Japan", "Poland")
RECIPIENTS = ("Ukraine", "Ukraine", "Ukraine", "Moldova", "Georgia")

PEOPLE: tuple[tuple[str, str, str], ...] = (
    ("Olena Kovalenko", "Minister of Foreign Affairs", "Ukraine"),
    ("Andrii Melnyk", "Minister of Defence", "Ukraine"),
    ("Iryna Shevchuk", "Head of the State Customs Service", "State Customs Service of Ukraine"),
    ("Taras Bondar", "Deputy Minister of Finance", "Ministry of Finance of Ukraine"),
    ("Marc Tremblay", "Minister of National Defence", "Canada"),
    ("Sophie Gagnon", "Minister of Foreign Affairs", "Canada"),
    ("David Chen", "President of the Border Services Agency", "Canada Border Services Agency"),
    ("Karen Miller", "Secretary of State", "United States"),
    ("James Walker", "Administrator", "USAID"),
    ("Emily Clarke", "Foreign Secretary", "United Kingdom"),
    ("Claire Dubois", "Ministre des Armées", "France"),
    ("Julien Moreau", "Directeur général", "Agence française de développement"),
    ("Katrin Hoffmann", "Federal Minister of Defence", "Germany"),
    ("Hiroshi Tanaka", "Minister for Foreign Affairs", "Japan"),
    ("Agnieszka Nowak", "Minister of National Defence", "Poland"),
    ("Lars Eriksson", "Minister for Foreign Affairs", "Sweden"),
    ("Maria Rossi", "Minister of Defence", "Italy"),
    ("Anna Virtanen", "Prime Minister", "Finland"),
    ("Tomas Kazlauskas", "Minister of Foreign Affairs", "Lithuania"),
    ("Ion Popescu", "Prime Minister", "Romania"),
    ("Sarah O'Neill", "Ambassador", "Ireland"),
    ("Pieter de Vries", "Minister for Foreign Trade", "Netherlands"),
    ("Elena Petrova", "Deputy Prime Minister", "Bulgaria"),
    ("Nino Beridze", "Minister of Economy", "Georgia"),
    ("Ana Ruiz", "Minister of Defence", "Spain"),
    ("Oksana Hrytsenko", "Ambassador of Ukraine", "Ukraine"),
)
ANALYSTS = ("analyst", "o.kovalenko", "m.tremblay", "c.dubois", "research-desk")

# (tag, English, French, Ukrainian genitive)
AREAS: tuple[tuple[str, str, str, str], ...] = (
    ("security", "security", "sécurité", "безпеки"),
    ("defence industry", "defence industry", "industrie de défense", "оборонної промисловості"),
    ("customs", "customs", "douanes", "митної справи"),
    ("energy", "energy", "énergie", "енергетики"),
    ("trade", "trade", "commerce", "торгівлі"),
    ("reconstruction", "reconstruction", "reconstruction", "відбудови"),
    ("demining", "demining", "déminage", "розмінування"),
    ("education", "education", "éducation", "освіти"),
    ("health", "health", "santé", "охорони здоровʼя"),
    ("cybersecurity", "cyber security", "cybersécurité", "кібербезпеки"),
    ("justice", "justice", "justice", "юстиції"),
    ("agriculture", "agriculture", "agriculture", "сільського господарства"),
    ("infrastructure", "infrastructure", "infrastructures", "інфраструктури"),
    ("culture", "culture", "culture", "культури"),
)
DOCUMENT_WORDS: dict[str, tuple[str, str, str]] = {
    DocumentKind.AGREEMENT: ("Agreement", "Accord", "Угода"),
    DocumentKind.ACTION_PLAN: ("Action Plan", "Plan d'action", "План дій"),
    DocumentKind.LETTER_OF_INTENT: ("Letter of Intent", "Lettre d'intention", "Лист про наміри"),
    DocumentKind.MEMORANDUM: (
        "Memorandum of Understanding",
        "Mémorandum d'entente",
        "Меморандум про взаєморозуміння",
    ),
    DocumentKind.COMMUNIQUE: ("Joint Communiqué", "Communiqué conjoint", "Спільне комюніке"),
    DocumentKind.OTHER: ("Joint Declaration", "Déclaration commune", "Спільна декларація"),
}
PROVISIONS: tuple[tuple[str, str, str], ...] = (
    (
        "Exchange of customs information",
        "Échange d'informations douanières",
        "Обмін митною інформацією",
    ),
    ("Training of border officers", "Formation des agents frontaliers", "Навчання прикордонників"),
    (
        "Joint production of armoured vehicles",
        "Production conjointe de blindés",
        "Спільне виробництво бронетехніки",
    ),
    (
        "Protection of critical infrastructure",
        "Protection des infrastructures critiques",
        "Захист обʼєктів критичної інфраструктури",
    ),
    (
        "Load capacity of rebuilt bridges",
        "Capacité portante des ponts reconstruits",
        "Підʼємність відбудованих мостів",
    ),
    ("Intelligence sharing", "Partage du renseignement", "Обмін розвідувальними даними"),
    ("Technical assistance", "Assistance technique", "Технічна допомога"),
    (
        "Fight against customs offences",
        "Lutte contre les infractions douanières",
        "Протидія митним правопорушенням",
    ),
    (
        "Mutual recognition of diplomas",
        "Reconnaissance mutuelle des diplômes",
        "Взаємне визнання дипломів",
    ),
    ("Communication and liaison officers", "Officiers de liaison", "Офіцери звʼязку"),
)
# (English, French, Ukrainian accusative, category)
PURPOSES: tuple[tuple[str, str, str, Category], ...] = (
    (
        "air defence systems",
        "systèmes de défense aérienne",
        "системи протиповітряної оборони",
        Category.MILITARY,
    ),
    (
        "artillery ammunition",
        "munitions d'artillerie",
        "артилерійські боєприпаси",
        Category.MILITARY,
    ),
    ("armoured vehicles", "véhicules blindés", "бронетехніку", Category.MILITARY),
    ("drones", "drones", "безпілотники", Category.MILITARY),
    ("budget support", "soutien budgétaire", "бюджетну підтримку", Category.FINANCIAL),
    ("loan guarantees", "garanties de prêt", "кредитні гарантії", Category.FINANCIAL),
    ("energy equipment", "équipement énergétique", "енергетичне обладнання", Category.ECONOMIC),
    ("grain exports", "exportations de céréales", "експорт зерна", Category.ECONOMIC),
    ("winter generators", "générateurs pour l'hiver", "генератори на зиму", Category.HUMANITARIAN),
    ("medical supplies", "fournitures médicales", "медичні засоби", Category.HUMANITARIAN),
    ("rebuilding of schools", "reconstruction des écoles", "відбудову шкіл", Category.DEVELOPMENT),
    (
        "border infrastructure",
        "infrastructures frontalières",
        "прикордонну інфраструктуру",
        Category.DEVELOPMENT,
    ),
    (
        "demining equipment",
        "matériel de déminage",
        "обладнання для розмінування",
        Category.SECURITY,
    ),
    ("police training", "formation de la police", "навчання поліції", Category.SECURITY),
    (
        "repair of damaged objects",
        "réparation des sites endommagés",
        "ремонт пошкоджених обʼєктів",
        Category.STABILISATION,
    ),
    (
        "resettlement of displaced families",
        "réinstallation des familles déplacées",
        "допомогу переміщеним сімʼям",
        Category.IMMIGRATION,
    ),
    ("cultural heritage", "patrimoine culturel", "збереження памʼяток", Category.OTHER),
)
UNITS = (
    "drones",
    "armoured vehicles",
    "artillery shells",
    "generators",
    "tonnes of grain",
    "people",
)
CURRENCIES: tuple[tuple[str | None, str | None, int], ...] = (
    # (ISO code, as written when no code is known, weight)
    ("CAD", None, 20),
    ("USD", None, 25),
    ("EUR", None, 25),
    ("GBP", None, 8),
    ("UAH", None, 8),
    ("JPY", None, 4),
    (None, "$", 10),
)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip
