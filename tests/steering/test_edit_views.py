"""Editing the steering chain through the site's forms: who may act on every edit URL (the goal and
assignment forms here, the indicator forms too, since they hang off a goal), the model's refusals on the
form, conflicts between two editors, invalid input, and the sign-in page."""

import datetime
from decimal import Decimal
from urllib.parse import quote

import pytest
from django.contrib.messages import get_messages
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from styrkraft.core.models import AuditRecord
from styrkraft.indicators.models import Indicator
from styrkraft.steering.models import Assignment, Goal
from tests import factories as f
from tests.conftest import PASSWORD

LOGIN = "/konto/logga-in/"


def login_redirect(next_path: str) -> str:
    return f"{LOGIN}?next={quote(next_path, safe='/')}"


@pytest.fixture
def board_c(municipality, council):
    return f.OrganFactory(municipality=municipality, slug="namnd-c", name="Nämnd C", parent=council)


@pytest.fixture
def world(board_a, board_b, board_c, target_areas):
    """Board A's material: a goal complete enough to be ready for decision, its indicator, and an
    assignment from board A to board C (so editor B has no part in any of it)."""
    goal = f.GoalFactory(organ=board_a, target_area=target_areas[0], title="Fler cyklar", code="cyklar")
    indicator = f.IndicatorFactory(goal=goal, title="Andel som cyklar", code="andel-cykel")
    f.IndicatorTargetFactory(indicator=indicator, year=2026, value=Decimal("60"))
    assignment = f.AssignmentFactory(
        giver=board_a, receiver=board_c, title="Utred cykelbanor", code="utred", year=2024
    )
    return {"goal": goal, "indicator": indicator, "assignment": assignment, "areas": target_areas}


def _cases(world):
    """For each edit URL: the URL, a valid POST, how to read the state it changes, the state after an
    allowed POST, where it redirects, and the item type of its audit records."""
    goal, indicator, assignment, areas = (
        world["goal"],
        world["indicator"],
        world["assignment"],
        world["areas"],
    )
    board_a = goal.organ
    board_c = assignment.receiver
    return {
        "goal_create": (
            reverse("steering:goal_create", args=["namnd-a"]) + "?year=2024",
            {"title": "Tryggare skolvägar", "target_area": areas[1].pk, "rationale": "Barn ska gå säkert."},
            lambda: list(Goal.objects.filter(organ=board_a).order_by("pk").values_list("title", flat=True)),
            ["Fler cyklar", "Tryggare skolvägar"],
            lambda: reverse("steering:goal", args=[Goal.objects.get(title="Tryggare skolvägar").pk]),
            "steering.goal",
        ),
        "goal_edit": (
            reverse("steering:goal_edit", args=[goal.pk]),
            {"title": "Många fler cyklar", "target_area": areas[0].pk, "version": "1"},
            lambda: Goal.objects.get(pk=goal.pk).title,
            "Många fler cyklar",
            lambda: reverse("steering:goal", args=[goal.pk]),
            "steering.goal",
        ),
        "goal_status": (
            reverse("steering:goal_status", args=[goal.pk]),
            {"status": "ready", "version": "1"},
            lambda: Goal.objects.get(pk=goal.pk).record_state,
            "ready",
            lambda: reverse("steering:goal", args=[goal.pk]),
            "steering.goal",
        ),
        "assignment_create": (
            reverse("steering:assignment_create", args=["namnd-a"]) + "?year=2024",
            {
                "title": "Kartlägg parkeringar",
                "receiver": board_c.pk,
                "deadline": "2024-11-30",
                "report_back": "Till nämnd A i december",
                "progress": "not_started",
                "year": "2024",
            },
            lambda: list(
                Assignment.objects.filter(giver=board_a).order_by("pk").values_list("title", flat=True)
            ),
            ["Utred cykelbanor", "Kartlägg parkeringar"],
            lambda: reverse(
                "steering:assignment", args=[Assignment.objects.get(title="Kartlägg parkeringar").pk]
            ),
            "steering.assignment",
        ),
        "assignment_edit": (
            reverse("steering:assignment_edit", args=[assignment.pk]),
            {
                "title": "Utred säkra cykelbanor",
                "receiver": board_c.pk,
                "deadline": "2024-12-15",
                "report_back": "Till nämnd A",
                "progress": "ongoing",
                "year": "2024",
                "version": "1",
            },
            lambda: Assignment.objects.values_list("title", "deadline", "progress").get(pk=assignment.pk),
            ("Utred säkra cykelbanor", datetime.date(2024, 12, 15), "ongoing"),
            lambda: reverse("steering:assignment", args=[assignment.pk]),
            "steering.assignment",
        ),
        "indicator_create": (
            reverse("steering:goal_indicator_create", args=[goal.pk]),
            {"title": "Antal cykelparkeringar", "unit": "antal", "direction": "higher", "source": "own"},
            lambda: list(goal.indicators.order_by("pk").values_list("title", flat=True)),
            ["Andel som cyklar", "Antal cykelparkeringar"],
            lambda: (
                reverse("steering:goal", args=[goal.pk])
                + f"#nyckeltal-{Indicator.objects.get(title='Antal cykelparkeringar').pk}"
            ),
            "indicators.indicator",
        ),
        "indicator_edit": (
            reverse("indicators:edit", args=[indicator.pk]),
            {
                "title": "Andel resor med cykel",
                "unit": "%",
                "direction": "higher",
                "source": "kolada",
                "kolada_id": "n00945",
                "baseline_year": "2022",
                "baseline_value": "18,5",
                "version": "1",
            },
            lambda: Indicator.objects.values_list("title", "source", "kolada_id", "baseline_value").get(
                pk=indicator.pk
            ),
            ("Andel resor med cykel", "kolada", "N00945", Decimal("18.5")),
            lambda: reverse("steering:goal", args=[goal.pk]) + f"#nyckeltal-{indicator.pk}",
            "indicators.indicator",
        ),
        "indicator_figures": (
            reverse("indicators:figures", args=[indicator.pk]),
            {"value_2023": "52,5", "value_2024": "55.25", "target_2026": "60", "version": "1"},
            lambda: list(indicator.values.order_by("year").values_list("year", "value")),
            [(2023, Decimal("52.5")), (2024, Decimal("55.25"))],
            lambda: reverse("steering:goal", args=[goal.pk]) + f"#nyckeltal-{indicator.pk}",
            "indicators.indicator",
        ),
    }


