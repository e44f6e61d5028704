"""Trend, rank and members' mean: hand-checked figures and properties (hypothesis)."""

import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from styrkraft.indicators.analysis import (
    HIGHER,
    IMPROVING,
    LOWER,
    TOO_FEW,
    UNCHANGED,
    WORSENING,
    MembersMean,
    Rank,
    members_mean,
    rank,
    trend,
)

# --- Trend: hand-checked ----------------------------------------------------------------------------


def test_trend_exact_line():
    t = trend([(2020, 10), (2021, 12), (2022, 14)], direction=HIGHER)
    assert (t.verdict, t.n, t.first_year, t.last_year) == (IMPROVING, 3, 2020, 2022)
    assert t.slope == 2.0
    assert (t.fitted_first, t.fitted_last, t.change) == (10.0, 14.0, 4.0)
    assert t.change_percent == 40.0
    assert t.label == "förbättras"


def test_trend_least_squares_by_hand():
    # x - 2021 = -2..2, y - 3 = -2, 0, -1, 2, 1: sxy = 8, sxx = 10, slope 0.8; fitted 1.4 -> 4.6.
    t = trend([(2019, 1), (2020, 3), (2021, 2), (2022, 5), (2023, 4)], direction=LOWER)
    assert t.slope == pytest.approx(0.8)
    assert t.fitted_first == pytest.approx(1.4)
    assert t.fitted_last == pytest.approx(4.6)
    assert t.change_percent == pytest.approx(3.2 / 1.4 * 100)
    assert t.verdict == WORSENING
    assert t.label == "försämras"


def test_trend_uses_only_the_last_n_years():
    points = [(2015, 100), (2016, 0), (2017, 1), (2018, 2), (2019, 3), (2020, 4)]
    t = trend(points, direction=HIGHER, years=4)
    assert (t.n, t.first_year, t.last_year, t.slope) == (4, 2017, 2020, 1.0)


def test_trend_window_counts_calendar_years_so_gaps_can_leave_too_few():
    t = trend([(2018, 1), (2020, 2), (2024, 3)], direction=HIGHER, years=5)
    assert (t.verdict, t.n, t.first_year, t.last_year, t.slope) == (TOO_FEW, 2, 2020, 2024, None)
    assert t.label == "för få värden för att bedöma"


def test_trend_skips_missing_values_and_years_after_until():
    points = [(2019, 5), (2020, None), (2021, 7), (2022, 9), (2023, 11), (2024, 0)]
    t = trend(points, direction=HIGHER, until=2023)
    assert (t.n, t.first_year, t.last_year) == (4, 2019, 2023)
    assert t.verdict == IMPROVING


@pytest.mark.parametrize("points", [[], [(2020, 1)], [(2020, 1), (2021, 5)], [(2020, None)] * 1])
def test_trend_fewer_than_three_values_is_never_a_guess(points):
    t = trend(points, direction=HIGHER)
    assert t.verdict == TOO_FEW
    assert t.slope is None and t.change is None and t.change_percent is None
    assert not t.is_judged


def test_trend_tolerance_one_percent_of_the_level():
    flat = trend([(2020, 100), (2021, 100.2), (2022, 100.4)], direction=HIGHER)
    assert flat.verdict == UNCHANGED  # change 0.4 <= 1 % of 100.2
    assert flat.label == "oförändrat"
    moving = trend([(2020, 100), (2021, 101), (2022, 102)], direction=HIGHER)
    assert moving.verdict == IMPROVING  # change 2 > 1 % of 101


def test_trend_constant_and_all_zero_are_unchanged():
    assert trend([(2020, 7), (2021, 7), (2022, 7)], direction=LOWER).verdict == UNCHANGED
    zero = trend([(2020, 0), (2021, 0), (2022, 0)], direction=LOWER)
    assert (zero.verdict, zero.slope, zero.change_percent) == (UNCHANGED, 0.0, None)


def test_trend_percent_not_given_when_the_fitted_line_crosses_zero():
    t = trend([(2020, -1), (2021, 0), (2022, 1)], direction=LOWER)
    assert (t.slope, t.change_percent, t.verdict) == (1.0, None, WORSENING)


def test_trend_negative_values_percent_of_the_absolute_first():
    t = trend([(2020, -10), (2021, -9), (2022, -8)], direction=HIGHER)
    assert t.change_percent == 20.0
    assert t.verdict == IMPROVING


def test_trend_accepts_decimals():
    t = trend([(2020, Decimal("1.5")), (2021, Decimal("2.5")), (2022, Decimal("3.5"))], direction=HIGHER)
    assert t.slope == 1.0


def test_trend_refuses_a_year_twice_and_a_bad_direction():
    with pytest.raises(ValueError, match="2020"):
        trend([(2020, 1), (2020, 2), (2021, 3)], direction=HIGHER)
    with pytest.raises(ValueError, match="direction"):
        trend([(2020, 1)], direction="up")
    with pytest.raises(ValueError, match="years"):
        trend([(2020, 1)], direction=HIGHER, years=0)


# --- Trend: properties ------------------------------------------------------------------------------

values = st.integers(min_value=-(10**6), max_value=10**6).map(lambda v: v / 100)


@st.composite
def series(draw, min_size=0):
    years = draw(st.lists(st.integers(2000, 2030), min_size=min_size, max_size=10, unique=True))
    return [(y, draw(values)) for y in years]


REVERSED = {IMPROVING: WORSENING, WORSENING: IMPROVING, UNCHANGED: UNCHANGED, TOO_FEW: TOO_FEW}


