"""Short dated reports written for these tests in the manner of the seed's news articles."""

from __future__ import annotations

from datetime import date

ENGLISH_PUBLISHED = date(2025, 9, 15)
ENGLISH = """date 2025-09-15
Canada and Ukraine sign a defence memorandum in Kyiv

Today, September 15, Prime Minister of Canada Mark Carney and President of Ukraine Volodymyr \
Zelenskyy signed a Memorandum of Understanding on Defence Industrial Cooperation between Ukraine \
and Canada.

The memorandum provides for the joint production of drones and artillery shells in both countries.

Canada will provide Ukraine with more than C$2 billion (about 1.45 billion US dollars) in \
military and humanitarian assistance in 2026.

Zelenskyi thanked Canada for its support. The C$2 billion package also covers the repair of \
armored vehicles.

Ukraine will receive drones, ammunition and armored vehicles worth over $750 million from Canada \
in September.

Zelensky recalled that Ukraine signed a security agreement with Canada on February 24, 2024.
"""

FRENCH_PUBLISHED = date(2025, 10, 2)
FRENCH = """date 2025-10-02
Le Canada débloque 3 milliards de dollars canadiens pour l'Ukraine

Aujourd'hui, 2 octobre, le Canada a annoncé une aide militaire de 3 milliards de dollars \
canadiens (environ 2,2 milliards de dollars américains) à l'Ukraine, qui sera versée en 2026.

Le ministre de la Défense du Canada David McGuinty et le ministre de la Défense de l'Ukraine \
Denys Chmyhal ont signé un mémorandum d'entente sur la production conjointe de drones.

Selon le président Volodymyr Zelensky, l'Ukraine recevra aussi plus de 22 000 000 000 CAD d'ici \
la fin de 2027.
"""

UKRAINIAN_PUBLISHED = date(2025, 8, 24)
UKRAINIAN = """date 2025-08-24
Канада надасть Україні понад 700 млн доларів

Сьогодні, 24 серпня, Президент України Володимир Зеленський і Прем'єр-міністр Канади Марк Карні \
підписали план дій щодо виконання угоди про безпекове співробітництво.

Канада надасть Україні понад 700 млн доларів у вересні на дрони, боєприпаси та бронетехніку.

Крім того, Канада виділить 3 мільярди канадських доларів на відновлення енергетики у 2026 році.
"""

ALIASES = {
    "zelenskyy": "Volodymyr Zelensky",
    "зеленський": "Volodymyr Zelensky",
    "марк карні": "Mark Carney",
    "denys chmyhal": "Denys Shmyhal",
}
