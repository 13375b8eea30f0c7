"""The detail pane: everything about the selected record, in tabs."""

from gui.detail.pane import DetailPane

__all__ = ["DetailPane"]
