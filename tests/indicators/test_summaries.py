"""Indicator summaries (styrkraft/indicators/summaries.py): the latest two values, the trend read
against the direction and the nearest target, from correlated subqueries and from two plain queries."""

from decimal import Decimal

from styrkraft.indicators import summaries
from styrkraft.indicators.models import Indicator
from tests import factories as f


def _summary(board, target_area, direction, values, targets=None):
    goal = f.GoalFactory(organ=board, target_area=target_area)
    indicator = f.IndicatorFactory(goal=goal, direction=direction)
    for year, value in values.items():
        f.IndicatorValueFactory(indicator=indicator, year=year, value=Decimal(value))
    for year, value in (targets or {}).items():
        f.IndicatorTargetFactory(indicator=indicator, year=year, value=Decimal(value))
    return summaries.summarize(
        summaries.with_summary(Indicator.objects.filter(pk=indicator.pk), 2024).get()
    ).summary


def test_summary_higher_is_better_improving(board_a, target_areas):
    s = _summary(
        board_a,
        target_areas[0],
        Indicator.Direction.HIGHER,
        {2021: "50", 2022: "52.5", 2023: "55", 2025: "99"},
        {2023: "54", 2025: "60", 2026: "65"},
    )
    assert (s.latest_year, s.latest_value, s.previous_year, s.previous_value) == (
        2023,
        Decimal("55"),
        2022,
        Decimal("52.5"),
    )
    assert (s.target_year, s.target_value) == (2025, Decimal("60"))
    assert (s.change, s.trend, s.trend_label, s.arrow) == ("up", "improving", "förbättras", "↑")


def test_summary_lower_is_better_rising_is_worsening(board_a, target_areas):
    s = _summary(board_a, target_areas[0], Indicator.Direction.LOWER, {2022: "10", 2024: "12"})
    assert (s.change, s.trend, s.trend_label, s.arrow) == ("up", "worsening", "försämras", "↑")
    assert s.target_value is None


def test_summary_lower_is_better_falling_is_improving(board_a, target_areas):
    s = _summary(board_a, target_areas[0], Indicator.Direction.LOWER, {2022: "10", 2024: "8"})
    assert (s.change, s.trend, s.trend_label) == ("down", "improving", "förbättras")


def test_summary_unchanged_and_single_value(board_a, target_areas):
    flat = _summary(board_a, target_areas[0], Indicator.Direction.HIGHER, {2022: "3", 2023: "3"})
    assert (flat.change, flat.trend, flat.trend_label, flat.arrow) == ("flat", "unchanged", "oförändrat", "→")
    single = _summary(board_a, target_areas[0], Indicator.Direction.HIGHER, {2023: "3"})
    assert (single.latest_value, single.previous_value, single.trend, single.trend_label) == (
        Decimal("3"),
        None,
        None,
        "",
    )


def test_attach_summaries_agrees_with_the_subquery_summaries(board_a, target_areas):
    """The start page's summaries (two plain queries, computed in Python) are the same as the organ and
    goal pages' (correlated subqueries), for indicators with no, one and many values and targets
    before, at and after the year."""
    goal = f.GoalFactory(organ=board_a, target_area=target_areas[0], year=2024)
    cases = [
        ({}, {}),
        ({2024: "7"}, {2023: "1"}),
        ({2019: "10.25", 2021: "9", 2025: "1"}, {2024: "8", 2030: "5"}),
        ({2020: "1", 2021: "2", 2022: "3", 2023: "3"}, {2026: "4", 2025: "4.5"}),
    ]
    for values, targets in cases:
        indicator = f.IndicatorFactory(goal=goal, direction=Indicator.Direction.LOWER)
        for year, value in values.items():
            f.IndicatorValueFactory(indicator=indicator, year=year, value=Decimal(value))
        for year, value in targets.items():
            f.IndicatorTargetFactory(indicator=indicator, year=year, value=Decimal(value))
    scope = Indicator.objects.filter(goal=goal)
    expected = [summaries.summarize(i).summary for i in summaries.with_summary(scope, 2024)]
    actual = [i.summary for i in summaries.attach_summaries(list(scope), 2024, scope)]
    assert actual == expected
    assert [(s.latest_year, s.previous_year, s.target_year, s.trend) for s in actual] == [
        (None, None, None, None),
        (2024, None, None, None),
        (2021, 2019, 2024, "improving"),
        (2023, 2022, 2025, "unchanged"),
    ]
