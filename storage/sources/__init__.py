"""Sources brought in by the user: text extraction, what a text proposes, and applying it.

May import ``storage.schema``, ``storage.records`` and ``storage.db`` (and, inside functions,
``storage.api.records`` for slugs); never Qt or ``gui``.
"""
