"""The default plan year is one rule (styrkraft.steering.plan_year): the latest year that has goals,
not the calendar year; ?year= is honoured; a year that is not a plan year is a 404; pages, forms and
commands all use it."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from styrkraft.steering import plan_year
from styrkraft.steering.models import Decision, Goal, RecordState
from tests import factories as f


def test_current_plan_year_is_the_latest_year_with_goals_not_the_calendar_year(board_a, target_areas):
    # The term runs 2023-2026, so this year (the test runs in it or not) is never what decides.
    f.GoalFactory(organ=board_a, target_area=target_areas[0], year=2023)
    f.GoalFactory(organ=board_a, target_area=target_areas[0], year=2025)
    municipality = board_a.municipality
    assert plan_year.current_plan_year(municipality) == 2025
    assert plan_year.resolve_year(municipality, None) == (2025, [2023, 2024, 2025, 2026])
    assert plan_year.resolve_year(municipality, "2024") == (2024, [2023, 2024, 2025, 2026])


def test_without_goals_this_year_when_it_is_a_plan_year_else_the_closest(municipality, settings):
    this_year = timezone.localdate().year
    assert plan_year.resolve_year(municipality, "") == (this_year, [this_year])
    f.TermFactory(municipality=municipality, start_year=this_year - 8, end_year=this_year - 5)
    assert plan_year.current_plan_year(municipality) == this_year - 5
    f.TermFactory(municipality=municipality, start_year=this_year + 1, end_year=this_year + 4)
    assert plan_year.current_plan_year(municipality) == this_year - 5


@pytest.mark.parametrize("raw", ["abc", "2024.5", "1990", "-1", "99999999999999999999"])
def test_resolve_year_refuses_unknown_years(target_areas, municipality, raw):
    with pytest.raises(plan_year.UnknownYear):
        plan_year.resolve_year(municipality, raw)


def _goals_in_2023_and_2025(board_a, target_areas):
    f.GoalFactory(organ=board_a, target_area=target_areas[0], year=2023, title="Mål 2023")
    f.GoalFactory(organ=board_a, target_area=target_areas[1], year=2025, title="Mål 2025")


@pytest.mark.parametrize("url", ["/", "/vem-kor/", "/organ/namnd-a/"])
def test_reading_pages_default_to_the_current_plan_year(client_a, board_a, target_areas, url):
    _goals_in_2023_and_2025(board_a, target_areas)
    assert client_a.get(url).context["year"] == 2025
    assert client_a.get(url + "?year=2023").context["year"] == 2023
    assert client_a.get(url + "?year=1999").status_code == 404


def _goal_form_year(response):
    return response.context["year"]


def _assignment_form_year(response):
    return response.context["form"].initial["year"]


@pytest.mark.parametrize(
    "url, year_of",
    [("/organ/namnd-a/mal/nytt/", _goal_form_year), ("/organ/namnd-a/uppdrag/nytt/", _assignment_form_year)],
)
def test_forms_default_to_the_current_plan_year(client_a, board_a, target_areas, url, year_of):
    """The forms used to start at the calendar year when it was a plan year (2026 here), the pages at
    the latest year with goals: one rule now."""
    _goals_in_2023_and_2025(board_a, target_areas)
    assert year_of(client_a.get(url)) == 2025
    assert year_of(client_a.get(url + "?year=2024")) == 2024
    assert client_a.get(url + "?year=abc").status_code == 404


def test_decide_command_defaults_to_the_current_plan_year(council, board_a, target_areas):
    for area in target_areas[:2]:
        goal = f.GoalFactory(organ=board_a, target_area=area, year=2025, record_state=RecordState.READY)
        f.IndicatorTargetFactory(indicator=f.IndicatorFactory(goal=goal), year=2026)
    out = StringIO()
    call_command("decide", "--organ", "namnd-a", "--body", "kf", "--date", "2024-11-16", stdout=out)
    assert out.getvalue() == "Målen för Nämnd A 2025 är beslutade (2 mål): Kommunfullmäktige, 2024-11-16.\n"
    assert list(Goal.objects.values_list("year", "record_state")) == [(2025, "decided"), (2025, "decided")]
    assert Decision.objects.count() == 1


@pytest.mark.parametrize(
    "url, text",
    [
        ("/", "Det finns inga mål eller uppdrag för 2026."),
        ("/vem-kor/", "Det finns inga mål eller uppdrag för 2026."),
        ("/organ/namnd-a/", "Nämnd A har inga mål eller uppdrag för 2026."),
    ],
)
def test_a_year_without_content_says_so_and_links_to_the_latest_year_with_some(
    anonymous, board_a, target_areas, url, text
):
    f.GoalFactory(
        organ=board_a,
        target_area=target_areas[0],
        year=2024,
        record_state="decided",
        decision=_decision(board_a),
    )
    html = anonymous.get(url + "?year=2026").content.decode()
    assert text in html
    assert f'<a href="{url}?year=2024">Visa 2024, det senaste planåret med mål</a>' in html
    assert text not in anonymous.get(url + "?year=2024").content.decode()


def _decision(organ):
    return Decision.objects.create(municipality=organ.municipality, body=organ, decided_on="2023-11-16")
