"""An indicator's yearly figures from the database: own, target, peers, Riket, rank, women/men,
preliminary and deleted; hand-built rows and the real recorded Höör file; bounded queries."""

import datetime
from decimal import Decimal

import pytest

from styrkraft.indicators import analysis
from styrkraft.indicators.figures import figures_for, is_preliminary_by_dates, trend_sentence
from styrkraft.indicators.models import Indicator
from styrkraft.kolada.models import KoladaArea, KoladaKpi, KoladaValue
from styrkraft.org.permissions import Visibility
from tests import factories as f
from tests.kolada.hoor import FETCHED, HOOR, PEERS, load_hoor, own_values

TODAY = datetime.date(2026, 8, 16)
ALL = Visibility(everything=True, organ_ids=frozenset())  # an administrator: every target


def _indicator(municipality, kolada_id="N00001", direction=Indicator.Direction.HIGHER, **kwargs):
    organ = f.OrganFactory(municipality=municipality, **kwargs)
    return f.IndicatorFactory(
        goal__organ=organ, source=Indicator.Source.KOLADA, kolada_id=kolada_id, direction=direction
    )


def _load(indicator):
    return Indicator.objects.select_related("organ__municipality").get(pk=indicator.pk)


def _value(area, year, value, gender="T", kpi="N00001", **kwargs):
    return KoladaValue(
        kpi=kpi,
        area=area,
        year=year,
        gender=gender,
        value=value,
        fetched_at=FETCHED,
        changed_at=FETCHED,
        **kwargs,
    )


def _area(id, kind="K", members=()):
    return KoladaArea(id=id, title=f"Område {id}", kind=kind, members=list(members), fetched_at=FETCHED)


@pytest.fixture
def world(db):
    municipality = f.MunicipalityFactory(kolada_id="1980", kolada_peer_group="G1")
    indicator = _indicator(municipality)
    for year, value in ((2021, "50"), (2022, "52"), (2023, "55")):
        f.IndicatorValueFactory(indicator=indicator, year=year, value=Decimal(value))
    f.IndicatorTargetFactory(indicator=indicator, year=2023, value=Decimal("54"))
    f.IndicatorTargetFactory(indicator=indicator, year=2026, value=Decimal("60"))
    KoladaArea.objects.bulk_create(
        [_area("0000", "R"), _area("0001", "L"), _area("1980"), _area("0114"), _area("0115"), _area("0117")]
        + [_area("G1", "G", ["0114", "0115", "0117"]), _area("G2", "G", ["1980"])]
    )
    KoladaValue.objects.bulk_create(
        [
            _value("1980", 2021, 50.0),
            _value("1980", 2022, 52.0),
            _value("1980", 2023, 55.0, status="Preliminär"),
            _value("1980", 2022, 48.0, gender="K"),
            _value("1980", 2022, 56.0, gender="M"),
            _value("0114", 2021, 40.0),
            _value("0114", 2022, 60.0),
            _value("0115", 2021, 44.0),
            _value("0115", 2022, 52.0),
            _value("0117", 2022, 70.0, is_deleted=True),
            _value("0117", 2021, None),
            _value("G1", 2023, 58.5),  # Kolada's own group value
            _value("0000", 2022, 51.25),
            _value("0001", 2022, 99.0),  # a region: not ranked
            _value("G2", 2022, 1.0),  # a group: not ranked
            _value("1980", 2022, 1.0, kpi="N00002"),  # another KPI
        ]
    )
    return indicator


