import datetime

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from styrkraft.core.models import AuditRecord
from styrkraft.org.models import Organ
from styrkraft.steering import services, versions
from styrkraft.steering.models import Decision, Goal, RecordState
from tests import factories as f

URL = "/organ/namnd-a/beslut/?year=2024"
DATA = {"decided_on": "2023-11-16", "paragraph": "212", "case_number": "KS 2023/00456"}


@pytest.fixture
def ready_goals(board_a, target_areas):
    goals = []
    for area in target_areas[:2]:
        goal = f.GoalFactory(organ=board_a, target_area=area, record_state=RecordState.READY)
        f.IndicatorTargetFactory(indicator=f.IndicatorFactory(goal=goal), year=2026)
        goals.append(goal)
    return goals


@pytest.fixture
def executive(municipality, council):
    return f.OrganFactory(
        municipality=municipality,
        slug="ks",
        name="Kommunstyrelsen",
        kind=Organ.Kind.EXECUTIVE,
        parent=council,
    )


def test_url_name():
    assert reverse("steering:plan_year_decide", args=["namnd-a"]) == "/organ/namnd-a/beslut/"


def test_form_shows_goals_bodies_and_defaults_to_the_council(client_admin, council, executive, ready_goals):
    response = client_admin.get(URL)
    assert response.status_code == 200
    form = response.context["form"]
    assert [o.name for o in form.fields["body"].queryset] == [
        "Kommunfullmäktige",
        "Kommunstyrelsen",
        "Nämnd A",
    ]
    assert form.fields["body"].initial == council.pk
    assert [(g.title, g.get_record_state_display()) for g in response.context["goals"]] == [
        (g.title, "upprättad") for g in ready_goals
    ]
    assert response.context["blocking"] == []


def test_admin_decides_a_ready_plan_year(client_admin, council, ready_goals):
    response = client_admin.post(URL, {**DATA, "body": council.pk})
    assert (response.status_code, response["Location"]) == (302, "/organ/namnd-a/?year=2024")
    decision = Decision.objects.get()
    assert str(decision) == "Kommunfullmäktige, 2023-11-16, § 212, dnr KS 2023/00456"
    assert (decision.decided_on, decision.title) == (datetime.date(2023, 11, 16), "Mål för Nämnd A 2024")
    assert sorted(Goal.objects.filter(organ__slug="namnd-a").values_list("record_state", "decision_id")) == [
        ("decided", decision.pk),
        ("decided", decision.pk),
    ]
    assert [m.message for m in get_messages(response.wsgi_request)] == [
        "Målen för Nämnd A 2024 är beslutade: Kommunfullmäktige, 2023-11-16, § 212, dnr KS 2023/00456."
    ]
    records = AuditRecord.objects.order_by("pk")
    assert [(r.action, r.item_type, r.actor_label) for r in records] == [
        ("create", "steering.decision", "admin"),
        ("decide", "steering.goal", "admin"),
        ("decide", "indicators.indicator", "admin"),  # the goal's targets are decided with it
        ("decide", "steering.goal", "admin"),
        ("decide", "indicators.indicator", "admin"),
    ]
    goal_page = client_admin.get(reverse("steering:goal", args=[ready_goals[0].pk]))
    assert "Beslut: Kommunfullmäktige, 2023-11-16, § 212, dnr KS 2023/00456" in goal_page.content.decode()


def test_refusal_is_shown_on_the_form_and_nothing_changes(client_admin, council, board_a, ready_goals):
    f.GoalFactory(organ=board_a, target_area=ready_goals[0].target_area, title="Utkastet")
    records = AuditRecord.objects.count()
    page = client_admin.get(URL)
    assert [g.record_state for g in page.context["goals"]] == ["ready", "ready", "draft"]
    response = client_admin.post(URL, {**DATA, "body": council.pk})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["Dessa mål är inte klara för beslut: ”Utkastet”."]
    assert "Dessa mål är inte klara för beslut: ”Utkastet”." in response.content.decode()
    assert Decision.objects.count() == 0
    assert sorted(Goal.objects.filter(organ=board_a).values_list("record_state", flat=True)) == [
        "draft",
        "ready",
        "ready",
    ]
    assert AuditRecord.objects.count() == records


def test_rule_errors_block_and_are_listed(client_admin, council, board_a, target_areas):
    f.GoalFactory(organ=board_a, target_area=target_areas[0], record_state=RecordState.READY)
    message = "Nämnd A:s mål för 2024 täcker 1 målområde; minst 2 krävs (regel 2)."
    page = client_admin.get(URL)
    assert [b.message for b in page.context["blocking"]] == [message]
    assert message in page.content.decode()
    response = client_admin.post(URL, {**DATA, "body": council.pk})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [message]
    assert Decision.objects.count() == 0


def test_bad_date_is_a_field_error(client_admin, council, ready_goals):
    response = client_admin.post(URL, {**DATA, "decided_on": "16/11/2023", "body": council.pk})
    assert response.status_code == 200
    assert response.context["form"].errors["decided_on"] == ["Fyll i ett giltigt datum."]
    assert Decision.objects.count() == 0


def test_editor_is_refused(client_a, council, ready_goals):
    assert client_a.get(URL).status_code == 403
    assert client_a.post(URL, {**DATA, "body": council.pk}).status_code == 403
    assert (Decision.objects.count(), AuditRecord.objects.filter(action="decide").count()) == (0, 0)


