"""Indicator summaries (styrkraft/indicators/summaries.py): the latest value, the nearest target and the
trend — the same least-squares trend over the last KOLADA_TREND_YEARS years as the indicator page."""

from decimal import Decimal

from styrkraft.indicators import analysis, summaries
from styrkraft.indicators.models import Indicator
from styrkraft.org.permissions import Visibility
from tests import factories as f

ALL = Visibility(everything=True, organ_ids=frozenset())  # an administrator: every target


def _summary(board, target_area, direction, values, targets=None, year=2024):
    goal = f.GoalFactory(organ=board, target_area=target_area)
    indicator = f.IndicatorFactory(goal=goal, direction=direction)
    for value_year, value in values.items():
        f.IndicatorValueFactory(indicator=indicator, year=value_year, value=Decimal(value))
    for target_year, value in (targets or {}).items():
        f.IndicatorTargetFactory(indicator=indicator, year=target_year, value=Decimal(value))
    scope = Indicator.objects.filter(pk=indicator.pk)
    return summaries.attach_summaries(list(scope), year, scope, ALL)[0].summary


def test_latest_value_target_and_an_improving_trend(board_a, target_areas):
    s = _summary(
        board_a,
        target_areas[0],
        Indicator.Direction.HIGHER,
        {2021: "50", 2022: "52.5", 2023: "55", 2025: "99"},
        {2023: "54", 2025: "60", 2026: "65"},
    )
    assert (s.latest_year, s.latest_value) == (2023, Decimal("55"))
    assert (s.target_year, s.target_value) == (2025, Decimal("60"))
    assert (s.change, s.trend, s.trend_label, s.arrow) == ("up", "improving", "förbättras", "↑")
    assert s.trend_result.slope == 2.5  # 2.5 per year, by hand


def test_the_trend_is_the_fitted_line_not_the_last_step(board_a, target_areas):
    """The last step is up (81.3 → 82), but the line over five years goes down: worsening. The goal page
    once said "improving" beside the indicator page's "worsening"; one trend now serves both."""
    values = {2018: "82.6", 2019: "83.4", 2020: "84.1", 2021: "83.2", 2022: "81.9", 2023: "81.3", 2024: "82"}
    s = _summary(board_a, target_areas[0], Indicator.Direction.HIGHER, values)
    expected = analysis.trend([(y, Decimal(v)) for y, v in values.items()], direction="higher", years=5)
    assert (s.trend, s.change, s.arrow) == ("worsening", "down", "↓")
    assert s.trend_result == expected
    assert round(s.trend_result.slope, 2) == -0.61


def test_lower_is_better(board_a, target_areas):
    rising = _summary(
        board_a, target_areas[0], Indicator.Direction.LOWER, {2022: "10", 2023: "11", 2024: "12"}
    )
    assert (rising.change, rising.trend, rising.trend_label) == ("up", "worsening", "försämras")
    falling = _summary(
        board_a, target_areas[0], Indicator.Direction.LOWER, {2022: "10", 2023: "9", 2024: "8"}
    )
    assert (falling.change, falling.trend, falling.trend_label) == ("down", "improving", "förbättras")


def test_flat_and_too_few_values(board_a, target_areas):
    flat = _summary(board_a, target_areas[0], Indicator.Direction.HIGHER, {2022: "3", 2023: "3", 2024: "3"})
    assert (flat.change, flat.trend, flat.trend_label, flat.arrow) == ("flat", "unchanged", "oförändrat", "→")
    two = _summary(board_a, target_areas[0], Indicator.Direction.HIGHER, {2023: "3", 2024: "9"})
    assert (two.latest_value, two.trend, two.trend_label, two.arrow) == (Decimal("9"), None, "", "")
    none = _summary(board_a, target_areas[0], Indicator.Direction.HIGHER, {})
    assert (none.latest_year, none.latest_value, none.trend) == (None, None, None)


def test_only_values_up_to_the_year_and_within_the_window_count(board_a, target_areas):
    """Values after the plan year are left out; so are values older than the trend's window."""
    values = {2015: "1000", 2020: "10", 2021: "11", 2022: "12", 2023: "13", 2024: "14", 2025: "0"}
    s = _summary(board_a, target_areas[0], Indicator.Direction.HIGHER, values)
    assert [y for y, _v in s.recent] == [2020, 2021, 2022, 2023, 2024]
    assert (s.latest_year, s.trend, s.trend_result.slope) == (2024, "improving", 1.0)


def test_many_indicators_in_two_queries(board_a, target_areas, django_assert_num_queries):
    goal = f.GoalFactory(organ=board_a, target_area=target_areas[0])
    for n in range(20):
        indicator = f.IndicatorFactory(goal=goal)
        for year in range(2018, 2025):
            f.IndicatorValueFactory(indicator=indicator, year=year, value=Decimal(n + (year - 2018) * 10))
    scope = Indicator.objects.filter(goal=goal)
    indicators = list(scope)
    with django_assert_num_queries(2):
        summaries.attach_summaries(indicators, 2024, scope, ALL)
    assert {i.summary.trend for i in indicators} == {"improving"}
