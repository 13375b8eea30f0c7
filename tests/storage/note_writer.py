"""Child process of the restore race test: adds notes until stopped, acknowledging each commit."""

from __future__ import annotations

import sys
from pathlib import Path

from storage.errors import AccordsError
from storage.service import AccordsService

RECORD = "september-2025-drones-ammunition-armored-vehicles"


def main(database: str, stop: str) -> None:
    service = AccordsService.open(database, actor="restore-race")
    record_id = service.records.resolve_id(RECORD)
    print("ready", flush=True)
    number = 0
    while not Path(stop).exists():
        number += 1
        text = f"race note {number}"
        try:
            service.notes.add_note(record_id, text)
        except AccordsError:
            continue  # not acknowledged (busy): it may or may not be anywhere
        print(text, flush=True)
    service.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
