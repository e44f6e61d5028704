"""Deleting goals, assignments and indicators through the site: a confirmation page, then a soft delete."""

import datetime

from django.contrib.messages import get_messages
from django.urls import reverse

from styrkraft.core.models import AuditRecord
from styrkraft.indicators.models import Indicator
from styrkraft.steering import services
from styrkraft.steering.models import Assignment, Goal
from tests import factories as f


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_confirmation_page_names_the_goal_and_says_it_can_be_restored(client_a, board_a, target_areas):
    goal = f.GoalFactory(organ=board_a, target_area=target_areas[0], title="Fler cyklar", year=2024)
    response = client_a.get(reverse("steering:goal_delete", args=[goal.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Ta bort målet ”Fler cyklar”?</h1>" in html
    assert "en administratör kan återställa det under Borttaget" in html
    assert Goal.objects.filter(pk=goal.pk).exists() is True


def test_editor_deletes_the_boards_goal(client_a, board_a, target_areas, editor_a):
    goal = f.GoalFactory(organ=board_a, target_area=target_areas[0], title="Fler cyklar", year=2024)
    assert f'href="/mal/{goal.pk}/"' in client_a.get("/organ/namnd-a/?year=2024").content.decode()
    response = client_a.post(reverse("steering:goal_delete", args=[goal.pk]))
    assert (response.status_code, response["Location"]) == (302, "/organ/namnd-a/?year=2024")
    assert _messages(response) == ["Målet ”Fler cyklar” är borttaget."]
    assert f'href="/mal/{goal.pk}/"' not in client_a.get("/organ/namnd-a/?year=2024").content.decode()
    row = Goal.all_objects.get(pk=goal.pk)
    assert (row.deleted_by, row.deleted_at is not None) == (editor_a, True)
    record = AuditRecord.objects.get(item_type="steering.goal", item_id=str(goal.pk))
    assert (record.action, record.actor) == ("delete", editor_a)


def test_editor_of_another_board_is_refused_and_nothing_changes(client_b, board_a, target_areas):
    goal = f.GoalFactory(organ=board_a, target_area=target_areas[0])
    assignment = f.AssignmentFactory(giver=board_a, year=2024)
    indicator = f.IndicatorFactory(goal=goal)
    records = AuditRecord.objects.count()
    for url in (
        reverse("steering:goal_delete", args=[goal.pk]),
        reverse("steering:assignment_delete", args=[assignment.pk]),
        reverse("indicators:delete", args=[indicator.pk]),
    ):
        assert (client_b.get(url).status_code, client_b.post(url).status_code) == (403, 403)
    assert (
        Goal.objects.filter(pk=goal.pk).exists(),
        Assignment.objects.filter(pk=assignment.pk).exists(),
        Indicator.objects.filter(pk=indicator.pk).exists(),
        AuditRecord.objects.count(),
    ) == (True, True, True, records)


def test_anonymous_visitor_is_sent_to_sign_in(anonymous, board_a, target_areas):
    goal = f.GoalFactory(organ=board_a, target_area=target_areas[0])
    url = reverse("steering:goal_delete", args=[goal.pk])
    response = anonymous.post(url)
    assert (response.status_code, response["Location"]) == (302, f"/konto/logga-in/?next={url}")
    assert Goal.objects.filter(pk=goal.pk).exists() is True


def test_decided_goal_cannot_be_deleted(client_a, board_a, council, target_areas, admin_user):
    goals = [
        f.GoalFactory(organ=board_a, target_area=area, title=title, record_state="ready", year=2024)
        for area, title in ((target_areas[0], "Fler cyklar"), (target_areas[1], "Tryggare skolvägar"))
    ]
    for goal in goals:
        f.IndicatorTargetFactory(indicator=f.IndicatorFactory(goal=goal), year=2026)
    goal = goals[0]
    services.plan_year_decide(
        actor=admin_user, organ=board_a, year=2024, body=council, decided_on=datetime.date(2023, 11, 16)
    )
    response = client_a.post(reverse("steering:goal_delete", args=[goal.pk]))
    assert (response.status_code, response["Location"]) == (302, f"/mal/{goal.pk}/")
    assert _messages(response) == [
        "Målet ”Fler cyklar” är beslutat (Kommunfullmäktige, 2023-11-16) och kan inte ändras."
    ]
    assert Goal.objects.filter(pk=goal.pk).exists() is True


def test_giver_deletes_an_assignment_and_the_receiver_may_not(client_a, client_b, board_a, board_b):
    assignment = f.AssignmentFactory(giver=board_a, receiver=board_b, title="Utred cykelbanor", year=2024)
    url = reverse("steering:assignment_delete", args=[assignment.pk])
    assert client_b.post(url).status_code == 403
    response = client_a.post(url)
    assert (response.status_code, response["Location"]) == (302, "/organ/namnd-a/?year=2024")
    assert _messages(response) == ["Uppdraget ”Utred cykelbanor” är borttaget."]
    assert Assignment.all_objects.get(pk=assignment.pk).deleted_at is not None


def test_editor_deletes_an_indicator_and_returns_to_its_goal(client_a, board_a, target_areas):
    goal = f.GoalFactory(organ=board_a, target_area=target_areas[0])
    indicator = f.IndicatorFactory(goal=goal, title="Andel som cyklar")
    response = client_a.post(reverse("indicators:delete", args=[indicator.pk]))
    assert (response.status_code, response["Location"]) == (302, f"/mal/{goal.pk}/")
    assert _messages(response) == ["Nyckeltalet ”Andel som cyklar” är borttaget."]
    assert f'id="nyckeltal-{indicator.pk}"' not in client_a.get(f"/mal/{goal.pk}/").content.decode()
    assert Indicator.all_objects.filter(pk=indicator.pk, deleted_at__isnull=False).exists() is True
