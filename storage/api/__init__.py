"""The service's parts (service.records, .notes...): queries and edits over storage.db.database."""
