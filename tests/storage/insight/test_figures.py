"""Every dashboard figure read in one go: the same as each read alone, told as each is ready."""

from __future__ import annotations

from storage.insight.amounts import totals
from storage.insight.events import timeline
from storage.insight.figures import compute_figures, compute_totals
from storage.insight.overdue import overdue_list
from storage.insight.statuses import status_counts, status_history
from storage.service import AccordsService


def test_the_figures_are_those_each_function_reads(service: AccordsService) -> None:
    service.rates.set("CAD", "USD", "0.73", "2026-11-01")
    figures = compute_figures(service, "donor", "USD", timeline_limit=50)
    assert figures.totals.rows == totals(service, by="donor", reporting_currency="USD")
    assert (figures.totals.by, figures.totals.reporting) == ("donor", "USD")
    assert figures.rates == service.rates.all()
    assert figures.statuses == status_counts(service)
    assert figures.history == status_history(service)
    assert figures.timeline == timeline(service, limit=50)
    assert figures.overdue == overdue_list(service)


def test_each_figure_is_told_once_the_quick_ones_first(service: AccordsService) -> None:
    told: list[tuple[str, object]] = []
    figures = compute_figures(service, "currency", None, report=lambda n, v: told.append((n, v)))
    names = [name for name, _value in told]
    assert names[0] == "quick"
    assert sorted(names[1:]) == ["history", "overdue", "timeline", "totals"]
    values = dict(told)
    assert values["quick"] == (figures.rates, figures.statuses)
    assert values["totals"] == figures.totals and values["overdue"] == figures.overdue


def test_the_totals_figures_offer_the_currencies_with_rates(service: AccordsService) -> None:
    assert compute_totals(service, "currency", None).currencies == service.rates.currencies()
    service.rates.set("EUR", "USD", "1.08", "2026-11-01")
    offered = compute_totals(service, "currency", "EUR").currencies
    assert {"EUR", "USD"} <= set(offered)