CASES = [
    "goal_create",
    "goal_edit",
    "goal_status",
    "assignment_create",
    "assignment_edit",
    "indicator_create",
    "indicator_edit",
    "indicator_figures",
]


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("method", ["get", "post"])
def test_edit_url_sends_anonymous_visitor_to_sign_in(anonymous, world, case, method):
    url, data, state, _after, _target, _item = _cases(world)[case]
    before = state()
    response = getattr(anonymous, method)(url, data if method == "post" else None)
    # The status button posts from the goal page, so after signing in one comes back to the goal page.
    next_path = reverse("steering:goal", args=[world["goal"].pk]) if case == "goal_status" else url
    assert (response.status_code, response["Location"]) == (302, login_redirect(next_path))
    assert (state(), AuditRecord.objects.count()) == (before, 0)


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("method", ["get", "post"])
def test_edit_url_refuses_editor_of_another_board(client_b, world, case, method):
    url, data, state, _after, _target, _item = _cases(world)[case]
    before = state()
    response = getattr(client_b, method)(url, data if method == "post" else None)
    expected_status = 405 if (case, method) == ("goal_status", "get") else 403
    assert response.status_code == expected_status
    assert (state(), AuditRecord.objects.count()) == (before, 0)


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("who", ["editor_a", "admin_user"])
def test_edit_url_saves_for_editor_of_the_board_and_for_admin(request, world, case, who):
    user = request.getfixturevalue(who)
    client = Client()
    client.force_login(user)
    url, data, state, after, target, item_type = _cases(world)[case]
    if case != "goal_status":
        assert client.get(url).status_code == 200
    response = client.post(url, data)
    assert (response.status_code, response["Location"]) == (302, target())
    assert state() == after
    records = AuditRecord.objects.filter(actor=user)
    assert (records.exists(), set(records.values_list("item_type", flat=True))) == (True, {item_type})


def test_refusal_page_says_why_in_swedish(client_b, world):
    response = client_b.get(reverse("steering:goal_edit", args=[world["goal"].pk]))
    assert response.status_code == 403
    assert "Du har inte behörighet att ändra målen för Nämnd A." in response.content.decode()


def test_goal_status_get_is_not_allowed(client_a, world):
    response = client_a.get(reverse("steering:goal_status", args=[world["goal"].pk]))
    assert response.status_code == 405


