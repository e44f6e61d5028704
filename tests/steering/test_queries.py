"""The reading pages run a fixed number of SQL queries however large the municipality is, and the
page data they compute (years, counts) is right."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from styrkraft.indicators.models import Indicator
from styrkraft.kolada.models import KoladaArea, KoladaValue
from styrkraft.org.models import Organ
from styrkraft.org.permissions import Visibility
from styrkraft.org.queries import current_municipality
from styrkraft.steering import queries
from tests import factories as f


def build_municipality(slug: str, boards: int):
    """A municipality with `boards` boards, each with 3 goals of 2 indicators with 5 values and a target,
    2 assignments given by KS to it, one steering document, and an editor of the first board."""
    municipality = f.MunicipalityFactory(slug=slug, name=f"Kommun {slug}")
    term = f.TermFactory(municipality=municipality, start_year=2023, end_year=2026)
    intent = f.PoliticalIntentFactory(term=term)
    areas = [f.TargetAreaFactory(intent=intent, order=i) for i in range(3)]
    for area in areas:
        f.CommitmentFactory(target_area=area)
    f.VisionFactory(municipality=municipality)
    council = f.OrganFactory(municipality=municipality, kind=Organ.Kind.COUNCIL, slug=f"{slug}-kf")
    ks = f.OrganFactory(
        municipality=municipality, kind=Organ.Kind.EXECUTIVE, parent=council, slug=f"{slug}-ks"
    )
    council_goal = f.CouncilGoalFactory(municipality=municipality, target_area=areas[0])
    first = None
    for b in range(boards):
        board = f.OrganFactory(municipality=municipality, parent=council, slug=f"{slug}-namnd-{b}")
        first = first or board
        for g in range(3):
            goal = f.GoalFactory(organ=board, target_area=areas[g], record_state="ready")
            goal.council_goals.add(council_goal)
            goal.commitments.add(areas[g].commitments.first())
            for _i in range(2):
                indicator = f.IndicatorFactory(goal=goal)
                for year in range(2020, 2025):
                    f.IndicatorValueFactory(indicator=indicator, year=year, value=Decimal(year - 2000))
                f.IndicatorTargetFactory(indicator=indicator, year=2026)
            f.AssignmentFactory(giver=ks, receiver=board, goal=goal)
        f.AssignmentFactory(giver=board, receiver=ks)
        f.SteeringDocumentFactory(owner=board, decided_by=council)
    editor = f.OrganRoleFactory(organ=first).user
    return municipality, first, editor


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _counts(settings, slug, board, editor) -> dict[str, int]:
    settings.STYRKRAFT_MUNICIPALITY = slug
    editor_client = Client()
    editor_client.force_login(editor)
    counts = {}
    for name, client in (("anonymous", Client()), ("editor", editor_client)):
        counts[f"{name} chain"] = _count(client, "/")
        counts[f"{name} organ"] = _count(client, f"/organ/{board.slug}/")
        counts[f"{name} vem-kor"] = _count(client, "/vem-kor/")
        goal = board.goals.first()
        counts[f"{name} goal"] = _count(client, f"/mal/{goal.pk}/")
    return counts


@pytest.mark.django_db
def test_query_counts_do_not_grow_with_the_municipality(settings):
    small, small_board, small_editor = build_municipality("liten", boards=3)
    large, large_board, large_editor = build_municipality("stor", boards=30)
    assert Indicator.objects.filter(organ__municipality=large).count() == 180
    small_counts = _counts(settings, "liten", small_board, small_editor)
    large_counts = _counts(settings, "stor", large_board, large_editor)
    assert small_counts == large_counts
    # And the pages stay small in absolute terms (the rules' findings take five of them).
    assert max(small_counts.values()) <= 25


# What a goal page with Kolada indicators adds, for all of them together: styrkraft.indicators.figures
# reads their own values, targets, the KPIs, the areas and the raw values (five queries).
KOLADA_FIGURES_QUERIES = 5


@pytest.mark.django_db
def test_goal_page_with_kolada_indicators_adds_a_fixed_number_of_queries(settings):
    municipality, board, editor = build_municipality("kolada", boards=1)
    settings.STYRKRAFT_MUNICIPALITY = "kolada"
    goal = board.goals.first()
    url = f"/mal/{goal.pk}/"
    own_only = _count(Client(), url)
    municipality.kolada_id, municipality.kolada_peer_group = "1267", "G1"
    municipality.save(update_fields=["kolada_id", "kolada_peer_group"])
    fetched = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    KoladaArea.objects.create(id="G1", title="Liknande", kind="G", members=["1266"], fetched_at=fetched)
    first, second = goal.indicators.all()
    Indicator.objects.filter(pk=first.pk).update(source=Indicator.Source.KOLADA, kolada_id="N00097")
    one = _count(Client(), url)
    assert one == own_only + KOLADA_FIGURES_QUERIES
    Indicator.objects.filter(pk=second.pk).update(source=Indicator.Source.KOLADA, kolada_id="N00098")
    KoladaValue.objects.bulk_create(
        KoladaValue(kpi=kpi, area=f"{n:04d}", year=y, value=n, fetched_at=fetched, changed_at=fetched)
        for kpi in ("N00097", "N00098")
        for n in range(1200, 1490)
        for y in range(2015, 2025)
    )
    for year in range(2010, 2020):
        f.IndicatorValueFactory(indicator=second, year=year, value=Decimal(year - 2000))
    assert _count(Client(), url) == one
    html = Client().get(url).content.decode()
    assert html.count('<polyline class="chart-peer"') == 2  # the comparison chart of each


@pytest.mark.django_db
def test_current_municipality_by_setting_else_first(settings):
    first = f.MunicipalityFactory(slug="forsta")
    second = f.MunicipalityFactory(slug="andra")
    settings.STYRKRAFT_MUNICIPALITY = ""
    assert current_municipality() == first
    settings.STYRKRAFT_MUNICIPALITY = "andra"
    assert current_municipality() == second
    settings.STYRKRAFT_MUNICIPALITY = "finns-inte"
    assert current_municipality() is None


@pytest.mark.django_db
def test_current_municipality_none_when_empty():
    assert current_municipality() is None


def test_responsibility_rows_count_what_each_organ_drives(board_a, board_b, target_areas, council):
    goal = f.GoalFactory(organ=board_a, target_area=target_areas[0], year=2024)
    f.GoalFactory(organ=board_a, target_area=target_areas[1], year=2023)
    f.IndicatorFactory(goal=goal)
    f.IndicatorFactory(goal=goal)
    f.AssignmentFactory(giver=board_a, receiver=board_b, year=2024)
    f.AssignmentFactory(giver=board_a, receiver=board_b, year=2023)
    f.SteeringDocumentFactory(owner=board_b, decided_by=council)
    rows = {
        o.slug: (o.n_goals, o.n_indicators, o.n_given, o.n_received, o.n_documents)
        for o in queries.responsibility_rows(
            board_a.municipality, 2024, Visibility(everything=True, organ_ids=frozenset())
        )
    }
    assert rows == {"kf": (0, 0, 0, 0, 0), "namnd-a": (1, 2, 1, 0, 0), "namnd-b": (0, 0, 0, 1, 1)}
