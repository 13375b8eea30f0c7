"""The words proposals read in English, French and Ukrainian: kinds, categories, states, money."""

from __future__ import annotations

from storage.schema.enums import Category, DocumentKind, Qualifier
from storage.sources.sentences import words

# Where a pattern whose every match begins with a letter or digit may start: ``\b`` there,
# but the engine then tries the alternatives only at word starts, not also at word ends
# (twice as fast for the long alternations; tests/storage/sources/test_patterns.py checks
# that each pattern using it can only begin with a word character).
WORD_START = r"(?<!\w)"
# Each state: canonical English name, then regex alternatives for its noun (any language,
# Ukrainian case endings included) and for its adjective. Nouns name a party; adjectives
# ("Canadian dollars", "Ukrainian origin") only hint at one.
STATES: tuple[tuple[str, str, str], ...] = (
    ("Ukraine", r"Ukraine|Україн(?:а|и|і|у|ою)", r"ukrainian|ukrainien(?:ne)?s?|українськ\w*"),
    ("Canada", r"Canada|Канад(?:а|и|і|у|ою)", r"canadian|canadien(?:ne)?s?|канадськ\w*"),
    (
        "United States",
        r"the United States|the U\.S\.|USA|[ÉE]tats-Unis|США|Сполучен\w+ Штат\w+",
        r"american|américain(?:e)?s?|американськ\w*",
    ),
    (
        "United Kingdom",
        r"the United Kingdom|Britain|the UK|Royaume-Uni|Великобритані\w+",
        r"british|britannique s?|британськ\w*",
    ),
    ("France", r"France|Франці(?:я|ї|ю|єю)", r"french|français(?:e)?s?|французьк\w*"),
    ("Germany", r"Germany|Allemagne|Німеччин\w+", r"german|allemand(?:e)?s?|німецьк\w*"),
    ("Poland", r"Poland|Pologne|Польщ\w+", r"polish|polonais(?:e)?s?|польськ\w*"),
    ("Japan", r"Japan|Japon|Японі\w+", r"japanese|japonais(?:e)?s?|японськ\w*"),
    ("Italy", r"Italy|Italie|Італі\w+", r"italian|italien(?:ne)?s?|італійськ\w*"),
    ("Netherlands", r"the Netherlands|Pays-Bas|Нідерланд\w*", r"dutch|néerlandais(?:e)?s?"),
    ("Denmark", r"Denmark|Danemark|Дані\w+", r"danish|danois(?:e)?s?|данськ\w*"),
    ("Sweden", r"Sweden|Suède|Швеці\w+", r"swedish|suédois(?:e)?s?|шведськ\w*"),
    ("Norway", r"Norway|Norvège|Норвегі\w+", r"norwegian|norvégien(?:ne)?s?|норвезьк\w*"),
    ("Finland", r"Finland|Finlande|Фінлянді\w+", r"finnish|finlandais(?:e)?s?|фінськ\w*"),
    ("Estonia", r"Estonia|Estonie|Естоні\w+", r"estonian|estonien(?:ne)?s?|естонськ\w*"),
    ("Latvia", r"Latvia|Lettonie|Латві\w+", r"latvian|letton(?:ne)?s?|латвійськ\w*"),
    ("Lithuania", r"Lithuania|Lituanie|Литв\w+", r"lithuanian|lituanien(?:ne)?s?|литовськ\w*"),
    ("Spain", r"Spain|Espagne|Іспані\w+", r"spanish|espagnol(?:e)?s?|іспанськ\w*"),
    ("Australia", r"Australia|Australie|Австралі\w+", r"australian|australien(?:ne)?s?"),
    (
        "European Union",
        r"the European Union|the EU|l'Union européenne|Європейськ\w+ Союз\w*|ЄС",
        r"european|européen(?:ne)?s?|європейськ\w*",
    ),
    ("Russia", r"Russia|Russie|Росі(?:я|ї|ю|єю)", r"russian|russe s?|російськ\w*"),
)

