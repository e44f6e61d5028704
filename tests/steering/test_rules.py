import pytest
from django.core.exceptions import ValidationError

from styrkraft.core.models import AuditRecord
from styrkraft.steering import rules, services
from styrkraft.steering.models import Goal, RecordState
from tests import factories as f


def test_goal_create_fourth_goal_refused_with_board_year_and_rule(board_a, target_areas, editor_a):
    for area in (target_areas[0], target_areas[1], target_areas[0]):
        services.goal_create(
            actor=editor_a, organ=board_a, year=2024, title=f"Mål {area.code}", target_area=area
        )
    with pytest.raises(ValidationError) as excinfo:
        services.goal_create(
            actor=editor_a, organ=board_a, year=2024, title="Ett fjärde mål", target_area=target_areas[2]
        )
    assert excinfo.value.messages == [
        "Nämnd A har redan 3 mål för 2024. En nämnd får ha högst 3 mål per planår (styrmodellens regel 1)."
    ]
    assert Goal.objects.filter(organ=board_a).count() == 3
    assert AuditRecord.objects.filter(item_type="steering.goal", action="create").count() == 3


def test_goal_limit_is_a_setting_per_municipality(board_a, target_areas, editor_a):
    board_a.municipality.max_goals_per_organ = 1
    board_a.municipality.save(update_fields=["max_goals_per_organ"])
    services.goal_create(actor=editor_a, organ=board_a, year=2024, title="Ett", target_area=target_areas[0])
    with pytest.raises(ValidationError):
        services.goal_create(
            actor=editor_a, organ=board_a, year=2024, title="Två", target_area=target_areas[1]
        )
    services.goal_create(
        actor=editor_a, organ=board_a, year=2025, title="Nästa år", target_area=target_areas[1]
    )


def test_findings_board_covering_one_target_area_is_an_error(board_a, target_areas):
    f.GoalFactory(organ=board_a, target_area=target_areas[0])
    f.GoalFactory(organ=board_a, target_area=target_areas[0])
    found = [
        x for x in rules.findings_for_year(board_a.municipality, 2024) if x.rule == rules.TARGET_AREA_COVERAGE
    ]
    assert found == [
        rules.Finding(
            rule="target_area_coverage",
            severity="error",
            organ="namnd-a",
            item="Målen för 2024",
            message="Nämnd A:s mål för 2024 täcker 1 målområde; minst 2 krävs (regel 2).",
        )
    ]


def test_findings_goal_missing_responsible_indicator_baseline_target(board_a, target_areas):
    goal = f.GoalFactory(organ=board_a, target_area=target_areas[0], responsible_organ=None, title="Tomt mål")
    assert {(x.rule, x.severity) for x in rules.goal_findings(goal)} == {
        ("goal_responsible", "error"),
        ("goal_indicator", "error"),
    }
    ind = f.IndicatorFactory(goal=goal, baseline_year=None, baseline_value=None)
    assert {x.rule for x in rules.goal_findings(goal)} == {"goal_responsible", "goal_baseline", "goal_target"}
    ind.baseline_year, ind.baseline_value = 2022, 10
    ind.save()
    f.IndicatorTargetFactory(indicator=ind)
    assert {x.rule for x in rules.goal_findings(goal)} == {"goal_responsible"}


def test_findings_assignment_without_deadline_or_receiver(board_a):
    a = f.AssignmentFactory(giver=board_a, receiver=None, deadline=None, report_back="")
    assert [(x.rule, x.severity) for x in rules.assignment_findings(a)] == [
        ("assignment_receiver", "error"),
        ("assignment_deadline", "error"),
        ("assignment_report_back", "warning"),
    ]


def test_goal_with_error_cannot_be_set_ready(board_a, target_areas, editor_a):
    goal = f.GoalFactory(organ=board_a, target_area=target_areas[0])
    with pytest.raises(ValidationError) as excinfo:
        services.goal_set_status(
            actor=editor_a, goal=goal, status=RecordState.READY, expected_version=goal.version
        )
    assert excinfo.value.messages == ["Målet kan inte sättas till ”upprättad”: Målet saknar nyckeltal."]
    goal.refresh_from_db()
    assert goal.record_state == RecordState.DRAFT


def test_goal_complete_can_be_set_ready(board_a, target_areas, editor_a):
    goal = f.GoalFactory(organ=board_a, target_area=target_areas[0])
    f.IndicatorTargetFactory(indicator=f.IndicatorFactory(goal=goal))
    services.goal_set_status(
        actor=editor_a, goal=goal, status=RecordState.READY, expected_version=goal.version
    )
    goal.refresh_from_db()
    assert (goal.record_state, goal.version) == (RecordState.READY, 2)