@given(series(), st.integers(1, 12))
def test_property_reversing_the_direction_reverses_the_verdict(points, years):
    higher = trend(points, direction=HIGHER, years=years)
    lower = trend(points, direction=LOWER, years=years)
    assert lower.verdict == REVERSED[higher.verdict]
    assert lower.slope == higher.slope


@given(series(), st.integers(1, 12))
def test_property_negating_the_values_reverses_the_verdict(points, years):
    t = trend(points, direction=HIGHER, years=years)
    negated = trend([(y, -v) for y, v in points], direction=HIGHER, years=years)
    assert negated.verdict == REVERSED[t.verdict]


@given(series(min_size=3), values)
def test_property_adding_a_constant_keeps_the_slope(points, constant):
    t = trend(points, direction=HIGHER, years=50)
    shifted = trend([(y, v + constant) for y, v in points], direction=HIGHER, years=50)
    assert math.isclose(shifted.slope, t.slope, rel_tol=1e-9, abs_tol=1e-6)


@given(series(min_size=3), st.integers(1, 1000))
def test_property_scaling_scales_the_slope_and_keeps_the_verdict(points, factor):
    t = trend(points, direction=LOWER, years=50)
    scaled = trend([(y, v * factor) for y, v in points], direction=LOWER, years=50)
    assert math.isclose(scaled.slope, t.slope * factor, rel_tol=1e-9, abs_tol=1e-6)
    if abs(abs(t.change) - 0.01 * sum(abs(v) for _y, v in points) / len(points)) > 1e-6:
        assert scaled.verdict == t.verdict  # away from the tolerance's edge, where rounding decides


@given(st.integers(2000, 2020), st.integers(3, 10), values, values)
def test_property_a_straight_line_is_fitted_exactly(start, n, intercept, slope):
    points = [(start + i, intercept + slope * i) for i in range(n)]
    t = trend(points, direction=HIGHER, years=n)
    assert t.n == n
    assert math.isclose(t.slope, slope, rel_tol=1e-6, abs_tol=1e-6)


@given(series())
def test_property_a_verdict_needs_three_values_in_the_window(points):
    t = trend(points, direction=HIGHER)
    assert (t.verdict == TOO_FEW) == (t.n < 3)
    assert t.n <= 5


# --- Rank -------------------------------------------------------------------------------------------

FIGURES = {"0114": 5, "0115": 7, "0117": 7, "0120": 3, "0123": None}


def test_rank_higher_is_better_with_shared_ranks():
    ranks = {a: rank(FIGURES, a, direction=HIGHER) for a in FIGURES}
    assert ranks == {
        "0114": Rank(3, 4),
        "0115": Rank(1, 4),
        "0117": Rank(1, 4),
        "0120": Rank(4, 4),
        "0123": None,
    }


def test_rank_lower_is_better():
    ranks = {a: rank(FIGURES, a, direction=LOWER) for a in FIGURES}
    assert ranks == {
        "0114": Rank(2, 4),
        "0115": Rank(3, 4),
        "0117": Rank(3, 4),
        "0120": Rank(1, 4),
        "0123": None,
    }


def test_rank_of_an_area_without_any_entry_is_none():
    assert rank(FIGURES, "1980", direction=HIGHER) is None
    assert rank({}, "1980", direction=LOWER) is None


area_values = st.dictionaries(
    st.from_regex(r"\d{4}", fullmatch=True), st.one_of(st.none(), values), min_size=1, max_size=40
)


@given(area_values, st.sampled_from([HIGHER, LOWER]))
def test_property_rank_is_within_one_to_count(figures, direction):
    present = [v for v in figures.values() if v is not None]
    for area, value in figures.items():
        r = rank(figures, area, direction=direction)
        if value is None:
            assert r is None
        else:
            assert r.count == len(present)
            assert 1 <= r.position <= r.count


@given(area_values, st.sampled_from([HIGHER, LOWER]))
def test_property_the_best_value_ranks_first(figures, direction):
    present = [v for v in figures.values() if v is not None]
    if present:
        best = max(present) if direction == HIGHER else min(present)
        for area, value in figures.items():
            if value == best:
                assert rank(figures, area, direction=direction).position == 1


@given(area_values)
def test_property_both_directions_add_up(figures):
    # b better, w worse, t tied (self included): (b + 1) + (w + 1) == count - t + 2.
    for area, value in figures.items():
        if value is None:
            continue
        ties = sum(1 for v in figures.values() if v == value)
        high, low = rank(figures, area, direction=HIGHER), rank(figures, area, direction=LOWER)
        assert high.position + low.position == high.count - ties + 2


# --- Members' mean ----------------------------------------------------------------------------------


def test_members_mean_of_those_with_a_value():
    figures = {"0582": 10, "0665": 20, "0884": None, "1291": Decimal("33")}
    assert members_mean(figures, ["0582", "0665", "0884", "1291", "1462"]) == MembersMean(21.0, 3, 5)


def test_members_mean_none_without_any_value():
    assert members_mean({"0582": None}, ["0582", "0665"]) is None
    assert members_mean({"0582": 1}, []) is None


@given(area_values)
def test_property_members_mean_lies_between_min_and_max(figures):
    found = members_mean(figures, list(figures))
    present = [v for v in figures.values() if v is not None]
    if not present:
        assert found is None
    else:
        assert min(present) - 1e-6 <= found.value <= max(present) + 1e-6
        assert (found.n, found.of) == (len(present), len(figures))