# Instrument words, longest first so "action plan" wins over "plan". The kind is what the
# schema can hold; the words themselves stay in the title ("Treaty", "Joint Declaration").
DOCUMENT_WORDS: tuple[tuple[str, DocumentKind], ...] = (
    (r"letters? of intent|lettres? d'intention|лист\w* про наміри", DocumentKind.LETTER_OF_INTENT),
    (r"action plans?|plans? d'action|план\w* дій", DocumentKind.ACTION_PLAN),
    (
        r"memorand(?:um|a)(?: of understanding)?|mémorandum(?: d'entente)?|меморандум\w*",
        DocumentKind.MEMORANDUM,
    ),
    (
        r"joint statement|communiqu[ée]s?|déclaration commune|спільн\w+ заяв\w+|комюніке",
        DocumentKind.COMMUNIQUE,
    ),
    (r"agreements?|accords?|угод\w+", DocumentKind.AGREEMENT),
    (r"treat(?:y|ies)|traités?|договор\w*|договір", DocumentKind.OTHER),
    (r"declarations?|déclarations?|деклараці\w+", DocumentKind.OTHER),
    (r"protocols?|protocoles?|протокол\w*", DocumentKind.OTHER),
    (r"road ?maps?|feuilles? de route|дорожн\w+ карт\w+", DocumentKind.OTHER),
)

SIGN_VERB = (
    r"\b(?:sign(?:ed|s|ing)?|sign[ée]s?|signent|signé|signer|підписал\w*|підписан\w*|підпис\w*)\b"
)

# Category: word stems (folded, lower case) that name it.
CATEGORY_WORDS: tuple[tuple[str, Category], ...] = (
    (
        r"militar\w*|militaire\w*|військов\w*|weapons?|armes?|drones?|дрон\w*|ammunition|munitions?"
        r"|боєприпас\w*|armou?red|blindés?|tanks?|air defen[cs]e|defen[cs]e products|зброї|зброя"
        r"|artiller\w*|артилер\w*",
        Category.MILITARY,
    ),
    (
        r"financ(?:ial|ière?s?)|фінансов\w*|budget\w*|бюджет\w*|loans?|prêts?|кредит\w*",
        Category.FINANCIAL,
    ),
    (r"humanitari\w*|humanitaire\w*|гуманітарн\w*", Category.HUMANITARIAN),
    (r"econom\w*|économique\w*|економічн\w*", Category.ECONOMIC),
    (r"development|développement|розвит\w*", Category.DEVELOPMENT),
    (r"security|sécurité|безпек\w*", Category.SECURITY),
    (r"stabili[sz]ation|стабілізац\w*", Category.STABILISATION),
    (r"immigration|refugees?|réfugiés?|біженц\w*|міграц\w*", Category.IMMIGRATION),
)

QUALIFIER_WORDS: tuple[tuple[str, Qualifier], ...] = (
    (
        r"more than|over|in excess of|upwards of|plus de|au-delà de|понад|більш(?:е)? ніж|більше",
        Qualifier.OVER,
    ),
    (r"almost|nearly|close to|près de|presque|майже|ледь не", Qualifier.ALMOST),
    (
        r"about|around|approximately|roughly|some|environ|quelque|près d'|приблизно|близько|"
        r"орієнтовно",
        Qualifier.ABOUT,
    ),
    (r"up to|jusqu'à|до", Qualifier.UP_TO),
)

# Scale words; French "billion" is 10^12 (handled in amounts), every other "billion" 10^9.
SCALES: tuple[tuple[str, int], ...] = (
    (r"trillions?|трлн|трильйон\w*", 10**12),
    (r"billions?|bn|milliards?|мільярд\w*|млрд", 10**9),
    (r"millions?|mln|m|мільйон\w*|млн", 10**6),
    (r"thousands?|mille|тисяч\w*|тис\.", 10**3),
)

# Currency words as written after a number, with the code they certainly mean ("" = ambiguous).
CURRENCY_AFTER: tuple[tuple[str, str], ...] = (
    (r"Canadian dollars?|dollars? canadiens?|канадськ\w+ долар\w*|CAD", "CAD"),
    (
        r"(?:US|U\.S\.|American) dollars?|dollars? (?:américains?|US)|долар\w* США|"
        r"американськ\w+ долар\w*|USD",
        "USD",
    ),
    (r"euros?|євро|EUR|€", "EUR"),
    (r"(?:pounds? sterling|pounds?|livres? sterling|фунт\w* стерлінг\w*|GBP)", "GBP"),
    (r"hryvnias?|hryvnyas?|гривень|гривні|гривня|грн|UAH", "UAH"),
    (r"dollars?|долар\w*", ""),
)

