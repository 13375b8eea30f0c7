"""The service's parts (service.records, .notes...): its queries and edits, via storage.database."""
