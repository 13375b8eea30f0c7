"""Figures over the records, and exchange rates: core only, never importing Qt or ``gui``."""

from storage.insight.amounts import GROUPINGS, Grouping, TotalRow, totals
from storage.insight.events import (
    TIMELINE_EVENT_LIMIT,
    EventKind,
    Timeline,
    TimelineCount,
    TimelineEvent,
    timeline,
    timeline_events,
)
from storage.insight.figures import Figures, TotalsFigures, compute_figures, compute_totals
from storage.insight.overdue import OverdueItem, overdue_list
from storage.insight.rates import Rates, RateView
from storage.insight.statuses import (
    HistoryPeriod,
    StatusCount,
    StatusHistory,
    StatusPoint,
    status_counts,
    status_history,
    status_order,
)

__all__ = [
    "GROUPINGS",
    "TIMELINE_EVENT_LIMIT",
    "EventKind",
    "Figures",
    "Grouping",
    "HistoryPeriod",
    "OverdueItem",
    "RateView",
    "Rates",
    "StatusCount",
    "StatusHistory",
    "StatusPoint",
    "Timeline",
    "TimelineCount",
    "TimelineEvent",
    "TotalRow",
    "TotalsFigures",
    "compute_figures",
    "compute_totals",
    "overdue_list",
    "status_counts",
    "status_history",
    "status_order",
    "timeline",
    "timeline_events",
    "totals",
]