def test_anonymous_is_sent_to_sign_in(anonymous, council, ready_goals):
    response = anonymous.post(URL, {**DATA, "body": council.pk})
    assert (response.status_code, response["Location"]) == (
        302,
        "/konto/logga-in/?next=/organ/namnd-a/beslut/%3Fyear%3D2024",
    )
    assert Decision.objects.count() == 0


def test_organ_page_links_the_form_for_administrators_only(client_admin, client_a, board_a, ready_goals):
    link = 'href="/organ/namnd-a/beslut/?year=2024"'
    assert link in client_admin.get("/organ/namnd-a/?year=2024").content.decode()
    assert link not in client_a.get("/organ/namnd-a/?year=2024").content.decode()


def test_organ_that_sets_no_goals_has_no_link_and_refuses(client_admin, council):
    assert "/organ/kf/beslut/" not in client_admin.get("/organ/kf/?year=2024").content.decode()
    assert client_admin.get("/organ/kf/beslut/?year=2024").status_code == 403


# --- Decision references (issue 8, point 7) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("paragraph", "-5", "Paragrafen är ett positivt heltal, till exempel 212."),
        ("paragraph", "0", "Paragrafen är ett positivt heltal, till exempel 212."),
        ("paragraph", "12 och 13", "Paragrafen är ett positivt heltal, till exempel 212."),
        (
            "case_number",
            "<b>!!</b>",
            "Diarienumret skrivs med bokstäver, siffror, mellanslag och . / : - och innehåller en siffra, "
            "till exempel KS 2023/00456.",
        ),
        (
            "case_number",
            "okänt",
            "Diarienumret skrivs med bokstäver, siffror, mellanslag och . / : - och innehåller en siffra, "
            "till exempel KS 2023/00456.",
        ),
        (
            "decided_on",
            "1900-01-01",
            "1900-01-01 är inget rimligt datum; det ska ligga mellan 1971-01-01 och 2099-12-31.",
        ),
    ],
)
def test_a_decision_reference_that_is_no_reference_is_refused(
    client_admin, council, ready_goals, field, value, message
):
    data = {
        "body": council.pk,
        "decided_on": "2023-11-16",
        "paragraph": "212",
        "case_number": "KS 2023/00456",
    }
    response = client_admin.post(URL, {**data, field: value})
    assert response.context["form"].errors[field] == [message]
    assert (Decision.objects.count(), Goal.objects.filter(record_state="decided").count()) == (0, 0)


def test_a_paragraph_written_with_its_sign_is_stored_as_the_number(client_admin, council, ready_goals):
    data = {"body": council.pk, "decided_on": "2023-11-16", "paragraph": "§ 212", "case_number": "KF 2023:12"}
    assert client_admin.post(URL, data).status_code == 302
    assert Decision.objects.values_list("paragraph", "case_number").get() == ("212", "KF 2023:12")


def test_a_decision_in_the_future_is_refused_by_the_service(admin_user, council, board_a, ready_goals):
    tomorrow = datetime.date.today() + datetime.timedelta(days=2)
    with pytest.raises(ValidationError) as excinfo:
        services.plan_year_decide(
            actor=admin_user, organ=board_a, year=2024, body=council, decided_on=tomorrow
        )
    assert excinfo.value.message_dict["decided_on"] == [
        f"Beslutsdatumet {tomorrow.isoformat()} ligger i framtiden; ett beslut registreras när det är fattat."
    ]
    assert Decision.objects.count() == 0


@pytest.mark.parametrize("decided_on", ["2021-12-31", "2025-01-01"])
def test_a_plan_year_decided_long_before_it_or_after_it_is_refused(
    client_admin, council, ready_goals, decided_on
):
    response = client_admin.post(URL, {**DATA, "body": council.pk, "decided_on": decided_on})
    assert response.context["form"].errors["decided_on"] == [
        f"Beslutsdatumet {decided_on} passar inte planåret 2024: målen för ett planår beslutas tidigast "
        "2022-01-01 och senast 2024-12-31."
    ]
    assert (Decision.objects.count(), Goal.objects.filter(record_state="decided").count()) == (0, 0)


def test_the_page_checks_the_same_goal_set_as_the_decision(
    client_admin, council, ready_goals, admin_user, board_a
):
    """A new version of a decided goal counts once, as the service counts it: with three decided goals
    (the limit) and a new version of one, the page shows no "4 mål" error and the decision goes through."""
    third = f.GoalFactory(
        organ=board_a, target_area=ready_goals[0].target_area, record_state=RecordState.READY
    )
    f.IndicatorTargetFactory(indicator=f.IndicatorFactory(goal=third), year=2026)
    services.plan_year_decide(
        actor=admin_user, organ=board_a, year=2024, body=council, decided_on=datetime.date(2023, 11, 16)
    )
    new = versions.goal_new_version(actor=admin_user, goal=Goal.objects.get(pk=third.pk))
    Goal.objects.filter(pk=new.pk).update(record_state=RecordState.READY)

    page = client_admin.get(URL)
    assert page.context["blocking"] == []
    assert client_admin.post(URL, {**DATA, "decided_on": "2024-03-01", "body": council.pk}).status_code == 302
    assert Goal.objects.get(pk=third.pk).record_state == RecordState.SUPERSEDED
