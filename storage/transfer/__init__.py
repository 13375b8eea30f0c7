"""Whole things in and out: seed files, CSV export, shipped data; imports schema, records, db."""
