"""Searching the local Kolada catalogue from the new-indicator form and filling the form from a KPI.
The catalogue is the real one of styrkraft/kolada/data/kpi_groups.json (ids and exact titles)."""

import json
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from styrkraft.indicators import kpi_search
from styrkraft.indicators.models import Indicator
from styrkraft.kolada.models import KoladaKpi
from tests import factories as f
from tests.query_counts import queries_of

GROUPS = Path(__file__).resolve().parents[2] / "styrkraft" / "kolada" / "data" / "kpi_groups.json"
TITLES = {m["member_id"]: m["member_title"] for g in json.loads(GROUPS.read_text()) for m in g["members"]}
SEARCH = reverse("indicators:kpi_search")


@pytest.fixture
def catalogue(db):
    now = timezone.now()
    KoladaKpi.objects.bulk_create(
        KoladaKpi(id=kpi_id, title=title, unit="procent" if "(%)" in title else "", fetched_at=now)
        for kpi_id, title in TITLES.items()
    )
    KoladaKpi.objects.filter(pk="N15428").update(
        description="Andel elever i årskurs 9 som är behöriga till ett yrkesprogram på gymnasiet.",
        operating_area="Grundskola",
        is_divided_by_gender=True,
        publication_date=date(2025, 3, 4),
    )


@pytest.fixture
def goal(board_a, target_areas):
    return f.GoalFactory(organ=board_a, target_area=target_areas[0], title="Fler behöriga")


def expected(*terms: str) -> list[str]:
    """The ids whose title holds every term, in any case: the oracle, computed apart from the database."""
    return sorted(k for k, t in TITLES.items() if all(term.lower() in t.lower() for term in terms))


def test_search_by_id_and_by_the_start_of_an_id(catalogue):
    assert [k.id for k in kpi_search.search_kpis("n15428").kpis] == ["N15428"]
    found = kpi_search.search_kpis("N1542")
    assert [k.id for k in found.kpis] == sorted(k for k in TITLES if k.startswith("N1542"))


def test_search_by_words_matches_all_of_them_in_any_case_and_swedish_letters(catalogue):
    found = kpi_search.search_kpis("  BEHÖRIGA   yrkesprogram ")
    assert (found.query, [k.id for k in found.kpis], found.total) == (
        "BEHÖRIGA yrkesprogram",
        expected("behöriga", "yrkesprogram"),
        len(expected("behöriga", "yrkesprogram")),
    )
    assert len(found.kpis) >= 2
    assert [k.id for k in kpi_search.search_kpis("ÅRSARBETARE").kpis[:30]] == expected("årsarbetare")[:30]
    assert kpi_search.search_kpis("ÄLDRE").total == len(expected("äldre"))


def test_search_shows_at_most_thirty_and_says_how_many_matched(catalogue):
    found = kpi_search.search_kpis("elever")
    assert len(expected("elever")) > 30
    assert (len(found.kpis), found.total, found.more) == (30, len(expected("elever")), True)
    assert [k.id for k in found.kpis] == expected("elever")[:30]


def test_search_without_hits_and_too_short(catalogue):
    assert (kpi_search.search_kpis("zzzqqq").total, kpi_search.search_kpis("zzzqqq").catalogue_empty) == (
        0,
        False,
    )
    assert kpi_search.search_kpis("e").too_short is True


