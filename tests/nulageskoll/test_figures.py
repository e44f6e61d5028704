"""The nulägeskoll's key figures (styrkraft.nulageskoll.figures): the dicts of issue 10 from hand-made
indicators, own and Kolada, with the values up to the year before the plan year, and bounded queries."""

import datetime
import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from styrkraft.core.records import RecordState
from styrkraft.indicators.models import Indicator
from styrkraft.kolada.models import KoladaArea, KoladaValue
from styrkraft.nulageskoll.figures import decimal_text, key_figures
from tests import factories as f

FETCHED = datetime.datetime(2024, 3, 1, tzinfo=datetime.UTC)
RISING = {2013: "60", 2014: "70", 2015: "71", 2016: "72", 2017: "74", 2018: "76", 2019: "78",
          2020: "79.5", 2021: "80", 2022: "81", 2023: "82.5", 2024: "84"}  # fmt: skip


def _kolada(area, year, value, kpi="N15419"):
    return KoladaValue(
        kpi=kpi, area=area, year=year, gender="T", value=value, fetched_at=FETCHED, changed_at=FETCHED
    )


def _area(id, kind="K", members=()):
    return KoladaArea(id=id, title=f"Område {id}", kind=kind, members=list(members), fetched_at=FETCHED)


def _values(indicator, values):
    for year, value in values.items():
        f.IndicatorValueFactory(indicator=indicator, year=year, value=Decimal(value))


@pytest.fixture
def municipality(db):
    KoladaArea.objects.bulk_create(
        [_area("0000", "R"), _area("1980"), _area("0114"), _area("0115"), _area("G1", "G", ["0114", "0115"])]
    )
    return f.MunicipalityFactory(kolada_id="1980", kolada_peer_group="G1")


@pytest.fixture
def board(municipality):
    return f.OrganFactory(municipality=municipality)


@pytest.fixture
def kolada_indicator(board):
    indicator = f.IndicatorFactory(
        goal__organ=board,
        title="Andel elever med behörighet",
        source=Indicator.Source.KOLADA,
        kolada_id="N15419",
    )
    _values(indicator, RISING)
    f.IndicatorTargetFactory(indicator=indicator, year=2022, value=Decimal("81"))  # before the latest
    f.IndicatorTargetFactory(indicator=indicator, year=2026, value=Decimal("90"))
    f.IndicatorTargetFactory(indicator=indicator, year=2028, value=Decimal("95"))
    KoladaValue.objects.bulk_create(
        [
            _kolada("1980", 2023, 82.5),
            _kolada("0000", 2022, 78.0),
            _kolada("0000", 2023, 79.5),
            _kolada("0000", 2024, 81.0),  # after the year the page is written in: not read
            _kolada("0114", 2023, 80.0),
            _kolada("0115", 2023, 80.25),
            _kolada("0114", 2024, 99.0),
            _kolada("G1", 2022, 77.0),
        ]
    )
    return indicator


@pytest.fixture
def own_indicator(board):
    indicator = f.IndicatorFactory(
        goal__organ=board, title="Kostnad per elev", unit="kr", direction=Indicator.Direction.LOWER
    )
    _values(indicator, {2019: "105000", 2021: "98500.50"})
    return indicator


def test_kolada_indicator(kolada_indicator):
    [figure] = key_figures([kolada_indicator], year=2024)
    assert figure == {
        "indicator": kolada_indicator.pk,
        "title": "Andel elever med behörighet",
        "unit": "%",
        "source": "Kolada N15419",
        "value": "82.5",
        "year": 2023,
        "stale": False,
        "target": "90",
        "target_year": 2026,
        "direction": "up",
        "trend": "ökar",
        "trend_good": True,
        "series": [[year, RISING[year]] for year in range(2014, 2024)],  # the last ten years up to 2023
        "peers": "80.12",  # our mean of the members, 80.125 rounded as the indicator page shows it
        "riket": "79.5",
        "comparison_year": 2023,
    }
    assert json.loads(json.dumps(figure)) == figure


def test_the_plan_year_decides_which_values_count(kolada_indicator):
    [figure] = key_figures([kolada_indicator.pk], year=2023)  # written in 2022
    assert (figure["value"], figure["year"], figure["series"][-1]) == ("81", 2022, [2022, "81"])
    assert (figure["target"], figure["target_year"]) == ("81", 2022)  # the target of the latest year
    # Kolada's group value of 2022, and Riket
    assert (figure["peers"], figure["riket"], figure["comparison_year"]) == ("77", "78", 2022)
    [figure] = key_figures([kolada_indicator.pk], year=2026)
    assert (figure["year"], figure["stale"]) == (2024, False)
    assert (figure["peers"], figure["riket"], figure["comparison_year"]) == ("99", "81", 2024)
    [figure] = key_figures([kolada_indicator.pk], year=2027)
    assert (figure["year"], figure["stale"]) == (2024, True)  # 2025 should be there by the spring of 2026
    assert (figure["target"], figure["target_year"]) == ("90", 2026)


