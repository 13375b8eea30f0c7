"""A chart said in words: each bar's value and each line's latest and highest, for screen
readers (the chart view's accessible description) and for a tooltip."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QAbstractSeries,
    QBarCategoryAxis,
    QChart,
    QDateTimeAxis,
    QScatterSeries,
    QValueAxis,
    QXYSeries,
)
from PySide6.QtCore import QDateTime

from storage.i18n import _, ngettext
from storage.insight.events import TimelineEvent

# A bar set or line says at most this many values, and how many more there are.
SAID_VALUES = 12


def number(value: float) -> str:
    """A value as the chart draws it: at most four significant digits, no trailing zeros."""
    return f"{value:.4g}"


def chart_summary(chart: QChart, unsaid: Sequence[QAbstractSeries] = ()) -> str:
    """The chart's title, what its values are in, and each series's values (but those
    ``unsaid``: a marker such as the line at today), one line each."""
    lines = [chart.title()]
    units = [
        axis.titleText()
        for axis in chart.axes()
        if isinstance(axis, QValueAxis) and axis.titleText()
    ]
    if units:
        lines.append(_("Values in {units}.").format(units=", ".join(units)))
    for series in chart.series():
        if series in unsaid:
            continue
        if isinstance(series, QAbstractBarSeries):
            lines.extend(_bar_lines(series))
        elif isinstance(series, QScatterSeries) and series.name():
            count = series.count()
            lines.append(
                ngettext("{name}: {count} mark", "{name}: {count} marks", count).format(
                    name=series.name(), count=count
                )
            )
        elif isinstance(series, QXYSeries) and series.name():
            lines.append(_line_text(series))
    if len(lines) == 1:
        lines.append(_("No values to show."))
    return "\n".join(line for line in lines if line)


def events_summary(title: str, events: Sequence[TimelineEvent]) -> str:
    """A timeline of events in words: each record's events in order, one record a line."""
    by_record: dict[int, list[TimelineEvent]] = {}
    for event in sorted(events, key=lambda e: (e.day, e.record_id)):
        by_record.setdefault(event.record_id, []).append(event)
    lines = [title]
    for record_events in list(by_record.values())[:SAID_VALUES]:
        # A due period's label names its days already ("due 2025-09-01 to 2025-09-30").
        said = [
            event.label if event.end is not None else f"{event.label} {event.day.isoformat()}"
            for event in record_events
        ]
        lines.append(
            _("{name}: {values}").format(name=record_events[0].title, values="; ".join(said))
        )
    if len(by_record) > SAID_VALUES:
        lines.append(_("{count} more").format(count=len(by_record) - SAID_VALUES))
    if len(lines) == 1:
        lines.append(_("No values to show."))
    return "\n".join(lines)


def _bar_lines(series: QAbstractBarSeries) -> list[str]:
    categories: list[str] = []
    for axis in series.attachedAxes():
        if isinstance(axis, QBarCategoryAxis):
            categories = list(axis.categories())
    found = []
    for bar_set in series.barSets():
        # Bars are added bottom-up in horizontal charts; read them top-down, as they look.
        pairs = list(zip(categories, (bar_set.at(i) for i in range(bar_set.count())), strict=False))
        pairs.reverse()
        said = [f"{name} {number(value)}" for name, value in pairs[:SAID_VALUES]]
        if len(pairs) > SAID_VALUES:
            said.append(_("{count} more").format(count=len(pairs) - SAID_VALUES))
        found.append(_("{name}: {values}").format(name=bar_set.label(), values="; ".join(said)))
    return found


def _line_text(series: QXYSeries) -> str:
    points = series.points()
    if not points:
        return _("{name}: no values").format(name=series.name())
    last, highest = points[-1], max(point.y() for point in points)
    dated = any(isinstance(axis, QDateTimeAxis) for axis in series.attachedAxes())
    if dated:
        return _("{name}: {last} on {day}, highest {highest}").format(
            name=series.name(),
            last=number(last.y()),
            day=QDateTime.fromMSecsSinceEpoch(round(last.x())).date().toString("yyyy-MM-dd"),
            highest=number(highest),
        )
    return _("{name}: latest {last}, highest {highest}").format(
        name=series.name(), last=number(last.y()), highest=number(highest)
    )
