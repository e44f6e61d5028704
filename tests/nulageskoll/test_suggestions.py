"""Suggestions from the data (styrkraft.nulageskoll.suggestions): the exact sentences for hand-made
key figures — rising, falling, flat, missing years, stale, no values, no peers, with and without a
target, lower is better, % and kr — and the same from key figures read from the database."""

from decimal import Decimal

import pytest
from django.utils import translation

from styrkraft.indicators.models import Indicator
from styrkraft.nulageskoll.figures import key_figures
from styrkraft.nulageskoll.suggestions import results, trends
from tests import factories as f

S = "\xa0"  # the no-break space between a number and its unit, and between thousands


@pytest.fixture(autouse=True)
def _swedish():
    with translation.override("sv"):
        yield


def fig(**changes) -> dict:
    """A Kolada share that rises from 78 % in 2019 to 82,5 % in 2023, above its peers and Riket, with a
    target of 90 % for 2026: change what a test is about."""
    base = {
        "indicator": 1,
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
        "series": [[2018, "77"], [2019, "78"], [2020, "79.5"], [2021, "80"], [2022, "81"], [2023, "82.5"]],
        "peers": "80.1",
        "riket": "79.5",
        "comparison_year": 2023,
    }
    return base | changes


def one(make, figure) -> str:
    [paragraph] = make([figure])
    return paragraph


def test_rising_above_peers_and_riket_with_a_target_out_of_reach():
    assert one(results, fig()) == (
        f"Andel elever med behörighet var 82,5{S}% 2023, högre än liknande kommuner (80,1{S}%) och riket "
        f"(79,5{S}%). Målet 90{S}% till 2026 är 7,5 procentenheter bort."
    )
    # about 1 point a year from 82,4: the line reaches 85,5 by 2026, not 90, so nothing about reaching it
    assert one(trends, fig()) == (
        f"Andel elever med behörighet har ökat från 78,0{S}% 2019 till 82,5{S}% 2023. Det är en förbättring."
    )


def test_rising_towards_a_target_the_line_reaches():
    figure = fig(target="85", peers="84", riket="82.5")
    assert one(results, figure) == (
        f"Andel elever med behörighet var 82,5{S}% 2023, lägre än liknande kommuner (84,0{S}%) men samma som "
        f"riket (82,5{S}%). Målet 85{S}% till 2026 är 2,5 procentenheter bort."
    )
    assert one(trends, figure) == (
        f"Andel elever med behörighet har ökat från 78,0{S}% 2019 till 82,5{S}% 2023. Det är en förbättring. "
        f"Om utvecklingen fortsätter nås målet 85{S}% till 2026."
    )


def test_falling_when_higher_is_better():
    figure = fig(
        value="71",
        trend="minskar",
        trend_good=False,
        series=[[2019, "80"], [2020, "78"], [2021, "75"], [2022, "73"], [2023, "71"]],
        target="79",
        peers=None,
        riket="72",
    )
    assert one(results, figure) == (
        f"Andel elever med behörighet var 71{S}% 2023, lägre än riket (72{S}%). "
        f"Målet 79{S}% till 2026 är 8 procentenheter bort."
    )
    assert one(trends, figure) == (
        f"Andel elever med behörighet har minskat från 80{S}% 2019 till 71{S}% 2023. Det är en försämring. "
        f"Om utvecklingen fortsätter ökar avståndet till målet 79{S}% till 2026."
    )


def test_flat():
    figure = fig(
        value="49.9",
        trend="oförändrad",
        trend_good=None,
        series=[[2021, "50"], [2022, "50.2"], [2023, "49.9"]],
        target=None,
        target_year=None,
        peers="49.9",
        riket=None,
    )
    assert one(results, figure) == (
        f"Andel elever med behörighet var 49,9{S}% 2023, samma som liknande kommuner (49,9{S}%)."
    )
    assert one(trends, figure) == (
        f"Andel elever med behörighet har varit i stort sett oförändrad: 50,0{S}% 2021 och 49,9{S}% 2023."
    )


def test_missing_years_are_named_and_not_filled_in():
    figure = fig(series=[[2017, "70"], [2019, "78"], [2022, "81"], [2023, "82.5"]])
    assert one(trends, figure) == (
        f"Andel elever med behörighet har ökat från 78,0{S}% 2019 till 82,5{S}% 2023. Det är en förbättring. "
        "Utfall saknas för 2020 och 2021."
    )
    figure = fig(series=[[2019, "78"], [2021, "81"], [2023, "82.5"]])
    assert one(trends, figure).endswith("Utfall saknas för 2020 och 2022.")
    figure = fig(series=[[2019, "78"], [2020, "79"], [2023, "82.5"]])
    assert one(trends, figure).endswith("Utfall saknas för 2021 och 2022.")
    figure = fig(series=[[2019, "78"], [2020, "79"], [2021, "80"], [2023, "82.5"]])
    assert one(trends, figure).endswith("Utfall saknas för 2022.")