CURRENCY_BEFORE: tuple[tuple[str, str], ...] = (
    (r"C\$|CA\$|CAD ?", "CAD"),
    (r"US\$|U\.S\. ?\$|USD ?", "USD"),
    (r"€|EUR ?", "EUR"),
    (r"£|GBP ?", "GBP"),
    (r"\$", ""),
)

# Counted things that make a figure a quantity, with the unit a record keeps.
UNITS: tuple[tuple[str, str], ...] = (
    (r"(?:\w+ )?refugees|réfugiés(?: \w+)?|біженц\w*|people|personnes|людей|осіб", "people"),
    (r"drones|дрон\w*", "drones"),
    (r"tanks|chars|танк\w*", "tanks"),
    (r"(?:armou?red )?vehicles|véhicules(?: blindés)?|\w+ машин\w*", "vehicles"),
    (r"shells|obus|снаряд\w*", "shells"),
)

# Words that make a sentence with a figure speak of help given (so treaty fines are not pledges).
PLEDGE_VERBS = (
    r"allocat\w*|pledg\w*|provid\w*|giv\w*|send\w*|sent|receiv\w*|worth|package|aid|assistance"
    r"|support\w*|financ\w*|fund\w*|commit\w*|announc\w*|deliver\w*|donat\w*|accepted|granted?"
    r"|allou\w*|débloqu\w*|fourni\w*|promi\w*|aide|soutien|enveloppe|recevr\w*|livr\w*|accord[ée]\w*"
    r"|виділ\w*|нада\w*|отрима\w*|допомог\w*|пакет\w*|фінансув\w*|передас\w*|передав\w*|пообіця\w*"
    r"|спрямув\w*|прийнял\w*"
)

# A pledge stated without a figure ("Canada's intention to finance the joint production").
PLEDGE_WITHOUT_FIGURE = (
    r"intention to (?:finance|fund|provide|supply)|(?:pledged|committed|undertakes?) to "
    r"(?:finance|fund|provide|supply)|will (?:finance|fund)|s'engage à (?:financer|fournir)"
    r"|intention de financer|намір (?:фінансувати|профінансувати)"
    r"|зобов.язал\w+ (?:фінансувати|надати)"
)

# Words of a title that say what it is about in any language, folded to one English stem so
# "sécurité", "безпеки" and "security" are one subject.
SUBJECT_SYNONYMS: dict[str, str] = {
    "secur": "secur",
    "безпе": "secur",
    "coope": "coope",
    "cooperation": "coope",
    "співр": "coope",
    "defen": "defen",
    "défen": "defen",
    "defence": "defen",
    "оборо": "defen",
    "douan": "custo",
    "митни": "custo",
    "митно": "custo",
    "митна": "custo",
    "custo": "custo",
    "produ": "produ",
    "вироб": "produ",
    "fabri": "produ",
    "finan": "finan",
    "фінан": "finan",
    "drone": "drone",
    "дрони": "drone",
    "дронн": "drone",
    "дронів": "drone",
    "ammun": "ammun",
    "munit": "ammun",
    "боєпр": "ammun",
    "armor": "armor",
    "armou": "armor",
    "blind": "armor",
    "броне": "armor",
    "train": "train",
    "forma": "train",
    "навча": "train",
    "recon": "recon",
    "відно": "recon",
}

STOPWORDS = words(
    "the a an of on in and to for with between by from at as its his her their our this that "
    "will has have was were be is are on de la le les des du d l et en pour avec entre au aux "
    "sur une un par dans à та і й у в на з із до про між для що від щодо які яка який це "
    "implement implementation mise œuvre впровадження реалізації implementing concerns "
    "signed sign signé підписали підписав assistance mutual mutuelle administrative "
    "matters matière matières questions питань main joint"
)
