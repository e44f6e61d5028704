"""Records states of assignments, steering documents and targets; new versions of decided goals."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from styrkraft import lifecycle
from styrkraft.core.models import AuditRecord
from styrkraft.indicators import services as indicator_services
from styrkraft.indicators import states as target_states
from styrkraft.indicators.models import Indicator
from styrkraft.steering import rules, services, states, versions
from styrkraft.steering.models import Goal, RecordState
from tests import factories as f

DAY = datetime.date(2023, 11, 16)


@pytest.fixture
def decided_goals(board_a, council, target_areas, admin_user):
    goals = []
    for area in target_areas[:2]:
        goal = f.GoalFactory(organ=board_a, target_area=area, record_state=RecordState.READY)
        f.IndicatorTargetFactory(indicator=f.IndicatorFactory(goal=goal), year=2026, value=Decimal("50"))
        goals.append(goal)
    services.plan_year_decide(actor=admin_user, organ=board_a, year=2024, body=council, decided_on=DAY)
    return [Goal.objects.get(pk=g.pk) for g in goals]


def test_deciding_the_plan_year_decides_the_targets_and_freezes_them(decided_goals, editor_a):
    indicator = Indicator.objects.get(goal=decided_goals[0])
    assert (indicator.targets_state, indicator.targets_decision_id) == (
        "decided",
        decided_goals[0].decision_id,
    )
    with pytest.raises(ValidationError, match="är beslutat"):
        indicator_services.indicator_target_set(
            actor=editor_a, indicator=indicator, year=2026, value=Decimal("1")
        )
    # Outcomes are follow-up and may still be entered.
    indicator_services.indicator_value_set(actor=editor_a, indicator=indicator, year=2024, value=Decimal("3"))


def test_a_new_version_is_a_draft_beside_the_decided_goal(
    decided_goals, editor_a, admin_user, board_a, council
):
    old = decided_goals[0]
    new = versions.goal_new_version(actor=editor_a, goal=old)
    assert (new.record_state, new.supersedes_id, new.year, new.organ_id) == (
        "draft",
        old.pk,
        2024,
        board_a.pk,
    )
    assert new.indicators.count() == 1
    copied = new.indicators.get()
    assert (copied.targets_state, list(copied.targets.values_list("year", "value"))) == (
        "draft",
        [(2026, Decimal("50.00"))],
    )
    assert lifecycle.version_number(new) == 2
    assert [g.pk for g in versions.lineage(new)] == [old.pk, new.pk]
    assert versions.in_force(versions.lineage(new)).pk == old.pk
    # A lineage counts once for the goal limit: the organ still has 2 goals for 2024.
    assert services.goal_lineages(board_a, 2024) == 2
    with pytest.raises(ValidationError, match="redan under arbete"):
        versions.goal_new_version(actor=editor_a, goal=old)
    with pytest.raises(ValidationError, match="Bara ett beslutat mål"):
        versions.goal_new_version(actor=editor_a, goal=new)
    # The decided version stays as it was; the draft is edited and decided with the plan year.
    services.goal_update(actor=editor_a, goal=new, expected_version=new.version, title="Nytt ord")
    new.refresh_from_db()
    services.goal_set_status(actor=editor_a, goal=new, status="ready", expected_version=new.version)
    decision = services.plan_year_decide(
        actor=admin_user, organ=board_a, year=2024, body=council, decided_on=datetime.date(2024, 6, 1)
    )
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.record_state, new.record_state, new.decision_id) == ("superseded", "decided", decision.pk)
    assert old.title != "Nytt ord" and old.decision_id != decision.pk
    assert versions.in_force(versions.lineage(old)).pk == new.pk
    assert AuditRecord.objects.filter(item_id=str(old.pk), action="state").exists()
    with pytest.raises(ValidationError):
        services.goal_update(actor=admin_user, goal=old, expected_version=old.version, title="x")


def test_rules_count_the_newest_version_only(decided_goals, editor_a, board_a, target_areas):
    third = f.GoalFactory(
        organ=board_a, target_area=target_areas[2], record_state="decided", decision=decided_goals[0].decision
    )
    versions.goal_new_version(actor=editor_a, goal=third)
    assert Goal.objects.filter(organ=board_a, year=2024).count() == 4
    found = rules.findings_for_year(board_a.municipality, 2024, organ=board_a)
    assert not [x for x in found if x.rule == rules.GOAL_LIMIT]


def test_assignment_states(board_a, board_b, council, editor_a, admin_user):
    assignment = f.AssignmentFactory(
        giver=board_a, receiver=board_b, record_state=RecordState.DRAFT, deadline=None
    )
    with pytest.raises(ValidationError, match="kan inte upprättas"):
        states.assignment_set_state(actor=editor_a, assignment=assignment, state="ready", expected_version=1)
    services.assignment_update(
        actor=editor_a, assignment=assignment, expected_version=1, deadline=datetime.date(2024, 11, 30)
    )
    with pytest.raises(ValidationError, match="måste vara upprättat"):
        states.assignment_decide(
            actor=admin_user, assignment=assignment, body=council, decided_on=DAY, expected_version=2
        )
    states.assignment_set_state(actor=editor_a, assignment=assignment, state="ready", expected_version=2)
    with pytest.raises(ValidationError, match="beslutsreferens"):
        states.assignment_set_state(
            actor=editor_a, assignment=assignment, state="decided", expected_version=3
        )
    decision = states.assignment_decide(
        actor=admin_user,
        assignment=assignment,
        body=council,
        decided_on=DAY,
        paragraph="7",
        expected_version=3,
    )
    assignment.refresh_from_db()
    assert (assignment.record_state, assignment.decision_id, str(decision)) == (
        "decided",
        decision.pk,
        "Kommunfullmäktige, 2023-11-16, § 7",
    )
    with pytest.raises(ValidationError, match="bara hur arbetet går"):
        services.assignment_update(actor=editor_a, assignment=assignment, expected_version=4, title="Annat")
    services.assignment_update(actor=editor_a, assignment=assignment, expected_version=4, progress="ongoing")
    with pytest.raises(ValidationError, match="är beslutat"):
        states.assignment_set_state(actor=editor_a, assignment=assignment, state="draft", expected_version=5)


def test_steering_document_and_target_states(board_a, council, admin_user, editor_a):
    document = f.SteeringDocumentFactory(
        owner=board_a, decided_by=None, decided_on=None, record_state=RecordState.DRAFT
    )
    states.steering_document_set_state(actor=editor_a, document=document, state="ready", expected_version=1)
    states.steering_document_decide(
        actor=admin_user,
        document=document,
        body=council,
        decided_on=DAY,
        case_number="KS 2023/1",
        expected_version=2,
    )
    document.refresh_from_db()
    assert (document.record_state, document.decision.body_id, document.decision.case_number) == (
        "decided",
        council.pk,
        "KS 2023/1",
    )

    indicator = f.IndicatorFactory(organ=board_a, goal=None)
    with pytest.raises(ValidationError, match="inga målvärden"):
        target_states.indicator_targets_set_state(
            actor=editor_a, indicator=indicator, state="ready", expected_version=1
        )
    f.IndicatorTargetFactory(indicator=indicator, year=2026)
    target_states.indicator_targets_set_state(
        actor=editor_a, indicator=indicator, state="ready", expected_version=1
    )
    target_states.indicator_targets_decide(
        actor=admin_user, indicator=indicator, body=board_a, decided_on=DAY, expected_version=2
    )
    indicator.refresh_from_db()
    with pytest.raises(ValidationError, match="är beslutade"):
        indicator_services.indicator_target_set(
            actor=editor_a, indicator=indicator, year=2026, value=Decimal("9")
        )


def test_new_version_on_the_site(client_a, client_b, anonymous, decided_goals):
    old = decided_goals[0]
    url = reverse("steering:goal_new_version", args=[old.pk])
    page = client_a.get(reverse("steering:goal", args=[old.pk])).content.decode()
    assert f'action="{url}"' in page and "Ändra mål" not in page
    assert client_b.post(url).status_code == 403
    assert anonymous.post(url).status_code == 302
    assert Goal.objects.count() == 2
    response = client_a.post(url)
    new = Goal.objects.get(supersedes=old)
    assert response["Location"] == reverse("steering:goal", args=[new.pk])
    html = client_a.get(response["Location"]).content.decode()
    assert "Version 2." in html and "beslutad Kommunfullmäktige, 2023-11-16" in html
    assert "Ändra mål" in html
    # The decided version's page points to the draft for those who see drafts; visitors see no draft.
    assert (
        "En nyare version</a> finns" in client_a.get(reverse("steering:goal", args=[old.pk])).content.decode()
    )
    visitor = anonymous.get(reverse("steering:goal", args=[old.pk])).content.decode()
    assert "En nyare version</a> finns" not in visitor and "Ny version" not in visitor
    # The chain shows the newest version once; the history of the new version says which is in force.
    chain = client_a.get(reverse("steering:organ", args=[old.organ.slug])).content.decode()
    assert chain.count(f'href="/mal/{new.pk}/"') >= 1 and f'href="/mal/{old.pk}/"' not in chain
    history = client_a.get(reverse("core:history", args=["steering.goal", new.pk])).content.decode()
    assert "Version 2." in history and "Den version som gäller</a> är beslutad" in history
    # A second new version of the same goal is refused with the reason.
    response = client_a.post(url, follow=True)
    assert "redan under arbete" in response.content.decode()
