"""Tests of the undo commands, a module per area as in gui/operations."""
