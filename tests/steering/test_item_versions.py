"""New versions of decided assignments and steering documents: a draft beside the decided one, which
stays in force (and readable as decided) until the new version is decided and replaces it."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from styrkraft.core.models import AuditRecord
from styrkraft.indicators import services as indicator_services
from styrkraft.indicators import states as target_states
from styrkraft.org.permissions import visibility
from styrkraft.steering import queries, services, states, versions
from styrkraft.steering.models import Assignment, RecordState, SteeringDocument
from tests import factories as f

DAY = datetime.date(2023, 11, 16)


@pytest.fixture(autouse=True)
def _swedish():
    with translation.override("sv"):
        yield


@pytest.fixture
def decided_assignment(board_a, board_b, council, editor_a, admin_user):
    assignment = f.AssignmentFactory(
        giver=board_a, receiver=board_b, year=2024, record_state=RecordState.READY
    )
    states.assignment_decide(
        actor=admin_user,
        assignment=assignment,
        body=council,
        decided_on=DAY,
        paragraph="7",
        expected_version=1,
    )
    return Assignment.objects.get(pk=assignment.pk)


@pytest.fixture
def decided_document(board_a, council, admin_user):
    document = f.SteeringDocumentFactory(
        owner=board_a, decided_by=None, decided_on=None, record_state=RecordState.READY
    )
    states.steering_document_decide(
        actor=admin_user, document=document, body=council, decided_on=DAY, paragraph="12", expected_version=1
    )
    return SteeringDocument.objects.get(pk=document.pk)


def test_a_new_assignment_version_replaces_the_decided_one_when_decided(
    decided_assignment, editor_a, admin_user, council
):
    old = decided_assignment
    new = versions.assignment_new_version(actor=editor_a, assignment=old)
    assert (new.record_state, new.decision_id, new.supersedes_id) == ("draft", None, old.pk)
    assert (new.title, new.giver_id, new.receiver_id, new.year) == (
        old.title,
        old.giver_id,
        old.receiver_id,
        2024,
    )
    assert new.code == f"{old.code}-v2"
    created = AuditRecord.objects.filter(item_type="steering.assignment", item_id=str(new.pk)).get()
    assert created.action == "create" and "(version 1)" in created.changes["supersedes"][1]
    # The new version's terms may change; the decided one stays as it was and stays in force.
    services.assignment_update(actor=editor_a, assignment=new, expected_version=1, title="Skarpare uppdrag")
    chain = versions.lineage(new)
    assert [a.pk for a in chain] == [old.pk, new.pk]
    assert versions.in_force(chain).pk == old.pk
    with pytest.raises(ValidationError, match="redan under arbete"):
        versions.assignment_new_version(actor=editor_a, assignment=old)
    with pytest.raises(ValidationError, match="Bara ett beslutat uppdrag"):
        versions.assignment_new_version(actor=editor_a, assignment=new)

    new.refresh_from_db()
    states.assignment_set_state(actor=editor_a, assignment=new, state="ready", expected_version=new.version)
    states.assignment_decide(
        actor=admin_user, assignment=new, body=council, decided_on=DAY, expected_version=new.version
    )
    old.refresh_from_db()
    assert old.record_state == "superseded"
    assert versions.in_force(versions.lineage(old)).pk == new.pk
    assert AuditRecord.objects.filter(
        item_type="steering.assignment", item_id=str(old.pk), action="state"
    ).get().changes == {"record_state": ["decided", "superseded"]}
    # The replaced version is frozen: not even its progress changes, and it cannot be deleted.
    with pytest.raises(ValidationError, match="ersatt av en ny version"):
        services.assignment_update(
            actor=editor_a, assignment=old, expected_version=old.version, progress="closed"
        )
    with pytest.raises(ValidationError, match="ersatt av en ny version och kan varken ändras eller tas bort"):
        services.assignment_delete(actor=editor_a, assignment=old)


def test_a_new_document_version_replaces_the_decided_one_when_decided(
    decided_document, editor_a, admin_user, council
):
    old = decided_document
    new = versions.steering_document_new_version(actor=editor_a, document=old)
    assert (new.record_state, new.supersedes_id, new.decision_id) == (
        "draft",
        old.pk,
        None,
    )
    assert (new.title, new.owner_id, new.doc_type) == (old.title, old.owner_id, old.doc_type)
    states.steering_document_set_state(actor=editor_a, document=new, state="ready", expected_version=1)
    states.steering_document_decide(
        actor=admin_user, document=new, body=council, decided_on=DAY, paragraph="30", expected_version=2
    )
    old.refresh_from_db()
    assert old.record_state == "superseded" and old.decision.paragraph == "12"  # readable as it was decided
    with pytest.raises(ValidationError, match="är ersatt av en ny version"):
        states.steering_document_set_state(
            actor=editor_a, document=old, state="draft", expected_version=old.version
        )


def test_lists_show_the_newest_version_one_may_see(decided_assignment, editor_a, admin_user, board_a):
    old = decided_assignment
    new = versions.assignment_new_version(actor=editor_a, assignment=old)
    page = queries.organ_page(board_a.municipality, board_a.slug, 2024, [2024], visibility(editor_a))
    assert [a.pk for a in page.assignments_given] == [new.pk]
    page = queries.organ_page(board_a.municipality, board_a.slug, 2024, [2024], visibility(AnonymousUser()))
    assert [a.pk for a in page.assignments_given] == [old.pk]  # a visitor sees no draft


def test_new_assignment_version_on_the_site(client_a, client_b, anonymous, decided_assignment):
    old = decided_assignment
    url = reverse("steering:assignment_new_version", args=[old.pk])
    page = client_a.get(reverse("steering:assignment", args=[old.pk])).content.decode()
    assert f'action="{url}"' in page and "Ta bort uppdraget" not in page
    assert client_b.post(url).status_code == 403  # the receiver's editor does not change the terms
    assert anonymous.post(url).status_code == 302
    assert Assignment.objects.count() == 1
    response = client_a.post(url)
    new = Assignment.objects.get(supersedes=old)
    assert response["Location"] == reverse("steering:assignment", args=[new.pk])
    html = client_a.get(response["Location"]).content.decode()
    assert "Version 2." in html and "beslutad Kommunfullmäktige, 2023-11-16, § 7" in html
    assert (
        "En nyare version</a> finns"
        in client_a.get(reverse("steering:assignment", args=[old.pk])).content.decode()
    )
    visitor = anonymous.get(reverse("steering:assignment", args=[old.pk])).content.decode()
    assert "En nyare version</a> finns" not in visitor and "Ny version" not in visitor
    history = client_a.get(reverse("core:history", args=["steering.assignment", new.pk])).content.decode()
    assert "Version 2." in history and "Den version som gäller</a> är beslutad" in history
    again = client_a.post(url, follow=True).content.decode()
    assert "redan under arbete" in again and Assignment.objects.count() == 2


def test_a_new_version_of_targets_keeps_the_decided_ones_in_force(board_a, council, editor_a, admin_user):
    indicator = f.IndicatorFactory(organ=board_a, goal=None, title="Nöjda brukare")
    f.IndicatorTargetFactory(indicator=indicator, year=2026, value=Decimal("80"))
    target_states.indicator_targets_set_state(
        actor=editor_a, indicator=indicator, state="ready", expected_version=1
    )
    target_states.indicator_targets_decide(
        actor=admin_user, indicator=indicator, body=board_a, decided_on=DAY, paragraph="3", expected_version=2
    )
    indicator.refresh_from_db()
    first = indicator.targets_decision
    assert indicator.decided_targets == {"2026": "80.00"}
    with pytest.raises(ValidationError, match="ny version av målvärdena"):
        indicator_services.indicator_target_set(
            actor=editor_a, indicator=indicator, year=2026, value=Decimal("85")
        )

    target_states.indicator_targets_new_version(actor=editor_a, indicator=indicator, expected_version=3)
    indicator_services.indicator_target_set(
        actor=editor_a, indicator=indicator, year=2026, value=Decimal("85")
    )
    indicator.refresh_from_db()
    # The draft is changed; the decided targets and their decision stay, in force.
    assert (indicator.targets_state, indicator.targets_decision_id) == ("draft", first.pk)
    assert indicator.decided_target_list == [(2026, Decimal("80.00"))]
    with pytest.raises(ValidationError, match="Bara beslutade målvärden"):
        target_states.indicator_targets_new_version(
            actor=editor_a, indicator=indicator, expected_version=indicator.version
        )

    target_states.indicator_targets_set_state(
        actor=editor_a, indicator=indicator, state="ready", expected_version=indicator.version
    )
    second = target_states.indicator_targets_decide(
        actor=admin_user,
        indicator=indicator,
        body=board_a,
        decided_on=DAY,
        paragraph="9",
        expected_version=indicator.version,
    )
    indicator.refresh_from_db()
    assert (indicator.targets_decision_id, indicator.decided_targets) == (second.pk, {"2026": "85.00"})
    decide = AuditRecord.objects.filter(
        item_type="indicators.indicator", item_id=str(indicator.pk), action="decide"
    )
    assert [r.changes["decision"] for r in decide.order_by("pk")] == [
        [None, str(first)],
        [str(first), str(second)],
    ]


def test_targets_of_a_decided_goal_get_no_version_of_their_own(
    board_a, target_areas, council, editor_a, admin_user
):
    goal = f.GoalFactory(organ=board_a, target_area=target_areas[0], record_state="ready")
    f.GoalFactory(organ=board_a, target_area=target_areas[1], record_state="ready")
    indicator = f.IndicatorFactory(goal=goal)
    f.IndicatorTargetFactory(indicator=indicator, year=2026, value=Decimal("50"))
    services.plan_year_decide(actor=admin_user, organ=board_a, year=goal.year, body=council, decided_on=DAY)
    indicator.refresh_from_db()
    assert indicator.decided_targets == {"2026": "50.00"}
    with pytest.raises(ValidationError, match="beslutas med målet"):
        target_states.indicator_targets_new_version(
            actor=editor_a, indicator=indicator, expected_version=indicator.version
        )


def test_new_targets_version_on_the_figures_page(client_a, board_a, editor_a, admin_user):
    indicator = f.IndicatorFactory(organ=board_a, goal=None, title="Nöjda brukare")
    f.IndicatorTargetFactory(indicator=indicator, year=2026, value=Decimal("80.5"))
    target_states.indicator_targets_set_state(
        actor=editor_a, indicator=indicator, state="ready", expected_version=1
    )
    target_states.indicator_targets_decide(
        actor=admin_user, indicator=indicator, body=board_a, decided_on=DAY, expected_version=2
    )
    figures = reverse("indicators:figures", args=[indicator.pk])
    url = reverse("indicators:targets_new_version", args=[indicator.pk])
    assert f'action="{url}"' in client_a.get(figures).content.decode()
    stale = client_a.post(url, {"version": "1"}, follow=True).content.decode()
    assert "Någon annan har ändrat" in stale
    page = client_a.post(url, {"version": "3"}, follow=True).content.decode()
    assert "En ny version av målvärdena är ett utkast" in page
    assert "Gällande målvärden, beslutade" in page and "2026: 80,5" in page
    detail = client_a.get(reverse("indicators:detail", args=[indicator.pk])).content.decode()
    assert "Gällande målvärden, beslutade" in detail


def test_new_document_version_on_the_site(client_a, client_b, anonymous, decided_document):
    old = decided_document
    url = reverse("steering:document_new_version", args=[old.pk])
    page = client_a.get(reverse("steering:document", args=[old.pk])).content.decode()
    assert f'action="{url}"' in page
    assert client_b.post(url).status_code == 403
    assert anonymous.post(url).status_code == 302
    response = client_a.post(url)
    new = SteeringDocument.objects.get(supersedes=old)
    assert response["Location"] == reverse("steering:document", args=[new.pk])
    html = client_a.get(response["Location"]).content.decode()
    assert "Version 2." in html and "beslutad Kommunfullmäktige, 2023-11-16, § 12" in html
    assert "Ändra styrdokument" in html
    visitor = anonymous.get(reverse("steering:document", args=[old.pk])).content.decode()
    assert "En nyare version</a> finns" not in visitor and "Ny version" not in visitor
    assert (
        "En nyare version</a> finns"
        in client_a.get(reverse("steering:document", args=[old.pk])).content.decode()
    )
    history = client_a.get(
        reverse("core:history", args=["steering.steeringdocument", new.pk])
    ).content.decode()
    assert "Version 2." in history and "Den version som gäller</a> är beslutad" in history