def test_figures_year_by_year(world):
    figures = figures_for([_load(world)], visible=ALL, today=TODAY)[world.pk]
    years = {y.year: y for y in figures.years}
    assert sorted(years) == [2021, 2022, 2023, 2026]
    y21, y22, y23, y26 = years[2021], years[2022], years[2023], years[2026]
    assert (y21.own, y21.target, y21.peer, y21.riket) == (Decimal("50.00"), None, 42.0, None)
    assert y21.peer_computed == analysis.MembersMean(42.0, 2, 3)
    assert y21.rank == analysis.Rank(1, 3)  # 50 against 40 and 44; 0117 has no value
    assert (y22.own, y22.peer, y22.riket, y22.women, y22.men) == (Decimal("52.00"), 56.0, 51.25, 48.0, 56.0)
    assert y22.peer_computed == analysis.MembersMean(56.0, 2, 3)  # 0117's deleted 70 left out
    assert y22.rank == analysis.Rank(2, 3)  # 60 > 52 = 52
    assert (y22.deleted, y21.deleted, y23.deleted) == (True, False, False)
    assert (y23.own, y23.target, y23.peer, y23.peer_computed) == (
        Decimal("55.00"),
        Decimal("54.00"),
        58.5,
        None,
    )
    assert y23.rank == analysis.Rank(1, 1)
    assert (y21.preliminary, y22.preliminary, y23.preliminary) == (False, False, True)  # status
    assert (y26.own, y26.target, y26.rank, y26.peer, y26.preliminary) == (
        None,
        Decimal("60.00"),
        None,
        None,
        False,
    )
    assert figures.peer_group.id == "G1"
    assert figures.peer_group.title == "Område G1"
    assert figures.peer_group.members == [
        ("0114", "Område 0114"),
        ("0115", "Område 0115"),
        ("0117", "Område 0117"),
    ]
    assert (figures.has_kolada_data, figures.has_computed_peer, figures.has_rank, figures.has_riket) == (
        True,
        True,
        True,
        True,
    )
    assert (figures.has_gender, figures.has_preliminary, figures.has_deleted) == (True, True, True)
    assert figures.trend.verdict == analysis.IMPROVING
    assert figures.trend.slope == pytest.approx(2.5)
    assert figures.trend_sentence == "Förbättras: +2,5 procentenheter per år (+10\xa0% från 2021 till 2023)"


def test_without_ranks_only_the_shown_areas_are_read(world):
    """ranks=False (the nulägeskoll): the same own values, peers and Riket, no rank; the values of the
    municipalities outside the peer group are not read."""
    KoladaValue.objects.bulk_create([_value("0999", 2022, 30.0)])  # in no group: only the rank needs it
    with_ranks = figures_for([_load(world)], visible=ALL, today=TODAY)[world.pk]
    without = figures_for([_load(world)], visible=ALL, today=TODAY, ranks=False)[world.pk]
    assert [(y.year, y.own, y.peer, y.riket) for y in without.years] == [
        (y.year, y.own, y.peer, y.riket) for y in with_ranks.years
    ]
    assert {y.year: y.rank for y in with_ranks.years}[2022] == analysis.Rank(2, 4)  # 0999 counted
    assert [y.rank for y in without.years] == [None] * 4
    assert not without.has_rank


def test_lower_is_better_reverses_rank_and_trend(world):
    Indicator.objects.filter(pk=world.pk).update(direction=Indicator.Direction.LOWER)
    figures = figures_for([_load(world)], visible=ALL, today=TODAY)[world.pk]
    years = {y.year: y for y in figures.years}
    assert years[2021].rank == analysis.Rank(3, 3)
    assert years[2022].rank == analysis.Rank(1, 3)
    assert figures.trend.verdict == analysis.WORSENING


def test_organ_peer_group_wins_over_the_municipality_s(world):
    world.organ.kolada_peer_group = "G2"
    world.organ.save(update_fields=["kolada_peer_group"])
    figures = figures_for([_load(world)], visible=ALL, today=TODAY)[world.pk]
    assert figures.peer_group.members == [("1980", "Område 1980")]
    assert {y.year: y.peer for y in figures.years} == {2021: 50.0, 2022: 1.0, 2023: 55.0, 2026: None}


