"""The service's parts (``service.records``, ``service.notes``...): every query and edit; they
reach the database file only through `storage.database`."""
