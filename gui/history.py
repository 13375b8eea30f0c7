"""The old home of the undo stack, kept only for ``gui.rate_history`` and ``gui.dashboard``
until their exchange-rate commands move to ``gui.operations``; new code imports ``gui.undo``."""

from gui.undo import ServiceCommand
from gui.undo import UndoStack as EditHistory

__all__ = ["EditHistory", "ServiceCommand"]