def test_too_few_values_in_the_window_and_three_missing_years(settings):
    figure = fig(series=[[2015, "70"], [2016, "73"], [2020, "80"]], value="80", year=2020, trend="")
    assert one(trends, figure) == (  # the five years up to 2020 hold two values
        "För Andel elever med behörighet finns 2 utfall de senaste 5 åren: för få för att bedöma utvecklingen."
    )
    settings.KOLADA_TREND_YEARS = 7
    figure = fig(series=[[2015, "70"], [2016, "73"], [2017, "75"], [2021, "80"]], value="80", year=2021)
    assert one(trends, figure) == (
        f"Andel elever med behörighet har ökat från 70{S}% 2015 till 80{S}% 2021. Det är en förbättring. "
        "Utfall saknas för 2018, 2019 och 2020."
    )


def test_stale_value_and_comparison_of_its_own_year():
    figure = fig(
        value="80",
        year=2021,
        stale=True,
        series=[[2019, "78"], [2020, "79.5"], [2021, "80"]],
        peers=None,
        riket="80.25",
        comparison_year=2021,
    )
    assert one(results, figure) == (
        f"Andel elever med behörighet var 80,00{S}% 2021, lägre än riket (80,25{S}%). "
        f"Utfall saknas efter 2021. Målet 90{S}% till 2026 är 10 procentenheter bort."
    )


def test_comparison_of_an_earlier_year_is_said_with_its_own_value():
    figure = fig(peers="80.1", riket=None, comparison_year=2022)
    assert one(results, figure) == (
        f"Andel elever med behörighet var 82,5{S}% 2023. 2022 var utfallet 81,0{S}%, högre än liknande "
        f"kommuner (80,1{S}%). Målet 90{S}% till 2026 är 7,5 procentenheter bort."
    )


def test_no_values():
    figure = fig(value=None, year=None, trend="", trend_good=None, series=[], peers=None, riket=None)
    figure["comparison_year"] = None
    assert (
        one(results, figure)
        == f"Andel elever med behörighet har inget utfall ännu. Målet är 90{S}% till 2026."
    )
    assert one(trends, figure) == (
        "Andel elever med behörighet har inget utfall ännu, så ingen utveckling kan beskrivas."
    )
    assert one(results, figure | {"target": None, "target_year": None}) == (
        "Andel elever med behörighet har inget utfall ännu."
    )


def test_too_few_values():
    figure = fig(trend="", trend_good=None, series=[[2023, "82.5"]])
    assert one(trends, figure) == (
        "För Andel elever med behörighet finns 1 utfall de senaste 5 åren: för få för att bedöma utvecklingen."
    )


def test_own_indicator_without_peers_or_target():
    figure = fig(source="Egen uppgift", peers=None, riket=None, comparison_year=None, target=None)
    figure["target_year"] = None
    assert one(results, figure) == f"Andel elever med behörighet var 82,5{S}% 2023."


def test_targets_reached_and_of_the_value_s_own_year():
    assert one(results, fig(target="80", peers=None, riket=None)) == (
        f"Andel elever med behörighet var 82,5{S}% 2023. Målet 80{S}% till 2026 är redan nått."
    )
    assert one(trends, fig(target="80")) == (  # reached already: nothing about continuing
        f"Andel elever med behörighet har ökat från 78,0{S}% 2019 till 82,5{S}% 2023. Det är en förbättring."
    )
    assert one(results, fig(target="82.5", target_year=2023, peers=None, riket=None)).endswith(
        f"Målet 82,5{S}% för 2023 nåddes."
    )
    assert one(results, fig(target="85", target_year=2023, peers=None, riket=None)).endswith(
        f"Målet 85{S}% för 2023 nåddes inte: utfallet var 2,5 procentenheter från det."
    )
    assert one(results, fig(target="83.5", peers=None, riket=None)).endswith(
        f"Målet 83,5{S}% till 2026 är 1 procentenhet bort."
    )


