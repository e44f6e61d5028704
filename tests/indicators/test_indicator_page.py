"""The public indicator page: figures against target, peers and Riket, rank, women/men, preliminary,
trend in words, attribution; own indicators; no data yet; visibility; bounded queries; the goal page's
link and trend line."""

import datetime
import re
from decimal import Decimal

import pytest
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone

from styrkraft.indicators.models import Indicator
from styrkraft.kolada.models import KoladaArea, KoladaKpi, KoladaValue
from styrkraft.steering.models import Goal, RecordState
from tests import factories as f
from tests.kolada.hoor import FETCHED, HOOR, PEERS, load_hoor, own_values

MUNICIPALITIES = ["0114", "0115", "0117", "0120"]


def _value(area, year, value, gender="T", kpi="N15428", **kwargs):
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


def _areas(ids, members=()):
    rows = [KoladaArea(id=i, title=f"Kommun {i}", kind="K", fetched_at=FETCHED) for i in ids]
    rows.append(KoladaArea(id="0000", title="Riket", kind="R", fetched_at=FETCHED))
    rows.append(
        KoladaArea(
            id="G9",
            title="Liknande kommuner, grundskola, Testkommun, 2024",
            kind="G",
            members=list(members),
            fetched_at=FETCHED,
        )
    )
    KoladaArea.objects.bulk_create(rows)


@pytest.fixture
def kolada_indicator(municipality, board_a, target_areas):
    municipality.kolada_id = "0114"
    municipality.save(update_fields=["kolada_id"])
    board_a.kolada_peer_group = "G9"
    board_a.save(update_fields=["kolada_peer_group"])
    goal = f.GoalFactory(
        organ=board_a,
        target_area=target_areas[0],
        title="Fler behöriga elever",
        record_state=RecordState.READY,
    )
    indicator = f.IndicatorFactory(
        goal=goal,
        title="Behöriga till yrkesprogram",
        source=Indicator.Source.KOLADA,
        kolada_id="N15428",
        unit="%",
        direction=Indicator.Direction.HIGHER,
    )
    for year, value in ((2021, "80.5"), (2022, "82"), (2023, "84.5")):
        f.IndicatorValueFactory(indicator=indicator, year=year, value=Decimal(value))
    f.IndicatorTargetFactory(indicator=indicator, year=2023, value=Decimal("85"))
    KoladaKpi.objects.create(
        id="N15428",
        title="Elever i åk. 9 som är behöriga till yrkesprogram, hemkommun, andel (%)",
        publ_period="2023",
        publication_date=timezone.localdate() + datetime.timedelta(days=30),
        fetched_at=FETCHED,
    )
    _areas(MUNICIPALITIES, members=["0115", "0117"])
    KoladaValue.objects.bulk_create(
        [
            _value("0114", 2021, 80.5),
            _value("0114", 2022, 82.0),
            _value("0114", 2023, 84.5),
            _value("0114", 2022, 85.0, gender="K"),
            _value("0114", 2022, 79.0, gender="M"),
            _value("0115", 2021, 90.0),
            _value("0115", 2022, 70.0),
            _value("0117", 2021, 80.5),
            _value("0117", 2022, 81.0),
            _value("0120", 2022, 95.0),
            _value("0000", 2022, 83.25),
            _value("G9", 2021, 86.0),
        ]
    )
    return indicator


def _url(indicator):
    return reverse("indicators:detail", args=[indicator.pk])


def _html(client, indicator):
    """The page with the whitespace between tags taken out."""
    response = client.get(_url(indicator))
    assert response.status_code == 200
    return re.sub(r">\s+<", "><", response.content.decode())


