"""The services of steering documents (styrkraft.steering.documents): create, update with optimistic
locking, refused once decided, soft delete and restore, each with its audit record; and who may see and
change a document (styrkraft.org.permissions)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from styrkraft.core.models import AuditRecord
from styrkraft.core.services import ConflictError
from styrkraft.org import permissions
from styrkraft.steering import documents, states
from styrkraft.steering.models import Decision, RecordState, SteeringDocument
from tests import factories as f


@pytest.fixture
def document(board_a, editor_a):
    return documents.steering_document_create(
        actor=editor_a, owner=board_a, title="Cykelprogram", doc_type=SteeringDocument.Type.PROGRAM
    )


def _records(document) -> list[tuple[str, dict]]:
    return list(
        AuditRecord.objects.filter(item_type="steering.steeringdocument", item_id=str(document.pk))
        .order_by("id")
        .values_list("action", "changes")
    )


def _decided(document, council) -> SteeringDocument:
    decision = Decision.objects.create(
        municipality=document.municipality, body=council, decided_on=datetime.date(2024, 3, 4)
    )
    SteeringDocument.objects.filter(pk=document.pk).update(
        record_state=RecordState.DECIDED, decision=decision
    )
    return SteeringDocument.objects.get(pk=document.pk)


def test_create_makes_a_draft_with_a_code_and_an_audit_record(document, board_a, editor_a):
    stored = SteeringDocument.objects.get(pk=document.pk)
    assert (stored.code, stored.record_state, stored.validity, stored.owner_id, stored.is_public) == (
        "cykelprogram",
        "draft",
        "in_force",
        board_a.pk,
        True,
    )
    assert stored.municipality_id == board_a.municipality_id
    assert _records(document) == [
        (
            "create",
            {
                "title": [None, "Cykelprogram"],
                "doc_type": [None, "program"],
                "owner": [None, "Nämnd A"],
                "next_review": [None, None],
                "validity": [None, "in_force"],
                "is_public": [None, True],
            },
        )
    ]
    second = documents.steering_document_create(
        actor=editor_a, owner=board_a, title="Cykelprogram", doc_type=SteeringDocument.Type.POLICY
    )
    assert second.code == "cykelprogram-2"


def test_create_validates(board_a, editor_a):
    with pytest.raises(ValidationError) as raised:
        documents.steering_document_create(actor=editor_a, owner=board_a, title="X", doc_type="roman")
    assert "doc_type" in raised.value.message_dict
    assert not SteeringDocument.objects.exists()


def test_update_changes_the_fields_and_records_the_difference(document, editor_a):
    documents.steering_document_update(
        actor=editor_a,
        document=document,
        expected_version=1,
        title="Cykelprogram 2030",
        next_review=datetime.date(2026, 6, 1),
        validity=SteeringDocument.Validity.UNDER_REVISION,
    )
    stored = SteeringDocument.objects.get(pk=document.pk)
    assert (stored.title, stored.next_review, stored.validity, stored.version) == (
        "Cykelprogram 2030",
        datetime.date(2026, 6, 1),
        "under_revision",
        2,
    )
    assert _records(document)[-1] == (
        "update",
        {
            "title": ["Cykelprogram", "Cykelprogram 2030"],
            "next_review": [None, "2026-06-01"],
            "validity": ["in_force", "under_revision"],
        },
    )


def test_update_refuses_unknown_fields(document, editor_a):
    with pytest.raises(TypeError):
        documents.steering_document_update(
            actor=editor_a, document=document, expected_version=1, record_state="decided"
        )


def test_the_second_of_two_saves_from_the_same_version_is_a_conflict(document, editor_a, editor_b):
    first = SteeringDocument.objects.get(pk=document.pk)
    second = SteeringDocument.objects.get(pk=document.pk)
    documents.steering_document_update(actor=editor_a, document=first, expected_version=1, title="A")
    with pytest.raises(ConflictError) as raised:
        documents.steering_document_update(actor=editor_b, document=second, expected_version=1, title="B")
    assert raised.value.current.title == "A"
    assert SteeringDocument.objects.get(pk=document.pk).title == "A"
    assert [action for action, _changes in _records(document)] == ["create", "update"]


def test_owner_of_another_municipality_is_refused(document, editor_a):
    other = f.OrganFactory(name="Annan kommuns nämnd")
    with pytest.raises(ValidationError) as raised:
        documents.steering_document_update(actor=editor_a, document=document, expected_version=1, owner=other)
    assert raised.value.message_dict == {"owner": ["Organet hör till en annan kommun."]}
    assert (
        SteeringDocument.objects.get(pk=document.pk).owner_id
        == document.municipality.organs.get(slug="namnd-a").pk
    )


@pytest.mark.parametrize("state", [RecordState.DECIDED, RecordState.SUPERSEDED])
def test_a_decided_document_is_neither_changed_nor_deleted(document, council, editor_a, state):
    decided = _decided(document, council)
    SteeringDocument.objects.filter(pk=document.pk).update(record_state=state)
    decided.record_state = state
    # A replaced version is never called beslutat alone (styrkraft.lifecycle).
    changed, deleted = (
        ("”Cykelprogram” är beslutat och kan inte ändras.", "Styrdokumentet ”Cykelprogram” är beslutat")
        if state == RecordState.DECIDED
        else ("”Cykelprogram” är ersatt av en ny version och kan varken ändras eller tas bort.",) * 2
    )
    with pytest.raises(ValidationError, match=changed):
        documents.steering_document_update(
            actor=editor_a, document=decided, expected_version=decided.version, title="Nytt"
        )
    with pytest.raises(ValidationError, match=deleted):
        documents.steering_document_delete(actor=editor_a, document=decided)
    stored = SteeringDocument.objects.get(pk=document.pk)
    assert (stored.title, stored.deleted_at) == ("Cykelprogram", None)
    assert [action for action, _changes in _records(document)] == ["create"]


def test_a_finalised_document_may_still_be_changed(document, editor_a):
    states.steering_document_set_state(actor=editor_a, document=document, state="ready", expected_version=1)
    documents.steering_document_update(actor=editor_a, document=document, expected_version=2, title="Nytt")
    assert SteeringDocument.objects.get(pk=document.pk).title == "Nytt"


def test_delete_is_soft_and_restore_brings_it_back(document, editor_a, admin_user):
    documents.steering_document_delete(actor=editor_a, document=document)
    assert not SteeringDocument.objects.filter(pk=document.pk).exists()
    deleted = SteeringDocument.all_objects.get(pk=document.pk)
    assert deleted.deleted_by == editor_a
    documents.steering_document_restore(actor=admin_user, document=deleted)
    assert SteeringDocument.objects.filter(pk=document.pk, deleted_by=None).exists()
    assert [action for action, _changes in _records(document)] == ["create", "delete", "restore"]


# --- Permissions -------------------------------------------------------------------------------------


def test_who_may_create_and_edit(document, board_a, editor_a, editor_b, reader_a, admin_user, council):
    for user, allowed in ((editor_a, True), (admin_user, True), (editor_b, False), (reader_a, False)):
        assert permissions.can_create_document(user, board_a) is allowed
        assert permissions.can_edit_document(user, document) is allowed
    # An editor of the council edits the documents of the boards below it.
    council_editor = f.OrganRoleFactory(organ=council).user
    assert permissions.can_edit_document(council_editor, document) is True
    assert permissions.can_decide(editor_a, board_a) is False
    assert permissions.can_decide(admin_user, board_a) is True


@pytest.mark.parametrize(
    ("state", "is_public", "visitor_sees"),
    [
        ("draft", True, False),
        ("ready", True, True),
        ("decided", True, True),
        ("superseded", True, True),
        ("decided", False, False),
    ],
)
def test_visibility(board_a, editor_a, editor_b, reader_a, state, is_public, visitor_sees):
    from django.contrib.auth.models import AnonymousUser

    document = f.SteeringDocumentFactory(owner=board_a, record_state=state, is_public=is_public)
    assert permissions.visibility(AnonymousUser()).can_see_document(document) is visitor_sees
    assert permissions.visibility(editor_b).can_see_document(document) is visitor_sees
    for user in (editor_a, reader_a):
        assert permissions.visibility(user).can_see_document(document) is True
    assert permissions.can_view_history(AnonymousUser(), document) is visitor_sees
