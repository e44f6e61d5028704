"""Indicator summaries: each indicator's latest two values up to a plan year, its trend read against
its direction (higher or lower is better) and its target for that year or the nearest later one.
Computed by the database in the same query (`with_summary`) or from two plain queries for thousands
of indicators at once (`attach_summaries`); the pages of the steering chain show them."""

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from django.db.models import F, OuterRef, Subquery, Window
from django.db.models.functions import RowNumber

from styrkraft.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from styrkraft.kolada.analysis import IMPROVING, UNCHANGED, VERDICT_LABELS, WORSENING

ARROWS = {"up": "↑", "down": "↓", "flat": "→"}


@dataclass(frozen=True)
class IndicatorSummary:
    """An indicator's latest and previous value, its target and its direction; the page shows `trend`
    and `arrow`."""

    latest_year: int | None
    latest_value: Decimal | None
    previous_year: int | None
    previous_value: Decimal | None
    target_year: int | None
    target_value: Decimal | None
    direction: str

    @cached_property
    def change(self) -> str | None:
        """'up', 'down' or 'flat' from the previous to the latest value, None with fewer than two."""
        if self.latest_value is None or self.previous_value is None:
            return None
        if self.latest_value > self.previous_value:
            return "up"
        if self.latest_value < self.previous_value:
            return "down"
        return "flat"

    @cached_property
    def trend(self) -> str | None:
        change = self.change
        if change is None:
            return None
        if change == "flat":
            return UNCHANGED
        better = "up" if self.direction == Indicator.Direction.HIGHER else "down"
        return IMPROVING if change == better else WORSENING

    @cached_property
    def trend_label(self) -> str:
        return str(VERDICT_LABELS[self.trend]) if self.trend else ""

    @cached_property
    def arrow(self) -> str:
        return ARROWS[self.change] if self.change else ""


def with_summary(queryset, year: int):
    """Annotate indicators with their latest two values up to `year` and the target for `year` or the
    nearest later year (correlated subqueries: one query for any number of indicators)."""
    values = IndicatorValue.objects.filter(indicator=OuterRef("pk"), year__lte=year).order_by("-year")
    targets = IndicatorTarget.objects.filter(indicator=OuterRef("pk"), year__gte=year).order_by("year")
    return queryset.annotate(
        s_latest_year=Subquery(values.values("year")[:1]),
        s_latest_value=Subquery(values.values("value")[:1]),
        s_previous_year=Subquery(values.values("year")[1:2]),
        s_previous_value=Subquery(values.values("value")[1:2]),
        s_target_year=Subquery(targets.values("year")[:1]),
        s_target_value=Subquery(targets.values("value")[:1]),
    )


def _decimal(value) -> Decimal | None:
    # SQLite hands back a float for a decimal computed in a subquery on some versions.
    return None if value is None else Decimal(str(value))


def summarize(indicator: Indicator) -> Indicator:
    """Attach `indicator.summary` from the annotations of with_summary()."""
    indicator.summary = IndicatorSummary(
        latest_year=indicator.s_latest_year,
        latest_value=_decimal(indicator.s_latest_value),
        previous_year=indicator.s_previous_year,
        previous_value=_decimal(indicator.s_previous_value),
        target_year=indicator.s_target_year,
        target_value=_decimal(indicator.s_target_value),
        direction=indicator.direction,
    )
    return indicator


def summarized(indicators) -> list[Indicator]:
    """summarize() each of `indicators` (annotated by with_summary())."""
    return [summarize(i) for i in indicators]


def attach_summaries(indicators, year: int, scope) -> list:
    """Attach `indicator.summary` to each of `indicators` (Indicator or ChainIndicator objects: a `pk`
    and a `direction`), the same figures as with_summary() gives, computed in Python from two plain
    queries: the values up to `year` and the targets from `year` on of the indicators in `scope` (an
    Indicator queryset that holds at least `indicators`, used as a subquery, so the SQL does not grow
    with the number of indicators). Cheaper than with_summary()'s correlated subqueries when there are
    thousands of indicators."""
    latest: dict[int, list[tuple[int, Decimal]]] = {}
    # Only the two latest values of each indicator leave the database (a window function numbers them).
    values = (
        IndicatorValue.objects.filter(indicator__in=scope.values("pk"), year__lte=year)
        .annotate(rank=Window(RowNumber(), partition_by=F("indicator_id"), order_by=F("year").desc()))
        .filter(rank__lte=2)
        .order_by("indicator_id", "-year")
        .values_list("indicator_id", "year", "value")
    )
    for indicator_id, value_year, value in values:
        latest.setdefault(indicator_id, []).append((value_year, value))
    nearest: dict[int, tuple[int, Decimal]] = {}
    targets = (
        IndicatorTarget.objects.filter(indicator__in=scope.values("pk"), year__gte=year)
        .order_by("indicator_id", "-year")
        .values_list("indicator_id", "year", "value")
    )
    for indicator_id, target_year, value in targets:
        nearest[indicator_id] = (target_year, value)  # descending years: the last one is the nearest
    none = (None, None)
    for indicator in indicators:
        pair = latest.get(indicator.pk, ())
        first = pair[0] if pair else none
        second = pair[1] if len(pair) > 1 else none
        target = nearest.get(indicator.pk, none)
        indicator.summary = IndicatorSummary(
            latest_year=first[0],
            latest_value=first[1],
            previous_year=second[0],
            previous_value=second[1],
            target_year=target[0],
            target_value=target[1],
            direction=indicator.direction,
        )
    return indicators
