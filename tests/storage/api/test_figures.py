"""Every dashboard figure read in one go: reported as each is ready, equal to those read alone."""

from __future__ import annotations

from storage.insight import overdue_list, status_counts, status_history, timeline, totals
from storage.insight.figures import compute_figures
from storage.service import AccordsService


def test_each_figure_is_reported_once_quick_ones_first(service: AccordsService) -> None:
    reported: list[tuple[str, object]] = []
    figures = compute_figures(service, "currency", None, 3, lambda *told: reported.append(told))
    names = [name for name, _value in reported]
    assert names[0] == "quick"
    assert sorted(names[1:]) == ["history", "overdue", "timeline", "totals"]
    told = dict(reported)
    assert told["quick"] == (figures.rates, figures.statuses)
    assert told["history"] == figures.history and told["totals"] == figures.totals
    assert figures.statuses == status_counts(service)
    assert figures.history == status_history(service)
    assert figures.timeline == timeline(service, limit=3) and figures.timeline.aggregated
    assert figures.overdue == overdue_list(service)
    assert figures.totals.rows == totals(service, by="currency")
    assert figures.totals.currencies == service.rates.currencies()


def test_the_totals_offer_the_currencies_of_the_rates_too(service: AccordsService) -> None:
    service.rates.set("CHF", "JPY", "170", "2026-11-01")
    figures = compute_figures(service, "donor", "CHF")
    assert {"CHF", "JPY"} <= set(figures.totals.currencies)
    assert (figures.totals.by, figures.totals.reporting) == ("donor", "CHF")
    assert all(row.unit == "CHF" for row in figures.totals.rows if row.is_money)
