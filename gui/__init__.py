"""Accords desktop window: views, item models and undo commands over the storage service."""
