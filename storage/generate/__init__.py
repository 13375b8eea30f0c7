"""Synthetic records for load tests and benchmarks: `accords generate --records N [--seed S]`.

Rows are built in plain Python from one ``random.Random(seed)`` and fixed base times, then
written with Core ``insert()`` executemany in batches, a few write transactions in all, with
the search index filled in the same transactions. The same seed on the same starting
database gives the same rows, byte for byte.

May import the rest of ``storage`` (enums, models, service, search index; ``command`` the
command line's opener), never Qt or ``gui``. Only the command line, the benchmarks and the
tests import it.

- ``vocabulary``, ``texts``, ``odds``, ``days``: what is drawn, in what words, how often, when
- ``draws``: the one random stream every value comes from
- ``reference``: parties, people and roles; ``sources``: source texts to quote
- ``records`` builds each record with ``documents``, ``pledges`` (``amounts``,
  ``deliveries``), ``statuses``, ``notes`` and ``quotes``, into ``rows``
- ``bulk`` writes a transaction's rows; ``generation`` runs the transactions; ``command`` is
  `accords generate`
"""

from storage.generate.command import cmd_generate
from storage.generate.generation import generate

__all__ = ["cmd_generate", "generate"]
