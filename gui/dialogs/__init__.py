"""Dialogs: new records, export, backups, the brief, and the non-blocking message boxes."""
