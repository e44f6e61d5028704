"""Indicator summaries: each indicator's latest value up to a plan year, its trend and its target for
that year or the nearest later one; the pages of the steering chain show them.

The trend is the one trend of the product (indicators.analysis.trend): a least-squares line through the
values of the last KOLADA_TREND_YEARS years, read against the indicator's direction, so the start page,
the organ and goal pages and the indicator page never disagree. Computed from two plain queries for
any number of indicators (`attach_summaries`): the latest values of each indicator (a window function
keeps only as many as the trend needs) and the targets from the year on, of which the user sees those
styrkraft.indicators.targets allows."""

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from django.conf import settings
from django.db.models import F, Window
from django.db.models.functions import RowNumber

from styrkraft.indicators.analysis import UNCHANGED, Trend, trend
from styrkraft.indicators.models import IndicatorTarget, IndicatorValue
from styrkraft.indicators.targets import visible_targets
from styrkraft.org.permissions import Visibility

ARROWS = {"up": "↑", "down": "↓", "flat": "→"}


@dataclass(frozen=True)
class IndicatorSummary:
    """An indicator's recent values (oldest first, up to the plan year), its target and its direction;
    the page shows the latest value, `trend_label` and `arrow`."""

    recent: tuple[tuple[int, Decimal], ...]
    target_year: int | None
    target_value: Decimal | None
    direction: str

    @property
    def latest_year(self) -> int | None:
        return self.recent[-1][0] if self.recent else None

    @property
    def latest_value(self) -> Decimal | None:
        return self.recent[-1][1] if self.recent else None

    @cached_property
    def trend_result(self) -> Trend:
        return trend(self.recent, direction=self.direction, years=settings.KOLADA_TREND_YEARS)

    @cached_property
    def trend(self) -> str | None:
        """'improving', 'worsening' or 'unchanged'; None with too few values to judge."""
        result = self.trend_result
        return result.verdict if result.is_judged else None

    @cached_property
    def change(self) -> str | None:
        """Which way the fitted line goes: 'up', 'down' or 'flat' (within the tolerance)."""
        if self.trend is None:
            return None
        if self.trend == UNCHANGED:
            return "flat"
        return "up" if self.trend_result.slope > 0 else "down"

    @cached_property
    def trend_label(self) -> str:
        return self.trend_result.label if self.trend else ""

    @cached_property
    def arrow(self) -> str:
        return ARROWS[self.change] if self.change else ""


def attach_summaries(indicators, year: int, scope, visible: Visibility) -> list:
    """Attach `indicator.summary` to each of `indicators` (Indicator or ChainIndicator objects: a `pk`,
    a `direction` and what styrkraft.indicators.targets needs), from two plain queries over the
    indicators in `scope` (an Indicator queryset that holds at least `indicators`, used as a subquery,
    so the SQL does not grow with their number). The target is the nearest of those `visible` sees."""
    recent: dict[int, list[tuple[int, Decimal]]] = {}
    # The window of the trend holds at most one value per year: no more values need leave the database.
    values = (
        IndicatorValue.objects.filter(indicator__in=scope.values("pk"), year__lte=year)
        .annotate(rank=Window(RowNumber(), partition_by=F("indicator_id"), order_by=F("year").desc()))
        .filter(rank__lte=settings.KOLADA_TREND_YEARS)
        .order_by("indicator_id", "year")
        .values_list("indicator_id", "year", "value")
    )
    for indicator_id, value_year, value in values:
        recent.setdefault(indicator_id, []).append((value_year, _decimal(value)))
    stored: dict[int, list[tuple[int, Decimal]]] = {}
    targets = IndicatorTarget.objects.filter(indicator__in=scope.values("pk"), year__gte=year).values_list(
        "indicator_id", "year", "value"
    )
    for indicator_id, target_year, value in targets:
        stored.setdefault(indicator_id, []).append((target_year, value))
    for indicator in indicators:
        seen = [t for t in visible_targets(indicator, stored.get(indicator.pk, ()), visible) if t[0] >= year]
        target_year, target_value = seen[0] if seen else (None, None)  # by year: the first is the nearest
        indicator.summary = IndicatorSummary(
            recent=tuple(recent.get(indicator.pk, ())),
            target_year=target_year,
            target_value=target_value,
            direction=indicator.direction,
        )
    return indicators


def _decimal(value) -> Decimal:
    # SQLite may hand back a float for a decimal column read through a window function.
    return value if isinstance(value, Decimal) else Decimal(str(value))