def test_page_shows_the_figures_against_target_peers_and_riket(anonymous, kolada_indicator):
    html = _html(anonymous, kolada_indicator)
    assert "<h1>Behöriga till yrkesprogram</h1>" in html
    assert (
        f'href="{reverse("steering:goal", args=[kolada_indicator.goal.pk])}">Fler behöriga elever</a>' in html
    )
    assert "Elever i åk. 9 som är behöriga till yrkesprogram, hemkommun, andel (%)" in html
    # 2021: Kolada's group value 86; rank 2 of 3 (90 > 80,5 = 80,5).
    assert (
        '<tr><th scope="row">2021</th><td class="num">80,5\xa0%</td>'
        '<td class="num"><span class="muted">–</span></td><td class="num">86\xa0%</td>'
        '<td class="num"><span class="muted">–</span></td><td class="num">2 av 3</td>'
    ) in html
    # 2022: our mean of the members (70 + 81) / 2, marked; Riket; rank 2 of 4; women and men.
    assert (
        '<td class="num">75,5\xa0%<span aria-hidden="true">*</span><span class="visually-hidden"> '
        "(eget medelvärde av 2 av 2 kommuner)</span></td>"
    ) in html
    assert '<td class="num">83,25\xa0%</td>' in html
    assert '<td class="num">2 av 4</td>' in html
    assert '<td class="num">85\xa0%</td><td class="num">79\xa0%</td></tr>' in html
    # 2023 is published after today: preliminary.
    assert '<th scope="row">2023 <span class="badge">preliminärt</span></th>' in html
    assert html.count("preliminärt</span>") == 1
    # The trend, the group and the attribution.
    assert "Förbättras: +2 procentenheter per år (+5\xa0% från 2021 till 2023)" in html
    assert "Liknande kommuner, grundskola, Testkommun, 2024" in html
    assert "<li>Kommun 0115</li><li>Kommun 0117</li>" in html
    assert "Källa: Kolada (utfall, liknande kommuner där Kolada har ett värde för gruppen" in html
    assert (
        "Egen bearbetning av data från Kolada: placering bland kommunerna, trend och medelvärden markerade med *"
        in html
    )
    # The chart: own values, target, peers and Riket, preliminary hollow.
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart"') == 1
    assert '<polyline class="chart-peer"' in html and 'class="chart-country-point"' in html
    assert "Utfall: 2021 80,5\xa0%; 2022 82\xa0%; 2023 84,5\xa0% (preliminärt)." in html
    assert "Riket: 2022 83,25\xa0%." in html
    assert 'style="' not in html.split("<main", 1)[1]


def test_page_without_a_computed_mean_credits_only_rank_and_trend(anonymous, kolada_indicator):
    KoladaValue.objects.bulk_create([_value("G9", 2022, 75.0)])
    html = _html(anonymous, kolada_indicator)
    assert 'aria-hidden="true">*</span>' not in html
    assert "Egen bearbetning av data från Kolada: placering bland kommunerna och trend." in html


def test_page_of_an_own_indicator_shows_own_values_targets_and_trend(anonymous, board_a, target_areas):
    indicator = f.IndicatorFactory(
        goal__organ=board_a,
        goal__target_area=target_areas[0],
        goal__record_state=RecordState.READY,
        unit="st",
        title="Trygghet",
    )
    for year, value in ((2020, "10"), (2021, "9"), (2022, "8"), (2023, "7")):
        f.IndicatorValueFactory(indicator=indicator, year=year, value=Decimal(value))
    html = _html(anonymous, indicator)
    assert "Källa: egen mätning" in html
    assert "Försämras: -1\xa0st per år (-30\xa0% från 2020 till 2023)" in html
    assert "Kolada" not in html.split("<main", 1)[1].split("</main>")[0]
    assert "Liknande kommuner" not in html
    assert '<th scope="col" class="num">Riket</th>' not in html


