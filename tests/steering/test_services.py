import pytest

from styrkraft.core.models import AuditRecord
from styrkraft.core.services import ConflictError
from styrkraft.steering import services
from tests import factories as f


def test_goal_update_records_old_and_new_values(board_a, target_areas, editor_a):
    goal = f.GoalFactory(organ=board_a, target_area=target_areas[0], title="Före")
    services.goal_update(actor=editor_a, goal=goal, expected_version=1, title="Efter")
    record = AuditRecord.objects.get(item_type="steering.goal", action="update")
    assert (record.actor, record.changes) == (editor_a, {"title": ["Före", "Efter"]})


def test_goal_update_on_stale_version_is_refused_and_keeps_the_other_change(
    board_a, target_areas, editor_a, editor_b
):
    goal = f.GoalFactory(organ=board_a, target_area=target_areas[0], title="Original")
    first = type(goal).objects.get(pk=goal.pk)
    second = type(goal).objects.get(pk=goal.pk)
    services.goal_update(actor=editor_a, goal=first, expected_version=1, title="Från A")
    with pytest.raises(ConflictError) as excinfo:
        services.goal_update(actor=editor_b, goal=second, expected_version=1, title="Från B")
    assert excinfo.value.current.title == "Från A"
    goal.refresh_from_db()
    assert (goal.title, goal.version) == ("Från A", 2)
