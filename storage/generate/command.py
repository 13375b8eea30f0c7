"""The command ``accords generate --records N [--seed S]``."""

from __future__ import annotations

import argparse
import sys
import time

from storage.generate.generation import generate
from storage.wording import plural


def cmd_generate(args: argparse.Namespace) -> int:
    """Fill the database ``args.db`` names with ``args.records`` synthetic records."""
    from storage.cli import open_service

    service = open_service(args.db, writes=True)
    try:
        started = time.perf_counter()

        def report(done: int) -> None:
            print(f"  {done:,} of {plural(args.records, 'record', 'records')}", file=sys.stderr)

        added = generate(service, args.records, seed=args.seed, progress=report)
        elapsed = time.perf_counter() - started
        generated = plural(added, "record", "records")
        print(f"Generated {generated} in {service.db.location} in {elapsed:.1f} s.")
    finally:
        service.close()
    return 0