def test_goal_form_offers_target_areas_of_the_term_and_the_councils_goals_of_the_year(
    client_a, board_a, target_areas, municipality
):
    f.CouncilGoalFactory(municipality=municipality, year=2024, title="KF-mål 2024")
    f.CouncilGoalFactory(municipality=municipality, year=2025, title="KF-mål 2025")
    other_term = f.TermFactory(municipality=municipality, start_year=2019, end_year=2022)
    f.TargetAreaFactory(intent=f.PoliticalIntentFactory(term=other_term), title="Gammalt målområde")
    response = client_a.get(reverse("steering:goal_create", args=["namnd-a"]) + "?year=2024")
    form = response.context["form"]
    assert [str(a) for a in form.fields["target_area"].queryset] == [a.title for a in target_areas]
    assert [str(g) for g in form.fields["council_goals"].queryset] == ["KF-mål 2024"]
    assert form.fields["sdg_goals"].queryset.count() == 17
    assert form.fields["sdg_targets"].queryset.count() == 169


def test_goal_create_for_a_year_outside_every_term_is_not_found(client_a, board_a, target_areas):
    response = client_a.get(reverse("steering:goal_create", args=["namnd-a"]) + "?year=2031")
    assert response.status_code == 404


def test_goal_create_saves_links(client_a, board_a, target_areas, municipality):
    commitment = f.CommitmentFactory(target_area=target_areas[1])
    council_goal = f.CouncilGoalFactory(municipality=municipality, year=2024)
    response = client_a.post(
        reverse("steering:goal_create", args=["namnd-a"]) + "?year=2024",
        {
            "title": "Tryggare skolvägar",
            "target_area": target_areas[1].pk,
            "commitments": [commitment.pk],
            "council_goals": [council_goal.pk],
            "sdg_goals": [11],
            "responsible_organ": board_a.pk,
            "responsible_person": "Förvaltningschef",
        },
    )
    goal = Goal.objects.get(title="Tryggare skolvägar")
    assert response.status_code == 302
    assert (goal.year, goal.record_state, goal.responsible_person) == (2024, "draft", "Förvaltningschef")
    assert list(goal.commitments.all()) == [commitment]
    assert list(goal.council_goals.all()) == [council_goal]
    assert [g.number for g in goal.sdg_goals.all()] == [11]


