"""Sources brought in by the user: text extraction, what a text proposes, and applying it.

May import ``storage.schema``, ``storage.records`` and ``storage.db``; never Qt or ``gui``.
"""