def test_lower_is_better_own_indicator_with_too_few_values_and_stale(own_indicator):
    [figure] = key_figures([own_indicator], year=2024)
    assert figure == {
        "indicator": own_indicator.pk,
        "title": "Kostnad per elev",
        "unit": "kr",
        "source": "Egen uppgift",
        "value": "98500.5",
        "year": 2021,
        "stale": True,
        "target": None,
        "target_year": None,
        "direction": "down",
        "trend": "",
        "trend_good": None,
        "series": [[2019, "105000"], [2021, "98500.5"]],
        "peers": None,
        "riket": None,
        "comparison_year": None,
    }


def test_falling_and_flat_trends_read_against_the_direction(board):
    falling = f.IndicatorFactory(goal__organ=board, direction=Indicator.Direction.LOWER)
    _values(falling, {2019: "12", 2020: "11", 2021: "10.5", 2022: "9"})
    flat = f.IndicatorFactory(goal__organ=board)
    _values(flat, {2020: "50", 2021: "50.2", 2022: "49.9"})  # within 1 % of the level
    worse = f.IndicatorFactory(goal__organ=board)
    _values(worse, {2020: "50", 2021: "45", 2022: "40"})
    figures = key_figures([falling, flat, worse], year=2023)
    assert [(fig["trend"], fig["trend_good"]) for fig in figures] == [
        ("minskar", True),
        ("oförändrad", None),
        ("minskar", False),
    ]


def test_no_values(board):
    indicator = f.IndicatorFactory(goal__organ=board, source=Indicator.Source.KOLADA, kolada_id="N00001")
    f.IndicatorValueFactory(indicator=indicator, year=2024)  # the plan year's own: not yet
    f.IndicatorTargetFactory(indicator=indicator, year=2026, value=Decimal("60"))
    [figure] = key_figures([indicator], year=2024)
    assert [figure[key] for key in ("value", "year", "stale", "trend", "trend_good", "series")] == [
        None,
        None,
        False,
        "",
        None,
        [],
    ]
    assert (figure["target"], figure["target_year"]) == ("60", 2026)  # from the year the page is written
    assert (figure["peers"], figure["riket"], figure["comparison_year"]) == (None, None, None)


def test_order_ids_and_deleted_indicators(kolada_indicator, own_indicator):
    gone = f.IndicatorFactory(goal__organ=own_indicator.organ)
    Indicator.objects.filter(pk=gone.pk).update(deleted_at=timezone.now())
    figures = key_figures([own_indicator.pk, gone, kolada_indicator, own_indicator], year=2024)
    assert [fig["indicator"] for fig in figures] == [own_indicator.pk, kolada_indicator.pk]


def test_targets_as_everyone_sees_them(board):
    """An indicator tied to no goal shows its targets while a draft only to its organ; the page is public,
    so it shows the targets as decided (none here)."""
    indicator = f.IndicatorFactory(goal=None, organ=board, targets_state=RecordState.DRAFT)
    f.IndicatorTargetFactory(indicator=indicator, year=2026, value=Decimal("70"))
    assert key_figures([indicator], year=2024)[0]["target"] is None
    Indicator.objects.filter(pk=indicator.pk).update(decided_targets={"2026": "65.00"})
    assert key_figures([indicator], year=2024)[0]["target"] == "65"


def test_decimal_text():
    numbers = (None, Decimal("82.50"), Decimal("100.00"), 80.125, 80.126, 1e-7, 12.0, Decimal("1E+3"))
    assert [decimal_text(v) for v in numbers] == [None, "82.5", "100", "80.12", "80.13", "0", "12", "1000"]


def _queries(indicators) -> int:
    with CaptureQueriesContext(connection) as captured:
        figures = key_figures(indicators, year=2024)
    assert len(figures) == len(indicators)
    return len(captured)


def test_queries_do_not_grow_with_the_indicators(board):
    def make(start, n):
        made = []
        for i in range(start, start + n):
            kolada = i % 2 == 0
            indicator = f.IndicatorFactory(
                goal__organ=board,
                source=Indicator.Source.KOLADA if kolada else Indicator.Source.OWN,
                kolada_id=f"N{i:05d}" if kolada else "",
            )
            _values(indicator, {2021: "1", 2022: "2", 2023: "3"})
            KoladaValue.objects.bulk_create([_kolada("0000", 2023, 2.0, kpi=f"N{i:05d}")] if kolada else [])
            made.append(indicator)
        return made

    few, many = make(0, 2), make(2, 20)
    assert _queries(few) == _queries(many) == 6  # the indicators, and figures_for's five
