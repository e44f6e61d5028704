from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from styrkraft.core.models import AuditRecord
from styrkraft.steering.models import Decision, Goal, RecordState
from tests import factories as f

ARGS = ["--organ", "namnd-a", "--year", "2024", "--body", "kf", "--date", "2023-11-16"]


@pytest.fixture
def ready_goals(board_a, target_areas):
    goals = []
    for area in target_areas[:2]:
        goal = f.GoalFactory(organ=board_a, target_area=area, record_state=RecordState.READY)
        f.IndicatorTargetFactory(indicator=f.IndicatorFactory(goal=goal), year=2026)
        goals.append(goal)
    return goals


def test_decide_records_the_decision(council, ready_goals):
    out = StringIO()
    call_command("decide", *ARGS, "--paragraph", "212", "--case-number", "KS 2023/00456", stdout=out)
    decision = Decision.objects.get()
    assert out.getvalue() == (
        "Målen för Nämnd A 2024 är beslutade (2 mål): Kommunfullmäktige, 2023-11-16, § 212, dnr KS 2023/00456.\n"
    )
    assert set(Goal.objects.values_list("record_state", "decision_id")) == {("decided", decision.pk)}
    # The decision, the two goals and their indicators' targets.
    assert sorted(AuditRecord.objects.values_list("action", "item_type", "actor_label")) == [
        ("create", "steering.decision", "kommando"),
        ("decide", "indicators.indicator", "kommando"),
        ("decide", "indicators.indicator", "kommando"),
        ("decide", "steering.goal", "kommando"),
        ("decide", "steering.goal", "kommando"),
    ]


def test_refusal_lists_the_reasons_and_exits_1(council, board_a, ready_goals):
    f.GoalFactory(organ=board_a, target_area=ready_goals[0].target_area, title="Utkastet")
    with pytest.raises(CommandError) as excinfo:
        call_command("decide", *ARGS)
    assert str(excinfo.value) == "Planåret beslutades inte:\nDessa mål är inte klara för beslut: ”Utkastet”."
    assert excinfo.value.returncode == 1
    assert (Decision.objects.count(), AuditRecord.objects.count()) == (0, 0)


def test_refusal_without_goals(council, board_a):
    with pytest.raises(CommandError) as excinfo:
        call_command("decide", *ARGS)
    assert str(excinfo.value) == "Planåret beslutades inte:\nNämnd A har inga mål för 2024 att besluta."


def test_unknown_organ(council, board_a):
    with pytest.raises(CommandError) as excinfo:
        call_command("decide", "--organ", "okand", *ARGS[2:])
    assert str(excinfo.value) == "Det finns inget organ med kortnamnet ”okand”. Organ som finns: kf, namnd-a."


def test_unknown_body(council, ready_goals):
    with pytest.raises(CommandError) as excinfo:
        call_command("decide", *ARGS[:4], "--body", "styrelsen", "--date", "2023-11-16")
    assert str(excinfo.value) == (
        "Det finns inget beslutande organ ”styrelsen” i Testkommun. Välj ett av: kf, namnd-a."
    )


def test_bad_date(council, ready_goals):
    with pytest.raises(CommandError) as excinfo:
        call_command("decide", *ARGS[:6], "--date", "16/11/2023")
    assert str(excinfo.value) == "Ogiltigt datum ”16/11/2023”; skriv det som 2023-11-16."
    assert Decision.objects.count() == 0