def test_empty_catalogue_says_how_to_fill_it(client_a, goal):
    response = client_a.get(SEARCH, {"q": "elever", "mal": goal.pk}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.content.decode().split() == [
        "<p>Katalogen",
        "är",
        "tom",
        "—",
        "kör",
        "<code>styrkraft",
        "kolada",
        "sync",
        "--catalogue</code></p>",
    ]
    page = client_a.get(reverse("steering:goal_indicator_create", args=[goal.pk]))
    assert "Katalogen är tom — kör <code>styrkraft kolada sync --catalogue</code>" in page.content.decode()


def test_htmx_search_answers_the_list_and_links_each_hit_to_the_prefilled_form(client_a, catalogue, goal):
    response = client_a.get(
        SEARCH, {"q": "behöriga yrkesprogram", "mal": goal.pk}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert (response.status_code, "<html" in html, "HX-Request" in response["Vary"]) == (200, False, True)
    count = len(expected("behöriga", "yrkesprogram"))
    assert f"{count} nyckeltal matchar ”behöriga yrkesprogram”." in html
    create = reverse("steering:goal_indicator_create", args=[goal.pk])
    assert f'<a href="{create}?kpi=N15428"><strong>N15428</strong> {TITLES["N15428"]}</a> (procent)' in html


def test_plain_search_is_a_page_of_its_own(client_a, catalogue):
    response = client_a.get(SEARCH, {"q": "N15428"})
    html = response.content.decode()
    assert (response.status_code, "<h1>Sök i Koladas nyckeltal</h1>" in html) == (200, True)
    assert "1 nyckeltal matchar ”N15428”." in html
    assert "?kpi=" not in html  # no goal to add it to


def test_search_without_javascript_reloads_the_new_indicator_page_with_the_hits(client_a, catalogue, goal):
    create = reverse("steering:goal_indicator_create", args=[goal.pk])
    response = client_a.get(create, {"q": "behöriga yrkesprogram", "mal": goal.pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<a href="{create}?kpi=N15428">' in html
    assert 'value="behöriga yrkesprogram"' in html
    assert html.count('method="post"') == 3  # the form; sign-out and the language in the header


def test_choosing_a_kpi_fills_the_form_and_shows_its_metadata(client_a, catalogue, goal):
    response = client_a.get(reverse("steering:goal_indicator_create", args=[goal.pk]), {"kpi": "n15428"})
    form = response.context["form"]
    assert (
        form["source"].value(),
        form["kolada_id"].value(),
        form["title"].value(),
        form["unit"].value(),
    ) == (
        "kolada",
        "N15428",
        TITLES["N15428"],
        "procent",
    )
    html = response.content.decode()
    assert "Andel elever i årskurs 9 som är behöriga till ett yrkesprogram på gymnasiet." in html
    assert "<dt>Publicering</dt><dd>2025-03-04</dd>" in html
    assert "<dt>Könsuppdelat</dt><dd>ja</dd>" in html


def test_the_prefilled_form_saves_a_kolada_indicator(client_a, catalogue, goal):
    create = reverse("steering:goal_indicator_create", args=[goal.pk])
    form = client_a.get(create, {"kpi": "N15428"}).context["form"]
    data = {name: form[name].value() or "" for name in ("title", "unit", "source", "kolada_id", "direction")}
    response = client_a.post(create, data)
    assert response.status_code == 302
    assert list(Indicator.objects.values_list("source", "kolada_id", "title", "unit")) == [
        ("kolada", "N15428", TITLES["N15428"], "procent")
    ]


def test_an_unknown_kpi_is_said_and_nothing_filled(client_a, catalogue, goal):
    response = client_a.get(reverse("steering:goal_indicator_create", args=[goal.pk]), {"kpi": "N99999"})
    assert response.context["form"]["kolada_id"].value() is None
    assert "Det finns inget nyckeltal N99999 i den lokala Kolada-katalogen." in response.content.decode()


@pytest.mark.parametrize(
    ("client_name", "status"), [("client_a", 200), ("client_b", 200), ("client_reader", 403)]
)
def test_who_may_search(request, catalogue, client_name, status):
    assert request.getfixturevalue(client_name).get(SEARCH, {"q": "elever"}).status_code == status


def test_anonymous_is_sent_to_sign_in(anonymous, catalogue):
    response = anonymous.get(SEARCH, {"q": "elever"})
    assert (response.status_code, response["Location"].startswith("/konto/logga-in/?next=")) == (302, True)


def test_search_and_prefilled_form_use_a_fixed_number_of_queries(client_a, catalogue, goal):
    """The same number of queries with the catalogue as it is and with 500 more KPIs that match."""
    form = reverse("steering:goal_indicator_create", args=[goal.pk])

    def counts() -> tuple[int, int]:
        return (
            queries_of(client_a, SEARCH, {"q": "elever", "mal": goal.pk}, headers={"HX-Request": "true"}),
            queries_of(client_a, form, {"q": "elever", "kpi": "N15428"}),
        )

    small = counts()
    now = timezone.now()
    KoladaKpi.objects.bulk_create(
        KoladaKpi(id=f"X{n:05d}", title=f"Andel elever, grupp {n}", fetched_at=now) for n in range(500)
    )
    assert counts() == small
    assert small[0] <= 7 and small[1] <= 9
    hits = client_a.get(SEARCH, {"q": "elever", "mal": goal.pk}, headers={"HX-Request": "true"})
    total = len(expected("elever")) + 500
    assert f"{total} nyckeltal matchar ”elever”." in hits.content.decode().replace("\xa0", " ")
    filled = client_a.get(form, {"q": "elever", "kpi": "N15428"}).context["form"]
    assert filled["kolada_id"].value() == "N15428"
