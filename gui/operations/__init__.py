"""Undo commands, one module per area; each command calls one service method (see gui.undo)."""
