"""New versions of decided assignments and steering documents: a draft beside the decided one, which
stays in force (and readable as decided) until the new version is decided and replaces it."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from styrkraft.core.models import AuditRecord
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
            actor=editor_a, assignment=old, expected_version=old.version, status="closed"
        )
    with pytest.raises(ValidationError, match="kan inte tas bort"):
        services.assignment_delete(actor=editor_a, assignment=old)


def test_a_new_document_version_replaces_the_decided_one_when_decided(
    decided_document, editor_a, admin_user, council
):
    old = decided_document
    new = versions.steering_document_new_version(actor=editor_a, document=old)
    assert (new.record_state, new.supersedes_id, new.decided_by_id, new.decided_on, new.paragraph) == (
        "draft",
        old.pk,
        None,
        None,
        "",
    )
    assert (new.title, new.owner_id, new.doc_type) == (old.title, old.owner_id, old.doc_type)
    states.steering_document_set_state(actor=editor_a, document=new, state="ready", expected_version=1)
    states.steering_document_decide(
        actor=admin_user, document=new, body=council, decided_on=DAY, paragraph="30", expected_version=2
    )
    old.refresh_from_db()
    assert old.record_state == "superseded" and old.paragraph == "12"  # readable as it was decided
    with pytest.raises(ValidationError, match="är beslutat"):
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
        "En nyare version finns"
        in client_a.get(reverse("steering:assignment", args=[old.pk])).content.decode()
    )
    visitor = anonymous.get(reverse("steering:assignment", args=[old.pk])).content.decode()
    assert "En nyare version finns" not in visitor and "Ny version" not in visitor
    history = client_a.get(reverse("core:history", args=["steering.assignment", new.pk])).content.decode()
    assert "Version 2." in history and "Den version som gäller är" in history
    again = client_a.post(url, follow=True).content.decode()
    assert "redan under arbete" in again and Assignment.objects.count() == 2