def test_rank_without_area_rows_counts_four_digit_ids_except_riket_and_regions(world):
    KoladaArea.objects.all().delete()
    figures = figures_for([_load(world)], visible=ALL, today=TODAY)[world.pk]
    years = {y.year: y for y in figures.years}
    assert years[2022].rank == analysis.Rank(2, 3)  # 0000, 0001 and G2 are not municipalities
    assert figures.peer_group.title == ""
    assert figures.peer_group.members == []
    assert years[2021].peer is None  # no members known, no group value


def test_an_own_indicator_has_only_its_own_figures(db):
    municipality = f.MunicipalityFactory(kolada_id="1980")
    indicator = f.IndicatorFactory(goal__organ__municipality=municipality)
    f.IndicatorValueFactory(indicator=indicator, year=2023, value=Decimal("3"))
    KoladaValue.objects.bulk_create([_value("1980", 2023, 9.0)])
    figures = figures_for([_load(indicator)], visible=ALL, today=TODAY)[indicator.pk]
    assert [(y.year, y.own, y.peer, y.rank, y.preliminary) for y in figures.years] == [
        (2023, Decimal("3.00"), None, None, False)
    ]
    assert (figures.is_kolada, figures.has_kolada_data, figures.peer_group) == (False, False, None)
    assert figures.trend.verdict == analysis.TOO_FEW


def test_a_kolada_indicator_without_data_yet(db):
    indicator = _indicator(f.MunicipalityFactory(kolada_id="1980"), kolada_id="N15428")
    figures = figures_for([_load(indicator)], visible=ALL, today=TODAY)[indicator.pk]
    assert (figures.is_kolada, figures.has_kolada_data, figures.years, figures.kpi) == (True, False, [], None)
    assert figures.trend_sentence == "För få värden för att bedöma: 0 värden under de senaste 5 åren."


def test_query_count_does_not_grow_with_indicators_or_years(world, django_assert_num_queries):
    more = [_indicator(world.organ.municipality, kolada_id=f"N0000{n}") for n in (2, 3, 4)]
    for indicator in more:
        for year in range(2000, 2024):
            f.IndicatorValueFactory(indicator=indicator, year=year, value=Decimal(year - 1990))
    loaded = list(
        Indicator.objects.select_related("organ__municipality").filter(
            pk__in=[world.pk, *[i.pk for i in more]]
        )
    )
    with django_assert_num_queries(5):
        found = figures_for(loaded, visible=ALL, today=TODAY)
    assert len(found) == 4
    assert [y.year for y in found[more[0].pk].years] == list(range(2000, 2024))
    assert found[more[0].pk].years[-1].own == Decimal("33.00")
    Indicator.objects.filter(pk=world.pk).update(source=Indicator.Source.OWN, kolada_id="")
    own = _load(world)
    with django_assert_num_queries(2):  # an own indicator reads no Kolada rows
        found = figures_for([own], visible=ALL, today=TODAY)
    assert [y.year for y in found[world.pk].years] == [2021, 2022, 2023, 2026]


# --- Preliminary by the KPI's publication dates ------------------------------------------------------


def _kpi(period, prel=None, final=None):
    return KoladaKpi(
        id="N1", title="t", publ_period=period, prel_publication_date=prel, publication_date=final
    )


@pytest.mark.parametrize(
    ("kpi", "year", "expected"),
    [
        (
            _kpi("2025", datetime.date(2026, 5, 4), datetime.date(2026, 9, 30)),
            2025,
            True,
        ),  # prel out, final not
        (_kpi("2025", datetime.date(2026, 5, 4), datetime.date(2026, 9, 30)), 2024, False),
        (_kpi("2025", datetime.date(2026, 5, 4), datetime.date(2026, 8, 16)), 2025, False),  # final today
        (_kpi("2025", datetime.date(2026, 5, 4), None), 2025, True),  # only the preliminary date
        (_kpi("2025", None, datetime.date(2026, 9, 30)), 2026, True),  # after the period
        (_kpi("2026", None, datetime.date(2026, 9, 25)), 2026, True),  # published after today
        (_kpi("2025"), 2025, False),  # no dates at all
        (_kpi(""), 2025, False),
        (None, 2025, False),
    ],
)
def test_preliminary_by_dates(kpi, year, expected):
    assert is_preliminary_by_dates(kpi, year, TODAY) is expected