def test_page_of_a_kolada_indicator_without_data_says_so(anonymous, board_a, target_areas):
    indicator = f.IndicatorFactory(
        goal__organ=board_a,
        goal__target_area=target_areas[0],
        goal__record_state=RecordState.READY,
        source=Indicator.Source.KOLADA,
        kolada_id="N11008",
    )
    html = _html(anonymous, indicator)
    assert "Det finns inga värden från Kolada för N11008 ännu." in html
    assert "Ingen grupp av liknande kommuner är vald för organet eller kommunen." in html
    assert "För få värden för att bedöma: 0 värden under de senaste 5 åren." in html
    assert "Inga värden ännu" in html


@override_settings(KOLADA_TREND_YEARS=2)
def test_page_trend_window_is_the_setting(anonymous, kolada_indicator):
    html = _html(anonymous, kolada_indicator)
    assert "Trend de senaste 2 åren" in html
    assert "För få värden för att bedöma: 2 värden under de senaste 2 åren." in html


def test_page_edit_links_only_for_editors(anonymous, client_a, client_b, kolada_indicator):
    edit = f'href="{reverse("indicators:edit", args=[kolada_indicator.pk])}"'
    assert edit in _html(client_a, kolada_indicator)
    assert edit not in _html(client_b, kolada_indicator)
    assert edit not in _html(anonymous, kolada_indicator)


def test_page_of_a_draft_goal_is_seen_only_by_its_organ(anonymous, client_a, client_b, kolada_indicator):
    Goal.objects.filter(pk=kolada_indicator.goal_id).update(record_state=RecordState.DRAFT)
    response = anonymous.get(_url(kolada_indicator))
    assert (response.status_code, response["Location"]) == (
        302,
        f"/konto/logga-in/?next={_url(kolada_indicator)}",
    )
    assert client_b.get(_url(kolada_indicator)).status_code == 403
    assert client_a.get(_url(kolada_indicator)).status_code == 200


def test_page_unknown_deleted_or_another_municipality_s_indicator_is_404(anonymous, kolada_indicator):
    assert anonymous.get(reverse("indicators:detail", args=[kolada_indicator.pk + 1000])).status_code == 404
    other = f.IndicatorFactory(goal__organ__municipality=f.MunicipalityFactory(slug="annan"))
    assert anonymous.get(_url(other)).status_code == 404
    Indicator.objects.filter(pk=kolada_indicator.pk).update(deleted_at=timezone.now())
    assert anonymous.get(_url(kolada_indicator)).status_code == 404


def test_page_queries_do_not_grow_with_years_or_municipalities(
    anonymous, client_a, kolada_indicator, django_assert_max_num_queries
):
    with django_assert_max_num_queries(9) as small:
        _html(anonymous, kolada_indicator)
    ids = [f"{n:04d}" for n in range(1200, 1490)]
    KoladaArea.objects.bulk_create(KoladaArea(id=i, title=i, kind="K", fetched_at=FETCHED) for i in ids)
    KoladaValue.objects.bulk_create(_value(a, y, float(y % 50)) for a in ids for y in range(2000, 2024))
    for year in range(2000, 2021):
        f.IndicatorValueFactory(indicator=kolada_indicator, year=year, value=Decimal(year - 1950))
    with django_assert_max_num_queries(len(small)) as large:
        html = _html(anonymous, kolada_indicator)
    assert len(large) == len(small)
    assert '<td class="num">2 av 294</td>' in html  # 2022: 95 (0120) is better; the 290 added have < 50
    with django_assert_max_num_queries(14):  # an editor: the roles and permission checks as well
        _html(client_a, kolada_indicator)