def test_fourth_goal_is_refused_on_the_form_and_the_input_is_kept(client_a, board_a, target_areas):
    for i in range(3):
        f.GoalFactory(organ=board_a, target_area=target_areas[i], year=2024)
    response = client_a.post(
        reverse("steering:goal_create", args=["namnd-a"]) + "?year=2024",
        {"title": "Ett fjärde mål", "target_area": target_areas[0].pk},
    )
    message = (
        "Nämnd A har redan 3 mål för 2024. En nämnd får ha högst 3 mål per planår (styrmodellens regel 1)."
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [message]
    assert message in response.content.decode()
    assert response.context["form"]["title"].value() == "Ett fjärde mål"
    assert Goal.objects.filter(organ=board_a, year=2024).count() == 3
    assert AuditRecord.objects.count() == 0


def test_commitment_of_another_target_area_is_refused(client_a, board_a, target_areas):
    wrong = f.CommitmentFactory(target_area=target_areas[1], text="Under mandatperioden ökar tryggheten.")
    response = client_a.post(
        reverse("steering:goal_create", args=["namnd-a"]) + "?year=2024",
        {"title": "Fler cyklar", "target_area": target_areas[0].pk, "commitments": [wrong.pk]},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "commitments": [
            "Inriktningen ”Under mandatperioden ökar tryggheten.” hör till målområdet ”En trygg kommun”, "
            "inte till ”En klimatsmart kommun”."
        ]
    }
    assert Goal.objects.count() == 0


def test_goal_edit_with_empty_title_shows_field_error_and_changes_nothing(client_a, world):
    goal = world["goal"]
    response = client_a.post(
        reverse("steering:goal_edit", args=[goal.pk]),
        {"title": "", "target_area": world["areas"][0].pk, "version": "1"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"title": ["Detta fält måste fyllas i."]}
    html = response.content.decode()
    assert 'aria-describedby="id_title_error"' in html
    assert 'href="#id_title"' in html
    goal.refresh_from_db()
    assert (goal.title, goal.version, AuditRecord.objects.count()) == ("Fler cyklar", 1, 0)


def test_goal_edit_on_stale_version_shows_conflict_and_keeps_first_change(client_a, client_admin, world):
    goal, area = world["goal"], world["areas"][0]
    url = reverse("steering:goal_edit", args=[goal.pk])
    assert client_a.get(url).status_code == 200
    assert client_admin.get(url).status_code == 200
    first = client_a.post(url, {"title": "Från A", "target_area": area.pk, "version": "1"})
    second = client_admin.post(url, {"title": "Från admin", "target_area": area.pk, "version": "1"})
    assert (first.status_code, second.status_code) == (302, 200)
    message = (
        "Någon annan har sparat ”Från A” medan du arbetade (nu version 2). Du och den andra har ändrat "
        "samma uppgifter: välj vid varje markerat fält vilken ändring som ska gälla, och spara igen."
    )
    form = second.context["form"]
    assert form.non_field_errors() == [message]
    # Posted without the values it was opened with, the form cannot tell who changed the title: it asks.
    assert list(form.merge_conflicts) == ["title"]
    assert (form["title"].value(), form["version"].value()) == ("Från admin", "2")
    assert ("Mål", "Från A") in form.current_values
    goal.refresh_from_db()
    assert (goal.title, goal.version) == ("Från A", 2)
    # Submitting again on top of the current version applies the second editor's change.
    again = client_admin.post(url, {"title": "Från admin", "target_area": area.pk, "version": "2"})
    goal.refresh_from_db()
    assert (again.status_code, goal.title, goal.version) == (302, "Från admin", 3)


def test_goal_status_ready_is_refused_with_the_errors_when_goal_lacks_an_indicator(
    client_a, board_a, target_areas
):
    goal = f.GoalFactory(organ=board_a, target_area=target_areas[0])
    response = client_a.post(
        reverse("steering:goal_status", args=[goal.pk]), {"status": "ready", "version": "1"}
    )
    assert (response.status_code, response["Location"]) == (302, reverse("steering:goal", args=[goal.pk]))
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Målet kan inte sättas till ”upprättad”: Målet saknar nyckeltal."
    ]
    goal.refresh_from_db()
    assert (goal.record_state, goal.version, AuditRecord.objects.count()) == ("draft", 1, 0)


def test_goal_status_back_to_draft(client_a, world):
    goal = world["goal"]
    Goal.objects.filter(pk=goal.pk).update(record_state="ready")
    response = client_a.post(
        reverse("steering:goal_status", args=[goal.pk]), {"status": "draft", "version": "1"}
    )
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Målet är återställt till utkast."]
    assert Goal.objects.get(pk=goal.pk).record_state == "draft"


def test_goal_status_on_stale_version_is_refused_with_message(client_a, world):
    goal = world["goal"]
    response = client_a.post(
        reverse("steering:goal_status", args=[goal.pk]), {"status": "ready", "version": "7"}
    )
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Någon annan har ändrat ”Fler cyklar” sedan du öppnade det (nu version 1). "
        "Se de aktuella uppgifterna nedan och gör din ändring igen."
    ]
    assert Goal.objects.get(pk=goal.pk).record_state == "draft"


def test_editor_of_parent_organ_edits_a_goal_of_a_board_below(municipality, board_a, world):
    parent_editor = f.OrganRoleFactory(organ=board_a.parent).user
    client = Client()
    client.force_login(parent_editor)
    assert client.get(reverse("steering:goal_edit", args=[world["goal"].pk])).status_code == 200


def test_council_sets_no_goals_of_its_own(client_admin, council, target_areas):
    response = client_admin.get(reverse("steering:goal_create", args=["kf"]) + "?year=2024")
    assert response.status_code == 403
    assert (
        "Kommunfullmäktige sätter inte egna mål; det gör nämnder, bolag och kommunstyrelsen."
        in response.content.decode()
    )


def test_unknown_organ_is_not_found(client_admin, municipality):
    assert client_admin.get(reverse("steering:goal_create", args=["finns-inte"])).status_code == 404


# Assignments