# --- The real recorded file: Höör and its peers -------------------------------------------------------


@pytest.fixture
def hoor(db):
    data = load_hoor("N00097")
    municipality = f.MunicipalityFactory(name="Höör", kolada_id=HOOR, kolada_peer_group=PEERS)
    indicator = _indicator(municipality, kolada_id="N00097", direction=Indicator.Direction.LOWER)
    for year, value in own_values(data, "N00097").items():
        f.IndicatorValueFactory(indicator=indicator, year=year, value=value)
    return indicator


def test_hoor_rank_peers_trend_and_preliminary(hoor):
    figures = figures_for([_load(hoor)], visible=ALL, today=TODAY)[hoor.pk]
    years = {y.year: y for y in figures.years}
    assert sorted(years) == list(range(2018, 2026))
    # Hand-checked from the file: 66 municipalities, Höör's -2.581 in 2024 has 14 lower values.
    assert years[2024].own == Decimal("-2.58")
    assert years[2024].rank == analysis.Rank(15, 66)
    assert years[2023].rank == analysis.Rank(11, 66)
    assert years[2025].rank == analysis.Rank(6, 66)
    # Kolada has no group value in the file: our mean of the 7 members (25.3352 / 7).
    assert years[2024].peer == pytest.approx(3.6193142857)
    assert years[2024].peer_computed.n == years[2024].peer_computed.of == 7
    assert figures.peer_group.title == "Liknande kommuner, övergripande, Höör, 2025"
    assert [name for _id, name in figures.peer_group.members] == [
        "Söderköping",
        "Vaggeryd",
        "Vimmerby",
        "Simrishamn",
        "Lilla Edet",
        "Skara",
        "Arboga",
    ]
    assert [y.year for y in figures.years if y.preliminary] == [2025]  # published 2026-09-30
    assert not any(y.riket is not None for y in figures.years)  # the file holds no Riket
    # 2021-2025: -2.70, -2.34, -4.19, -2.58, -8.38: slope -1.160 per year, lower is better.
    assert figures.trend.slope == pytest.approx(-1.16, abs=1e-9)
    assert figures.trend.verdict == analysis.IMPROVING
    # Fitted -1.718 -> -6.358: -4.64 is -270.1 % of the fitted first value's size.
    assert (
        figures.trend_sentence == "Förbättras: -1,16 procentenheter per år (-270,1\xa0% från 2021 till 2025)"
    )
    later = figures_for([_load(hoor)], visible=ALL, today=datetime.date(2026, 10, 1))[hoor.pk]
    assert not later.has_preliminary


# --- The trend in words --------------------------------------------------------------------------------


def test_trend_sentence_units_and_signs():
    up = analysis.trend([(2020, 1000), (2021, 1100), (2022, 1234.5)], direction=analysis.LOWER)
    assert (
        trend_sentence(up, "kr/inv", 5)
        == "Försämras: +117,25\xa0kr/inv per år (+23,6\xa0% från 2020 till 2022)"
    )  # 234,5 / 994,25
    flat = analysis.trend([(2020, 10), (2021, 10), (2022, 10)], direction=analysis.HIGHER)
    assert trend_sentence(flat, "", 5) == "Oförändrat: 0 per år (0\xa0% från 2020 till 2022)"
    one = analysis.trend([(2022, 10)], direction=analysis.HIGHER)
    assert trend_sentence(one, "", 3) == "För få värden för att bedöma: 1 värde under de senaste 3 åren."
