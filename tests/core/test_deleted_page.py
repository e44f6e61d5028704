"""Borttaget: administrators see what was deleted, by whom and when, and restore it."""

from django.contrib.messages import get_messages
from django.urls import reverse

from styrkraft.core.models import AuditRecord
from styrkraft.indicators import services as indicator_services
from styrkraft.steering import services
from styrkraft.steering.models import Assignment, Goal
from tests import factories as f


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _restore_url(item_type: str, pk: int) -> str:
    return reverse("core:restore", args=[item_type, pk])


def test_page_lists_deleted_items_with_who_deleted_them(client_admin, board_a, target_areas, editor_a):
    goal = f.GoalFactory(organ=board_a, target_area=target_areas[0], title="Fler cyklar")
    living = f.GoalFactory(organ=board_a, target_area=target_areas[1], title="Tryggare skolvägar")
    assignment = f.AssignmentFactory(giver=board_a, title="Utred cykelbanor")
    indicator = f.IndicatorFactory(goal=living, title="Andel som cyklar")
    services.goal_delete(actor=editor_a, goal=goal)
    services.assignment_delete(actor=editor_a, assignment=assignment)
    indicator_services.indicator_delete(actor=editor_a, indicator=indicator)
    response = client_admin.get(reverse("core:deleted"))
    html = response.content.decode()
    assert response.status_code == 200
    assert [(r["item"].title, r["organ"], r["who"]) for s in response.context["sections"] for r in s[3]] == [
        ("Fler cyklar", "Nämnd A", "redaktor-a"),
        ("Utred cykelbanor", "Nämnd A", "redaktor-a"),
        ("Andel som cyklar", "Nämnd A", "redaktor-a"),
    ]
    assert "Tryggare skolvägar" not in html
    assert f'action="{_restore_url("goal", goal.pk)}"' in html


def test_page_queries_do_not_grow_with_the_deleted_items(
    client_admin, board_a, target_areas, editor_a, django_assert_max_num_queries
):
    for i in range(6):
        goal = f.GoalFactory(organ=board_a, target_area=target_areas[i % 3])
        f.IndicatorFactory(goal=goal)
        services.goal_delete(actor=editor_a, goal=goal)
        indicator_services.indicator_delete(actor=editor_a, indicator=goal.indicators.get())
        services.assignment_delete(actor=editor_a, assignment=f.AssignmentFactory(giver=board_a))
    with django_assert_max_num_queries(10):
        assert client_admin.get(reverse("core:deleted")).status_code == 200


def test_only_administrators_see_the_page(client_a, anonymous):
    assert client_a.get(reverse("core:deleted")).status_code == 403
    assert anonymous.get(reverse("core:deleted"))["Location"] == "/konto/logga-in/?next=/borttaget/"
    assert "/borttaget/" not in client_a.get("/").content.decode()


def test_admin_restores_a_goal(client_admin, client_a, board_a, target_areas, editor_a, admin_user):
    goal = f.GoalFactory(organ=board_a, target_area=target_areas[0], title="Fler cyklar")
    client_a.post(reverse("steering:goal_delete", args=[goal.pk]))
    assert client_a.post(_restore_url("goal", goal.pk)).status_code == 403
    response = client_admin.post(_restore_url("goal", goal.pk))
    assert (response.status_code, response["Location"]) == (302, "/borttaget/")
    assert _messages(response) == ["”Fler cyklar” är återställt."]
    assert Goal.objects.get(pk=goal.pk).deleted_by is None
    assert list(
        AuditRecord.objects.filter(item_id=str(goal.pk)).values_list("action", "actor__username")
    ) == [("restore", admin_user.username), ("delete", "redaktor-a")]


def test_restore_of_an_assignment(client_admin, board_a, editor_a):
    assignment = f.AssignmentFactory(giver=board_a)
    services.assignment_delete(actor=editor_a, assignment=assignment)
    client_admin.post(_restore_url("assignment", assignment.pk))
    assert Assignment.objects.filter(pk=assignment.pk).exists() is True


def test_restore_refused_when_the_board_has_three_goals_again(client_admin, board_a, target_areas, editor_a):
    goals = [f.GoalFactory(organ=board_a, target_area=target_areas[i], year=2024) for i in range(3)]
    services.goal_delete(actor=editor_a, goal=goals[0])
    services.goal_create(
        actor=editor_a, organ=board_a, year=2024, title="Ersättare", target_area=target_areas[0]
    )
    response = client_admin.post(_restore_url("goal", goals[0].pk))
    assert (response.status_code, response["Location"]) == (302, "/borttaget/")
    assert _messages(response) == [
        "Nämnd A har redan 3 mål för 2024. En nämnd får ha högst 3 mål per planår (styrmodellens regel 1)."
    ]
    assert Goal.objects.filter(pk=goals[0].pk).exists() is False


def test_restore_of_an_unknown_type_or_a_living_item_is_404(client_admin, board_a, target_areas):
    goal = f.GoalFactory(organ=board_a, target_area=target_areas[0])
    assert client_admin.post(_restore_url("organ", goal.pk)).status_code == 404
    assert client_admin.post(_restore_url("goal", goal.pk)).status_code == 404