def test_lower_is_better_in_kronor():
    figure = fig(
        title="Kostnad per elev",
        unit="kr",
        value="98500.5",
        year=2023,
        direction="down",
        trend="minskar",
        trend_good=True,
        series=[[2019, "110000"], [2020, "106000"], [2021, "103000"], [2022, "100500"], [2023, "98500.5"]],
        target="90000",
        peers="101000",
        riket="99000",
    )
    assert one(results, figure) == (
        f"Kostnad per elev var 98{S}500,5{S}kr 2023, lägre än liknande kommuner (101{S}000,0{S}kr) och riket "
        f"(99{S}000,0{S}kr). Målet 90{S}000{S}kr till 2026 är 8{S}500,5{S}kr bort."
    )
    assert one(trends, figure) == (
        f"Kostnad per elev har minskat från 110{S}000,0{S}kr 2019 till 98{S}500,5{S}kr 2023. Eftersom lägre är "
        f"bättre är det en förbättring. Om utvecklingen fortsätter nås målet 90{S}000{S}kr till 2026."
    )
    rising = figure | {
        "trend": "ökar",
        "trend_good": False,
        "series": [[2021, "90000"], [2022, "95000"], [2023, "98500.5"]],
    }
    assert one(trends, rising) == (
        f"Kostnad per elev har ökat från 90{S}000,0{S}kr 2021 till 98{S}500,5{S}kr 2023. Eftersom lägre är "
        f"bättre är det en försämring. Om utvecklingen fortsätter ökar avståndet till målet 90{S}000{S}kr till 2026."
    )
    assert one(results, figure | {"target": "99000"}).endswith(
        f"Målet 99{S}000{S}kr till 2026 är redan nått."
    )


def test_a_unit_without_percentage_points_and_no_unit():
    figure = fig(unit="", value="4.2", target="5", peers=None, riket=None)
    assert one(results, figure) == "Andel elever med behörighet var 4,2 2023. Målet 5 till 2026 är 0,8 bort."


def test_the_line_and_the_two_values_disagree():
    """The fitted line rises, but the last value is below the first: only the values are said."""
    figure = fig(series=[[2019, "50"], [2020, "58"], [2021, "60"], [2022, "62"], [2023, "49"]], target="52")
    assert one(trends, figure) == f"Andel elever med behörighet var 50{S}% 2019 och 49{S}% 2023."


def test_no_direction_no_judgement():
    figure = fig(direction="none", trend_good=None, peers=None, riket=None)
    assert one(results, figure) == (
        f"Andel elever med behörighet var 82,5{S}% 2023. Skillnaden mot målet 90{S}% till 2026 är 7,5 "
        "procentenheter."
    )
    assert (
        one(trends, figure) == f"Andel elever med behörighet har ökat från 78,0{S}% 2019 till 82,5{S}% 2023."
    )


def test_one_paragraph_per_key_figure_in_order():
    figures = [fig(title="A", peers=None, riket=None, target=None), fig(title="B", value=None, series=[])]
    assert results(figures) == [
        f"A var 82,5{S}% 2023.",
        f"B har inget utfall ännu. Målet är 90{S}% till 2026.",
    ]
    assert len(trends(figures)) == 2
    assert results([]) == trends([]) == []


def test_english():
    with translation.override("en"):
        assert one(results, fig()) == (
            "Andel elever med behörighet was 82.5\xa0% in 2023, higher than similar municipalities (80.1\xa0%) "
            "and the country (79.5\xa0%). The target 90\xa0% by 2026 is 7.5 percentage points away."
        )
        assert one(trends, fig(target="85")) == (
            "Andel elever med behörighet has risen from 78.0\xa0% in 2019 to 82.5\xa0% in 2023. That is an "
            "improvement. If the development continues, the target 85\xa0% will be reached by 2026."
        )


def test_from_the_database(db):
    """The sentences of key figures read from an indicator's values and targets."""
    indicator = f.IndicatorFactory(title="Nöjda brukare", direction=Indicator.Direction.HIGHER)
    for year, value in ((2020, "70"), (2021, "72"), (2022, "74"), (2023, "76")):
        f.IndicatorValueFactory(indicator=indicator, year=year, value=Decimal(value))
    f.IndicatorTargetFactory(indicator=indicator, year=2025, value=Decimal("80"))
    figures = key_figures([indicator], year=2024)
    assert results(figures) == [
        f"Nöjda brukare var 76{S}% 2023. Målet 80{S}% till 2025 är 4 procentenheter bort."
    ]
    assert trends(figures) == [
        f"Nöjda brukare har ökat från 70{S}% 2020 till 76{S}% 2023. Det är en förbättring. "
        f"Om utvecklingen fortsätter nås målet 80{S}% till 2025."
    ]
