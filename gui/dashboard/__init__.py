"""The dashboard: a panel per figure, the rates, theming, scheduling; imports gui and the core."""

from gui.dashboard.view import DashboardView

__all__ = ["DashboardView"]
