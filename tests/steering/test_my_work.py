"""Mitt arbete (/mitt-arbete/): where a signed-in user lands; each organ they have a role on with its
goals ("2 av 3 mål"), what is missing before the goals can be upprättade (each with where to fix it),
indicators without last year's value, assignments (overdue first), documents due for review and rule
findings; administrators see every organ with a filter; a user without a role is told how to get one."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from styrkraft.org.models import Organ
from styrkraft.steering.models import Assignment, Decision, RecordState, SteeringDocument
from tests import factories as f
from tests.conftest import PASSWORD
from tests.steering.test_queries import build_municipality

URL = "/mitt-arbete/"


@pytest.fixture
def work(municipality, council, board_a, board_b, target_areas):
    """Board A: two goals for 2024, one complete (ready) and one draft lacking a rationale and an
    indicator; an own indicator without a 2023 value; two open assignments to it (one overdue), one
    closed; a document due for review. Board B: a goal of its own."""
    today = timezone.localdate()
    complete = f.GoalFactory(
        organ=board_a, target_area=target_areas[0], title="Fler cyklar", record_state=RecordState.READY
    )
    indicator = f.IndicatorFactory(goal=complete, title="Andel som cyklar")
    f.IndicatorTargetFactory(indicator=indicator)
    f.IndicatorValueFactory(indicator=indicator, year=2023)
    f.IndicatorFactory(goal=complete, title="Cykelbanor i km")  # no value for 2023
    draft = f.GoalFactory(organ=board_a, target_area=target_areas[1], title="Tryggare parker", rationale="")
    f.GoalFactory(organ=board_b, target_area=target_areas[0], title="Nämnd B:s mål")
    ks = f.OrganFactory(
        municipality=municipality, slug="ks", name="Kommunstyrelsen", kind=Organ.Kind.EXECUTIVE
    )
    f.AssignmentFactory(
        giver=ks, receiver=board_a, title="Senare uppdrag", deadline=today + datetime.timedelta(days=30)
    )
    f.AssignmentFactory(
        giver=ks, receiver=board_a, title="Försenat uppdrag", deadline=today - datetime.timedelta(days=3)
    )
    f.AssignmentFactory(
        giver=ks,
        receiver=board_a,
        title="Avslutat uppdrag",
        progress=Assignment.Progress.CLOSED,
        deadline=today,
    )
    f.SteeringDocumentFactory(
        owner=board_a, title="Parkprogram", next_review=today + datetime.timedelta(days=10)
    )
    f.SteeringDocumentFactory(
        owner=board_a, title="Långt bort", next_review=today + datetime.timedelta(days=400)
    )
    f.SteeringDocumentFactory(owner=board_b, title="Nämnd B:s program", next_review=today)
    return {"complete": complete, "draft": draft, "indicator": indicator}


def _organs(response) -> list[str]:
    return [w.organ.slug for w in response.context["page"].organs]


def test_anonymous_is_sent_to_sign_in(anonymous, work):
    response = anonymous.get(URL)
    assert (response.status_code, response["Location"]) == (302, "/konto/logga-in/?next=/mitt-arbete/")


def test_editor_of_a_sees_a_and_not_b(client_a, work, board_a):
    response = client_a.get(URL)
    assert (response.status_code, _organs(response), response.context["year"]) == (200, ["namnd-a"], 2024)
    html = response.content.decode()
    assert "2 av 3 mål" in html
    assert "Nämnd B:s mål" not in html and "Nämnd B:s program" not in html
    draft = work["draft"]
    # What the draft lacks, in plain words, each with where it is fixed.
    assert "Målet saknar en motivering i klartext." in html
    assert f'<a href="/mal/{draft.pk}/andra/#id_rationale">Skriv en motivering' in html
    assert "Målet saknar nyckeltal." in html
    assert f'<a href="/mal/{draft.pk}/nyckeltal/nytt/">Lägg till ett nyckeltal' in html
    assert '<a href="/organ/namnd-a/mal/nytt/?year=2024">Lägg till mål' in html
    # Rule 2 is met (two target areas); the complete goal lacks nothing.
    page = response.context["page"].organs[0]
    assert [(g.title, [m.finding.rule for m in g.missing]) for g in page.goals] == [
        ("Fler cyklar", []),
        ("Tryggare parker", ["goal_rationale", "goal_indicator"]),
    ]
    assert [i.title for i in page.indicators_without_value] == ["Cykelbanor i km"]
    assert [(a.title, a.overdue) for a in page.assignments] == [
        ("Försenat uppdrag", True),
        ("Senare uppdrag", False),
    ]
    assert [d.title for d in page.documents] == ["Parkprogram"]
    assert "Mitt arbete" in html and 'aria-current="page">Mitt arbete</a>' in html


def test_reader_sees_the_work_but_no_fix_links(client_reader, work):
    response = client_reader.get(URL)
    assert _organs(response) == ["namnd-a"]
    html = response.content.decode()
    assert "Målet saknar en motivering i klartext." in html
    assert "Skriv en motivering" not in html
    assert "Lägg till mål" not in html
    assert "läsare" in html


def test_goal_limit_reached_is_said_and_no_add_link(client_a, work, board_a, target_areas):
    f.GoalFactory(organ=board_a, target_area=target_areas[2], title="Tredje målet")
    html = client_a.get(URL).content.decode()
    assert "3 av 3 mål" in html
    assert "fullt för planåret" in html
    assert "Lägg till mål" not in html


def test_the_plan_year_follows_the_one_rule_and_year_is_honoured(client_a, work, board_a, target_areas):
    f.GoalFactory(organ=board_a, target_area=target_areas[0], year=2025, title="Nästa års mål")
    response = client_a.get(URL)
    assert response.context["year"] == 2025
    assert "1 av 3 mål" in response.content.decode()
    assert client_a.get(URL + "?year=2024").context["year"] == 2024
    assert client_a.get(URL + "?year=1999").status_code == 404


def test_admin_sees_every_organ_and_filters(client_admin, work):
    assert _organs(client_admin.get(URL)) == ["kf", "ks", "namnd-a", "namnd-b"]
    assert _organs(client_admin.get(URL + "?kind=board")) == ["namnd-a", "namnd-b"]
    assert _organs(client_admin.get(URL + "?name=nd+b")) == ["namnd-b"]
    # Kommunfullmäktige (no goals of its own) and Kommunstyrelsen: rule findings (no goals) are problems.
    assert _organs(client_admin.get(URL + "?kind=kf&problems=on")) == []
    assert _organs(client_admin.get(URL + "?problems=on")) == ["ks", "namnd-a", "namnd-b"]
    html = client_admin.get(URL + "?kind=board&name=A").content.decode()
    assert "Visar 1 organ av 1." in html
    assert 'name="kind"' in html and 'name="problems"' in html


def test_admin_filter_refuses_an_unknown_kind_and_shows_everything(client_admin, work):
    response = client_admin.get(URL + "?kind=okant")
    assert response.status_code == 200
    assert _organs(response) == ["kf", "ks", "namnd-a", "namnd-b"]
    assert "Filtret kunde inte användas" in response.content.decode()


def test_editor_gets_no_filter(client_a, work):
    response = client_a.get(URL + "?kind=kf")
    assert _organs(response) == ["namnd-a"]
    assert 'name="kind"' not in response.content.decode()


def test_user_without_a_role_is_told_how_to_get_one(work):
    client = Client()
    client.force_login(f.UserFactory(username="ny"))
    response = client.get(URL)
    html = response.content.decode()
    assert (response.status_code, _organs(response)) == (200, [])
    assert "Du har ingen roll på något organ ännu" in html
    assert "administratör" in html
    assert '<a class="button" href="/?year=2024">Till Styrkedjan 2024</a>' in html


def test_sign_in_lands_on_my_work(anonymous, editor_a, work):
    response = anonymous.post(reverse("login"), {"username": "redaktor-a", "password": PASSWORD})
    assert (response.status_code, response["Location"]) == (302, "/mitt-arbete/")
    assert _organs(anonymous.get(response["Location"])) == ["namnd-a"]


def test_sign_in_respects_next(anonymous, editor_a, work):
    response = anonymous.post(
        reverse("login") + "?next=/vem-kor/",
        {"username": "redaktor-a", "password": PASSWORD, "next": "/vem-kor/"},
    )
    assert (response.status_code, response["Location"]) == (302, "/vem-kor/")


def test_a_decided_goal_lists_nothing_missing(client_a, board_a, target_areas, council):
    decision = Decision.objects.create(
        municipality=board_a.municipality, body=council, decided_on=datetime.date(2023, 11, 16)
    )
    f.GoalFactory(
        organ=board_a, target_area=target_areas[0], rationale="", record_state="decided", decision=decision
    )
    page = client_a.get(URL).context["page"].organs[0]
    assert [g.missing for g in page.goals] == [[]]


def _queries(client, django_assert_max_num_queries, url=URL):
    with django_assert_max_num_queries(100) as counted:
        assert client.get(url).status_code == 200
    return len(counted)


@pytest.mark.django_db
def test_query_count_does_not_grow_with_the_municipality(settings, django_assert_max_num_queries):
    small, small_board, small_editor = build_municipality("liten", boards=3)
    large, large_board, large_editor = build_municipality("stor", boards=30)
    admin = f.UserFactory(username="admin", is_superuser=True)
    counts = {}
    for slug, editor in (("liten", small_editor), ("stor", large_editor)):
        settings.STYRKRAFT_MUNICIPALITY = slug
        editor_client, admin_client = Client(), Client()
        editor_client.force_login(editor)
        admin_client.force_login(admin)
        counts[slug] = (
            _queries(editor_client, django_assert_max_num_queries),
            _queries(admin_client, django_assert_max_num_queries),
            _queries(admin_client, django_assert_max_num_queries, URL + "?problems=on&kind=board"),
        )
    assert counts["liten"] == counts["stor"]
    assert max(counts["stor"]) <= 25
    # The large municipality's administrator sees all 32 organs and their 90 goals.
    settings.STYRKRAFT_MUNICIPALITY = "stor"
    admin_client = Client()
    admin_client.force_login(admin)
    page = admin_client.get(URL).context["page"]
    assert (len(page.organs), sum(len(w.goals) for w in page.organs)) == (32, 90)
    assert SteeringDocument.objects.filter(municipality=large).count() == 30
