import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from styrkraft.core.models import AuditRecord
from styrkraft.indicators import services as indicator_services
from styrkraft.steering import services
from styrkraft.steering.models import Decision, Goal, RecordState
from tests import factories as f


@pytest.fixture
def ready_goals(board_a, target_areas):
    goals = []
    for area in target_areas[:2]:
        goal = f.GoalFactory(organ=board_a, target_area=area, record_state=RecordState.READY)
        f.IndicatorTargetFactory(indicator=f.IndicatorFactory(goal=goal), year=2026)
        goals.append(goal)
    return goals


def _decide(actor, organ, council):
    return services.plan_year_decide(
        actor=actor,
        organ=organ,
        year=2024,
        body=council,
        decided_on=datetime.date(2023, 11, 16),
        paragraph="212",
        case_number="KS 2023/00456",
    )


def test_plan_year_decide_records_one_decision_for_every_goal(board_a, council, ready_goals, admin_user):
    decision = _decide(admin_user, board_a, council)
    assert str(decision) == "Kommunfullmäktige, 2023-11-16, § 212, dnr KS 2023/00456"
    assert {(g.record_state, g.decision_id) for g in Goal.objects.filter(organ=board_a)} == {
        ("decided", decision.pk)
    }
    assert AuditRecord.objects.filter(action="decide", item_type="steering.goal").count() == 2


def test_plan_year_decide_refused_while_a_goal_is_a_draft(board_a, council, ready_goals, admin_user):
    draft = f.GoalFactory(organ=board_a, target_area=ready_goals[0].target_area, title="Utkastet")
    with pytest.raises(ValidationError) as excinfo:
        _decide(admin_user, board_a, council)
    assert excinfo.value.messages == ["Dessa mål är inte klara för beslut: ”Utkastet”."]
    assert Decision.objects.count() == 0
    draft.refresh_from_db()
    assert draft.record_state == RecordState.DRAFT


def test_decided_goal_is_frozen(board_a, council, ready_goals, admin_user, editor_a):
    _decide(admin_user, board_a, council)
    goal = Goal.objects.get(pk=ready_goals[0].pk)
    message = f"Målet ”{goal.title}” är beslutat (Kommunfullmäktige, 2023-11-16, § 212, dnr KS 2023/00456) och kan inte ändras."
    for attempt in (
        lambda: services.goal_update(actor=editor_a, goal=goal, expected_version=goal.version, title="Nytt"),
        lambda: services.goal_set_status(
            actor=editor_a, goal=goal, status="draft", expected_version=goal.version
        ),
        lambda: services.goal_delete(actor=editor_a, goal=goal),
        lambda: indicator_services.indicator_target_set(
            actor=editor_a, indicator=goal.indicators.get(), year=2026, value=Decimal("1")
        ),
    ):
        with pytest.raises(ValidationError) as excinfo:
            attempt()
        assert excinfo.value.messages == [message]
    goal.refresh_from_db()
    assert (goal.title, goal.record_state, goal.deleted_at) == (ready_goals[0].title, "decided", None)


def test_outcomes_of_a_decided_goal_may_still_be_entered(board_a, council, ready_goals, admin_user, editor_a):
    _decide(admin_user, board_a, council)
    indicator = ready_goals[0].indicators.get()
    indicator_services.indicator_value_set(
        actor=editor_a, indicator=indicator, year=2024, value=Decimal("55.5")
    )
    assert indicator.values.get(year=2024).value == Decimal("55.5")


def test_goal_delete_is_soft_and_restore_brings_it_back(board_a, target_areas, editor_a, admin_user):
    goal = f.GoalFactory(organ=board_a, target_area=target_areas[0])
    services.goal_delete(actor=editor_a, goal=goal)
    assert Goal.objects.filter(pk=goal.pk).exists() is False
    assert Goal.all_objects.get(pk=goal.pk).deleted_by == editor_a
    services.goal_restore(actor=admin_user, goal=Goal.all_objects.get(pk=goal.pk))
    assert Goal.objects.filter(pk=goal.pk).exists() is True
    assert list(AuditRecord.objects.filter(item_id=str(goal.pk)).values_list("action", flat=True)) == [
        "restore",
        "delete",
    ]


def test_deleted_goal_frees_its_place_and_restore_respects_the_limit(
    board_a, target_areas, editor_a, admin_user
):
    goals = [f.GoalFactory(organ=board_a, target_area=target_areas[i % 2]) for i in range(3)]
    services.goal_delete(actor=editor_a, goal=goals[0])
    services.goal_create(
        actor=editor_a, organ=board_a, year=2024, title="Ersättare", target_area=target_areas[2]
    )
    with pytest.raises(ValidationError) as excinfo:
        services.goal_restore(actor=admin_user, goal=Goal.all_objects.get(pk=goals[0].pk))
    assert excinfo.value.messages == [
        "Nämnd A har redan 3 mål för 2024. En nämnd får ha högst 3 mål per planår (styrmodellens regel 1)."
    ]


def test_goal_page_shows_the_decision_reference(board_a, council, ready_goals, admin_user, anonymous):
    _decide(admin_user, board_a, council)
    html = anonymous.get(f"/mal/{ready_goals[0].pk}/").content.decode()
    assert "Beslut: Kommunfullmäktige, 2023-11-16, § 212, dnr KS 2023/00456" in html
    assert 'class="status status-decided">beslutad<' in html