def test_assignment_with_bad_date_shows_field_error_and_changes_nothing(client_a, world):
    assignment = world["assignment"]
    response = client_a.post(
        reverse("steering:assignment_edit", args=[assignment.pk]),
        {"title": "Utred", "deadline": "31/12/2024", "progress": "ongoing", "year": "2024", "version": "1"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "deadline": ["Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2024-10-31."]
    }
    assignment.refresh_from_db()
    assert (assignment.title, assignment.deadline, AuditRecord.objects.count()) == (
        "Utred cykelbanor",
        datetime.date(2024, 10, 31),
        0,
    )


def test_assignment_form_shows_deadline_as_iso_date(client_a, world):
    response = client_a.get(reverse("steering:assignment_edit", args=[world["assignment"].pk]))
    assert 'type="date"' in response.content.decode()
    assert 'value="2024-10-31"' in response.content.decode()


def test_assignment_goal_must_belong_to_the_receiver(client_a, world, board_b):
    response = client_a.post(
        reverse("steering:assignment_create", args=["namnd-a"]),
        {
            "title": "Nytt uppdrag",
            "receiver": board_b.pk,
            "goal": world["goal"].pk,
            "progress": "not_started",
            "year": "2024",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"goal": ["Målet hör till ett annat organ än mottagaren."]}
    assert Assignment.objects.count() == 1


def test_assignment_with_empty_title_is_refused(client_a, board_a, board_b, target_areas):
    response = client_a.post(
        reverse("steering:assignment_create", args=["namnd-a"]),
        {"title": "", "receiver": board_b.pk, "progress": "not_started", "year": "2024"},
    )
    assert response.context["form"].errors == {"title": ["Detta fält måste fyllas i."]}
    assert Assignment.objects.count() == 0


def test_receiver_updates_only_the_status_of_an_assignment(client_b, board_a, board_b, target_areas):
    assignment = f.AssignmentFactory(giver=board_a, receiver=board_b, title="Till B", code="till-b")
    url = reverse("steering:assignment_edit", args=[assignment.pk])
    response = client_b.get(url)
    assert (response.status_code, list(response.context["form"].fields)) == (
        200,
        ["progress", "version", "base"],
    )
    response = client_b.post(url, {"progress": "ongoing", "title": "Omskrivet", "version": "1"})
    assignment.refresh_from_db()
    assert (response.status_code, assignment.progress, assignment.title) == (302, "ongoing", "Till B")


def test_assignment_edit_on_stale_version_shows_current_values(client_a, client_admin, world):
    assignment = world["assignment"]
    url = reverse("steering:assignment_edit", args=[assignment.pk])
    data = {
        "title": "Från A",
        "receiver": assignment.receiver_id,
        "progress": "ongoing",
        "year": "2024",
        "version": "1",
    }
    assert client_a.post(url, data).status_code == 302
    response = client_admin.post(url, {**data, "title": "Från admin", "progress": "reported"})
    form = response.context["form"]
    assert (response.status_code, form["version"].value()) == (200, "2")
    assert ("Status", "pågår") in form.current_values
    assert Assignment.objects.get(pk=assignment.pk).title == "Från A"


# Sign-in


def test_sign_in_page_renders_in_swedish(anonymous, db):
    response = anonymous.get(LOGIN)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<label for="id_username">Användarnamn' in html
    assert '<label for="id_password">Lösenord' in html


def test_sign_in_with_right_credentials_redirects(anonymous, editor_a, world):
    next_path = reverse("steering:goal_edit", args=[world["goal"].pk])
    response = anonymous.post(
        f"{LOGIN}?next={next_path}", {"username": "redaktor-a", "password": PASSWORD, "next": next_path}
    )
    assert (response.status_code, response["Location"]) == (302, next_path)
    assert anonymous.get(next_path).status_code == 200


def test_sign_in_with_wrong_password_shows_the_error(anonymous, editor_a):
    response = anonymous.post(LOGIN, {"username": "redaktor-a", "password": "fel"})
    message = "Ange ett korrekt användarnamn och lösenord. Observera att båda fälten är skiftlägeskänsliga."
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [message]
    assert message in response.content.decode()


def test_inactive_user_cannot_sign_in(anonymous, editor_a):
    type(editor_a).objects.filter(pk=editor_a.pk).update(is_active=False)
    response = anonymous.post(LOGIN, {"username": "redaktor-a", "password": PASSWORD})
    assert (response.status_code, response.wsgi_request.user.is_authenticated) == (200, False)


def test_status_button_posts_the_next_status_and_the_version_the_user_saw(world):
    goal = world["goal"]
    html = render_to_string("steering/edit/_goal_status_button.html", {"goal": goal})
    assert f'action="/mal/{goal.pk}/status/"' in html
    assert ('name="status" value="ready"' in html, 'name="version" value="1"' in html) == (True, True)
    assert "Markera som upprättad (klar för beslut)" in html
    goal.record_state = "ready"
    html = render_to_string("steering/edit/_goal_status_button.html", {"goal": goal})
    assert ('name="status" value="draft"' in html, "Återställ till utkast" in html) == (True, True)