def test_page_from_the_recorded_hoor_file(anonymous, board_a, target_areas, municipality):
    data = load_hoor("N00097")
    municipality.kolada_id, municipality.kolada_peer_group = HOOR, PEERS
    municipality.save(update_fields=["kolada_id", "kolada_peer_group"])
    indicator = f.IndicatorFactory(
        goal__organ=board_a,
        goal__target_area=target_areas[0],
        goal__record_state=RecordState.READY,
        source=Indicator.Source.KOLADA,
        kolada_id="N00097",
        direction=Indicator.Direction.LOWER,
        title="Nettokostnadsavvikelse",
    )
    for year, value in own_values(data, "N00097").items():
        f.IndicatorValueFactory(indicator=indicator, year=year, value=value)
    html = _html(anonymous, indicator)
    assert '<td class="num">15 av 66</td>' in html  # 2024, hand-checked from the file
    assert '<td class="num">3,62\xa0%<span aria-hidden="true">*</span>' in html  # 2024: 25.3352 / 7
    assert "<li>Söderköping</li>" in html
    assert "Förbättras: -1,16 procentenheter per år" in html


def test_goal_page_links_to_the_indicator_page_with_the_trend(
    anonymous, kolada_indicator, django_assert_max_num_queries
):
    url = reverse("steering:goal", args=[kolada_indicator.goal.pk])
    html = anonymous.get(url).content.decode()
    assert f'<a href="{_url(kolada_indicator)}">Jämförelser och alla värden' in html
    assert (
        '<span class="trend-improving">Trend de senaste 5 åren: '
        "Förbättras: +2 procentenheter per år (+5\xa0% från 2021 till 2023)</span>"
    ) in html
    more = [f.IndicatorFactory(goal=kolada_indicator.goal) for _n in range(3)]
    for indicator in more:
        for year in range(2015, 2024):
            f.IndicatorValueFactory(indicator=indicator, year=year, value=Decimal(year))
    with django_assert_max_num_queries(30) as counted:
        anonymous.get(url)
    before = len(counted)
    f.IndicatorValueFactory(indicator=more[0], year=2014, value=Decimal(1))
    with django_assert_max_num_queries(before):
        anonymous.get(url)


def test_indicator_url_is_its_page_and_its_history_links_there(anonymous, kolada_indicator):
    assert kolada_indicator.get_absolute_url() == _url(kolada_indicator)
    history = anonymous.get(reverse("core:history", args=["indicators.indicator", kolada_indicator.pk]))
    assert f'<a href="{_url(kolada_indicator)}">Behöriga till yrkesprogram</a>' in history.content.decode()


def test_goal_page_shows_a_kolada_indicator_s_comparison_and_an_own_one_s_simple_chart(
    anonymous, kolada_indicator
):
    own = f.IndicatorFactory(goal=kolada_indicator.goal, title="Egen enkät", unit="st")
    f.IndicatorValueFactory(indicator=own, year=2022, value=Decimal("7"))
    response = anonymous.get(reverse("steering:goal", args=[kolada_indicator.goal.pk]))
    html = re.sub(r">\s+<", "><", response.content.decode())
    kolada_block = html.split(f'id="nyckeltal-{kolada_indicator.pk}"', 1)[1].split("</article>")[0]
    own_block = html.split(f'id="nyckeltal-{own.pk}"', 1)[1].split("</article>")[0]
    # The Kolada indicator: the comparison chart, the indicator page's table and attribution.
    assert '<polyline class="chart-peer"' in kolada_block and 'class="chart-country-point"' in kolada_block
    assert f'<caption id="varden-tabell-{kolada_indicator.pk}">Värden år för år: Behöriga' in kolada_block
    assert '<td class="num">2 av 4</td>' in kolada_block
    assert '<td class="num">85\xa0%</td><td class="num">79\xa0%</td></tr>' in kolada_block  # women, men
    assert "<li>Källa: Kolada (utfall, liknande kommuner" in kolada_block
    assert "Egen bearbetning av data från Kolada: placering bland kommunerna, trend" in kolada_block
    # Kolada's table (up to eight columns) stands under the chart; the own one's three columns beside it.
    assert "chart-and-table" not in kolada_block and "chart-and-table" in own_block
    # The own indicator: the simple chart and table, no Kolada words.
    assert "<caption>Utfall och målvärden: Egen enkät</caption>" in own_block
    assert "chart-peer" not in own_block and "Kolada" not in own_block
