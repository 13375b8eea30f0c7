"""A chart said in words: each bar's value and each line's latest and highest, for screen
readers (the chart view's accessible description) and for a tooltip."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

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
from PySide6.QtCore import QDate, QDateTime

from storage.i18n import _, format_day, format_number, ngettext
from storage.insight.events import TimelineEvent
from storage.schema.enums import label

# A bar set or line says at most this many values, and how many more there are.
SAID_VALUES = 12


def number(value: float) -> str:
    """A value as the chart draws it, at most four significant digits, written as the
    language writes numbers: "1,235,000", "1 235 000", "0,5"."""
    if not math.isfinite(value):
        return format_number(0)
    rounded = Decimal(f"{value:.4g}")  # may read "1.235e+06": Decimal takes it, unscaled
    whole = rounded == rounded.to_integral_value()
    return format_number(int(rounded) if whole else rounded)


def qt_day(day: QDate) -> date:
    """A Qt date as Python's."""
    return date(day.year(), day.month(), day.day())


def event_text(event: TimelineEvent) -> str:
    """One event of a record in words, its days as the language writes them."""
    day = format_day(event.day)
    if event.kind == "due" and event.end is not None:
        return _("due {due_start} to {due_end}").format(
            due_start=day, due_end=format_day(event.end)
        )
    if event.kind == "signed":
        return _("signed on {day}").format(day=day)
    if event.kind == "announced":
        return _("announced on {day}").format(day=day)
    before, after = event.statuses
    if before:
        return _("{before} → {after} on {day}").format(
            before=label(before), after=label(after), day=day
        )
    return _("recorded as {status} on {day}").format(status=label(after), day=day)


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
        said = [event_text(event) for event in record_events]
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
            day=format_day(qt_day(QDateTime.fromMSecsSinceEpoch(round(last.x())).date())),
            highest=number(highest),
        )
    return _("{name}: latest {last}, highest {highest}").format(
        name=series.name(), last=number(last.y()), highest=number(highest)
    )
