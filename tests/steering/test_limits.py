"""Limits of what is typed (issue 8, point 7): free texts have a maximum, a decision's § and diarienummer
a format, dates a plausible range relative to their plan year and decision. What is impossible is
refused by the form, the service (full_clean) and the model file alike; what is odd is a warning."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from styrkraft.core.models import AuditRecord
from styrkraft.steering import rules, services, states
from styrkraft.steering.models import Assignment, Goal, RecordState, SteeringDocument
from tests import factories as f

LONG = "x" * 100_000


def _field_errors(response, field: str) -> list[str]:
    assert response.status_code == 200, response.get("Location")
    return response.context["form"].errors.get(field, [])


# --- Free texts ------------------------------------------------------------------------------------


def test_a_rationale_of_100000_characters_is_refused_by_the_form(client_a, board_a, target_areas):
    goal = f.GoalFactory(organ=board_a, target_area=target_areas[0], rationale="Kort.")
    records = AuditRecord.objects.count()
    response = client_a.post(
        reverse("steering:goal_edit", args=[goal.pk]),
        {"title": goal.title, "target_area": target_areas[0].pk, "rationale": LONG, "version": "1"},
    )
    assert _field_errors(response, "rationale") == [
        "Säkerställ att detta värde har som mest 4000 tecken (den har 100000)."
    ]
    assert 'maxlength="4000"' in response.content.decode()
    assert (Goal.objects.get(pk=goal.pk).rationale, AuditRecord.objects.count()) == ("Kort.", records)


def test_the_services_refuse_a_text_over_its_limit(board_a, target_areas, editor_a):
    with pytest.raises(ValidationError) as excinfo:
        services.goal_create(
            actor=editor_a, organ=board_a, year=2024, title="Mål", target_area=target_areas[0], rationale=LONG
        )
    assert list(excinfo.value.message_dict) == ["rationale"]
    assert Goal.objects.count() == 0


def test_an_assignment_description_over_its_limit_is_refused(client_a, board_a, board_b, target_areas):
    response = client_a.post(
        reverse("steering:assignment_create", args=[board_a.slug]) + "?year=2024",
        {
            "title": "Utred",
            "receiver": board_b.pk,
            "description": LONG,
            "progress": "not_started",
            "year": "2024",
        },
    )
    assert _field_errors(response, "description") == [
        "Säkerställ att detta värde har som mest 4000 tecken (den har 100000)."
    ]
    assert Assignment.objects.count() == 0


# --- Decision references ---------------------------------------------------------------------------


def test_a_negative_paragraph_is_refused_by_the_service_of_a_document(admin_user, council, board_a):
    document = f.SteeringDocumentFactory(
        owner=board_a, record_state=RecordState.READY, decided_by=None, decided_on=None
    )
    with pytest.raises(ValidationError) as excinfo:
        states.steering_document_decide(
            actor=admin_user,
            document=document,
            body=council,
            decided_on=datetime.date(2024, 3, 4),
            paragraph="-5",
            expected_version=document.version,
        )
    assert list(excinfo.value.message_dict) == ["paragraph"]
    assert SteeringDocument.objects.get(pk=document.pk).record_state == RecordState.READY


# --- Dates -----------------------------------------------------------------------------------------


def _assignment_form(receiver, **changes) -> dict:
    return {
        "title": "Utred cykelbanor",
        "receiver": receiver.pk,
        "deadline": "2025-11-30",
        "report_back": "Till nämnden",
        "progress": "not_started",
        "year": "2025",
        **changes,
    }


def test_a_deadline_before_the_assignments_plan_year_is_refused(client_a, board_a, board_b, target_areas):
    response = client_a.post(
        reverse("steering:assignment_create", args=[board_a.slug]) + "?year=2025",
        _assignment_form(board_b, deadline="2024-01-01"),
    )
    assert _field_errors(response, "deadline") == [
        "Slutdatumet 2024-01-01 ligger före planåret 2025 som uppdraget hör till."
    ]
    assert Assignment.objects.count() == 0


def test_a_stored_deadline_before_the_plan_year_keeps_the_assignment_from_being_upprattad(
    editor_a, board_a, board_b
):
    assignment = f.AssignmentFactory(
        giver=board_a, receiver=board_b, year=2025, deadline=datetime.date(2024, 1, 1), record_state="draft"
    )
    finding = [(x.rule, x.severity, x.message) for x in rules.assignment_findings(assignment)]
    assert finding == [
        (
            "assignment_deadline",
            "error",
            "Slutdatumet 2024-01-01 ligger före planåret 2025 som uppdraget hör till.",
        )
    ]
    with pytest.raises(ValidationError):
        states.assignment_set_state(
            actor=editor_a,
            assignment=assignment,
            state=RecordState.READY,
            expected_version=assignment.version,
        )
    assert Assignment.objects.get(pk=assignment.pk).record_state == RecordState.DRAFT


def test_a_deadline_years_after_the_plan_year_is_a_warning(board_a, board_b):
    assignment = f.AssignmentFactory(
        giver=board_a, receiver=board_b, year=2025, deadline=datetime.date(2031, 1, 31)
    )
    assert [(x.severity, x.message) for x in rules.assignment_findings(assignment)] == [
        ("warning", "Slutdatumet 2031-01-31 ligger mer än 4 år efter planåret 2025. Stämmer det?")
    ]
    found = rules.findings_for_year(board_a.municipality, 2025)
    assert [x for x in found if x.rule == "assignment_deadline"] == rules.assignment_findings(assignment)


def test_a_steering_document_with_next_review_in_1900_is_refused(client_a, board_a):
    response = client_a.post(
        reverse("steering:document_create", args=[board_a.slug]),
        {"title": "Cykelprogram", "doc_type": "program", "validity": "in_force", "next_review": "1900-01-01"},
    )
    assert _field_errors(response, "next_review") == [
        "1900-01-01 är inget rimligt datum; det ska ligga mellan 1971-01-01 och 2099-12-31."
    ]
    assert SteeringDocument.objects.count() == 0


def test_a_next_review_before_the_decision_is_refused(board_a, council):
    document = f.SteeringDocumentFactory(
        owner=board_a,
        decided_by=council,
        decided_on=datetime.date(2024, 3, 4),
        next_review=datetime.date(2024, 3, 1),
    )
    with pytest.raises(ValidationError) as excinfo:
        document.full_clean()
    assert excinfo.value.message_dict["next_review"] == [
        "Nästa översyn (2024-03-01) ska ligga efter beslutsdatumet 2024-03-04."
    ]
