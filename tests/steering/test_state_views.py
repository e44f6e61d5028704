"""The records state of an assignment on the site: the badge and decision on its page, the button
Upprätta / Tillbaka till utkast (the giver's editors), the decision page (administrators), the frozen
terms of a decided assignment, and the steering documents' state on the organ page."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from styrkraft.core.models import AuditRecord
from styrkraft.steering.models import Assignment, Decision, Goal, RecordState
from tests import factories as f
from tests.query_counts import queries_of

DECISION = {"decided_on": "2024-02-12", "paragraph": "17", "case_number": "KS 2024/00012"}


@pytest.fixture
def assignment(board_a, board_b):
    """An assignment from board A to board B, a draft."""
    return f.AssignmentFactory(
        giver=board_a, receiver=board_b, title="Utred cykelbanor", record_state=RecordState.DRAFT
    )


def _page(assignment) -> str:
    return reverse("steering:assignment", args=[assignment.pk])


def _state_url(assignment) -> str:
    return reverse("steering:assignment_state", args=[assignment.pk])


def _decide_url(assignment) -> str:
    return reverse("steering:assignment_decide", args=[assignment.pk])


def _messages(response) -> list[str]:
    return [m.message for m in get_messages(response.wsgi_request)]


def _stored(assignment) -> tuple:
    return Assignment.objects.values_list("record_state", "decision_id", "version").get(pk=assignment.pk)


def _decided(assignment, council) -> Assignment:
    decision = Decision.objects.create(
        municipality=assignment.municipality,
        body=council,
        decided_on=datetime.date(2024, 2, 12),
        paragraph="17",
        case_number="KS 2024/00012",
    )
    Assignment.objects.filter(pk=assignment.pk).update(record_state=RecordState.DECIDED, decision=decision)
    assignment.refresh_from_db()
    return assignment


def test_url_names():
    assert reverse("steering:assignment_state", args=[7]) == "/uppdrag/7/lage/"
    assert reverse("steering:assignment_decide", args=[7]) == "/uppdrag/7/beslut/"


# --- The assignment page ---------------------------------------------------------------------------


def test_page_shows_state_and_the_giver_editor_gets_the_button(client_a, assignment):
    page = client_a.get(_page(assignment)).content.decode()
    assert 'Handlingens läge: <span class="status status-draft">utkast</span>' in page
    assert f'action="{_state_url(assignment)}"' in page
    assert '<input type="hidden" name="state" value="ready">' in page
    assert ">Upprätta</button>" in page
    assert _decide_url(assignment) not in page  # an editor does not decide


def test_receiver_and_reader_get_no_state_button(client_b, client_reader, assignment):
    for client in (client_b, client_reader):
        page = client.get(_page(assignment)).content.decode()
        assert "Handlingens läge" in page
        assert _state_url(assignment) not in page
        assert _decide_url(assignment) not in page


def test_ready_assignment_shows_back_to_draft_and_the_admin_the_decision_link(
    client_a, client_admin, assignment
):
    Assignment.objects.filter(pk=assignment.pk).update(record_state=RecordState.READY)
    page = client_a.get(_page(assignment)).content.decode()
    assert ">Tillbaka till utkast</button>" in page
    assert _decide_url(assignment) not in page
    admin_page = client_admin.get(_page(assignment)).content.decode()
    assert f'href="{_decide_url(assignment)}"' in admin_page


def test_decided_assignment_shows_its_decision_and_no_state_button(
    client_a, client_admin, assignment, council
):
    _decided(assignment, council)
    for client in (client_a, client_admin):
        page = client.get(_page(assignment)).content.decode()
        assert 'Handlingens läge: <span class="status status-decided">beslutad</span>' in page
        assert "Beslut: Kommunfullmäktige, 2024-02-12, § 17, dnr KS 2024/00012" in page
        assert _state_url(assignment) not in page
        assert _decide_url(assignment) not in page
        assert ">Ändra status</a>" in page


def test_page_queries_do_not_grow_with_the_organs_other_assignments(client_admin, assignment, council):
    _decided(assignment, council)
    small = queries_of(client_admin, _page(assignment))
    for n in range(10):
        f.AssignmentFactory(giver=assignment.giver, receiver=assignment.receiver, title=f"Uppdrag {n}")
        f.AssignmentFactory(giver=assignment.receiver, receiver=assignment.giver, title=f"Motsatt {n}")
    assert queries_of(client_admin, _page(assignment)) == small <= 12


# --- The state button ------------------------------------------------------------------------------


def test_giver_editor_finalises_and_returns_to_draft(client_a, assignment):
    response = client_a.post(_state_url(assignment), {"state": "ready", "version": "1"})
    assert (response.status_code, response["Location"]) == (302, _page(assignment))
    assert _messages(response) == ["Uppdraget är upprättat."]
    assert _stored(assignment) == ("ready", None, 2)
    record = AuditRecord.objects.get(item_type="steering.assignment", action="state")
    assert record.changes == {"record_state": ["draft", "ready"]}
    response = client_a.post(_state_url(assignment), {"state": "draft", "version": "2"})
    assert _messages(response)[-1] == "Uppdraget är återställt till utkast."
    assert _stored(assignment) == ("draft", None, 3)


def test_finalising_with_errors_is_refused_with_the_reason(client_a, assignment):
    Assignment.objects.filter(pk=assignment.pk).update(deadline=None)
    records = AuditRecord.objects.count()
    response = client_a.post(_state_url(assignment), {"state": "ready", "version": "1"})
    assert response.status_code == 302
    [message] = _messages(response)
    assert message.startswith("”Utred cykelbanor” kan inte upprättas: ")
    assert "slutdatum" in message
    assert _stored(assignment) == ("draft", None, 1)
    assert AuditRecord.objects.count() == records


def test_refusal_message_is_shown_on_the_page(client_a, assignment):
    Assignment.objects.filter(pk=assignment.pk).update(deadline=None)
    response = client_a.post(_state_url(assignment), {"state": "ready", "version": "1"}, follow=True)
    assert "kan inte upprättas" in response.content.decode()
    assert response.redirect_chain == [(_page(assignment), 302)]


def test_stale_version_is_a_conflict_and_changes_nothing(client_a, assignment):
    Assignment.objects.filter(pk=assignment.pk).update(version=2, title="Utred gång- och cykelbanor")
    records = AuditRecord.objects.count()
    response = client_a.post(_state_url(assignment), {"state": "ready", "version": "1"})
    assert _messages(response) == [
        "Någon annan har ändrat ”Utred gång- och cykelbanor” sedan du öppnade det (nu version 2). "
        "Se de aktuella uppgifterna nedan och gör din ändring igen."
    ]
    assert _stored(assignment) == ("draft", None, 2)
    assert AuditRecord.objects.count() == records


def test_decided_assignment_cannot_change_state(client_a, assignment, council):
    _decided(assignment, council)
    response = client_a.post(_state_url(assignment), {"state": "draft", "version": "1"})
    assert _messages(response) == ["”Utred cykelbanor” är beslutat och kan inte ändras."]
    assert _stored(assignment)[0] == "decided"


def test_state_decided_through_the_button_is_refused(client_a, assignment):
    response = client_a.post(_state_url(assignment), {"state": "decided", "version": "1"})
    assert _messages(response) == ["Läget kunde inte ändras: okänt läge."]
    assert _stored(assignment) == ("draft", None, 1)


@pytest.mark.parametrize("client_name", ["client_b", "client_reader"])
def test_others_are_refused(request, client_name, assignment):
    client = request.getfixturevalue(client_name)
    response = client.post(_state_url(assignment), {"state": "ready", "version": "1"})
    assert response.status_code == 403
    assert _stored(assignment) == ("draft", None, 1)
    assert AuditRecord.objects.filter(action="state").count() == 0


def test_anonymous_is_sent_to_sign_in_and_get_is_not_allowed(anonymous, client_a, assignment):
    response = anonymous.post(_state_url(assignment), {"state": "ready", "version": "1"})
    assert (response.status_code, response["Location"]) == (
        302,
        f"/konto/logga-in/?next={_state_url(assignment)}",
    )
    assert client_a.get(_state_url(assignment)).status_code == 405
    assert _stored(assignment) == ("draft", None, 1)


# --- The decision page -----------------------------------------------------------------------------


def test_decision_form_defaults_to_the_council(client_admin, assignment, council):
    Assignment.objects.filter(pk=assignment.pk).update(record_state=RecordState.READY)
    response = client_admin.get(_decide_url(assignment))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.fields["body"].initial == council.pk
    assert form["version"].value() == 1
    assert response.context["not_decidable"] == ""


def test_admin_decides_a_finalised_assignment(client_admin, assignment, council):
    Assignment.objects.filter(pk=assignment.pk).update(record_state=RecordState.READY)
    response = client_admin.post(_decide_url(assignment), {**DECISION, "body": council.pk, "version": "1"})
    assert (response.status_code, response["Location"]) == (302, _page(assignment))
    decision = Decision.objects.get()
    assert str(decision) == "Kommunfullmäktige, 2024-02-12, § 17, dnr KS 2024/00012"
    assert decision.title == "Utred cykelbanor"
    assert _stored(assignment) == ("decided", decision.pk, 2)
    assert _messages(response) == [
        "Uppdraget ”Utred cykelbanor” är beslutat: Kommunfullmäktige, 2024-02-12, § 17, dnr KS 2024/00012."
    ]
    assert [(r.action, r.item_type) for r in AuditRecord.objects.order_by("pk")] == [
        ("create", "steering.decision"),
        ("decide", "steering.assignment"),
    ]


def test_deciding_a_draft_is_refused_on_the_form(client_admin, assignment, council):
    page = client_admin.get(_decide_url(assignment))
    assert page.context["not_decidable"] == "”Utred cykelbanor” måste vara upprättat innan det kan beslutas."
    response = client_admin.post(_decide_url(assignment), {**DECISION, "body": council.pk, "version": "1"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "”Utred cykelbanor” måste vara upprättat innan det kan beslutas."
    ]
    assert (Decision.objects.count(), AuditRecord.objects.count()) == (0, 0)
    assert _stored(assignment) == ("draft", None, 1)


def test_deciding_a_stale_version_is_a_conflict(client_admin, assignment, council):
    Assignment.objects.filter(pk=assignment.pk).update(record_state=RecordState.READY, version=3)
    response = client_admin.post(_decide_url(assignment), {**DECISION, "body": council.pk, "version": "2"})
    assert response.status_code == 200
    assert (
        response.context["form"]
        .non_field_errors()[0]
        .startswith("Någon annan har ändrat ”Utred cykelbanor” sedan du öppnade det (nu version 3).")
    )
    assert response.context["form"]["version"].value() == "3"  # submitting again applies on top
    assert (Decision.objects.count(), AuditRecord.objects.count()) == (0, 0)
    assert _stored(assignment) == ("ready", None, 3)


def test_deciding_twice_is_refused(client_admin, assignment, council):
    _decided(assignment, council)
    response = client_admin.post(_decide_url(assignment), {**DECISION, "body": council.pk, "version": "1"})
    assert response.context["form"].non_field_errors() == [
        "”Utred cykelbanor” är beslutat och kan inte ändras."
    ]
    assert Decision.objects.count() == 1


def test_bad_date_is_a_field_error(client_admin, assignment, council):
    Assignment.objects.filter(pk=assignment.pk).update(record_state=RecordState.READY)
    response = client_admin.post(
        _decide_url(assignment), {**DECISION, "decided_on": "12/2/2024", "body": council.pk, "version": "1"}
    )
    assert response.context["form"].errors["decided_on"] == ["Fyll i ett giltigt datum."]
    assert _stored(assignment) == ("ready", None, 1)


@pytest.mark.parametrize("client_name", ["client_a", "client_b", "client_reader"])
def test_only_administrators_decide(request, client_name, assignment, council):
    Assignment.objects.filter(pk=assignment.pk).update(record_state=RecordState.READY)
    client = request.getfixturevalue(client_name)
    assert client.get(_decide_url(assignment)).status_code == 403
    response = client.post(_decide_url(assignment), {**DECISION, "body": council.pk, "version": "1"})
    assert response.status_code == 403
    assert (Decision.objects.count(), _stored(assignment)) == (0, ("ready", None, 1))


def test_anonymous_decision_is_sent_to_sign_in(anonymous, assignment, council):
    response = anonymous.post(_decide_url(assignment), {**DECISION, "body": council.pk, "version": "1"})
    assert (response.status_code, response["Location"]) == (
        302,
        f"/konto/logga-in/?next={_decide_url(assignment)}",
    )
    assert Decision.objects.count() == 0


# --- Editing a decided assignment --------------------------------------------------------------------


def test_decided_assignment_form_asks_only_for_progress(client_a, assignment, council):
    _decided(assignment, council)
    url = reverse("steering:assignment_edit", args=[assignment.pk])
    page = client_a.get(url)
    assert list(page.context["form"].fields) == ["progress", "version", "base"]
    assert "Uppdraget är beslutat (Kommunfullmäktige, 2024-02-12, § 17, dnr KS 2024/00012)." in (
        page.content.decode()
    )
    response = client_a.post(url, {"progress": "ongoing", "title": "Något annat", "version": "1"})
    assert (response.status_code, response["Location"]) == (302, _page(assignment))
    stored = Assignment.objects.values_list("title", "progress", "record_state").get(pk=assignment.pk)
    assert stored == ("Utred cykelbanor", "ongoing", "decided")


def test_draft_assignment_form_keeps_every_field_for_the_giver(client_a, assignment):
    page = client_a.get(reverse("steering:assignment_edit", args=[assignment.pk]))
    assert "title" in page.context["form"].fields
    assert page.context["decided"] is False


# --- Steering documents on the organ page --------------------------------------------------------


def test_organ_page_shows_each_documents_state_and_decision_reference(anonymous, client_a, board_a, council):
    f.SteeringDocumentFactory(
        owner=board_a, decided_by=council, title="Cykelprogram", paragraph="88", case_number="KS 2022/301"
    )
    f.SteeringDocumentFactory(
        owner=board_a,
        decided_by=None,
        decided_on=None,
        title="Trafikpolicy",
        record_state=RecordState.DRAFT,
        is_public=False,
    )
    page = client_a.get(reverse("steering:organ", args=[board_a.slug])).content.decode()
    assert '<th scope="col">Handlingens läge</th>' in page
    assert '<td class="nowrap">§ 88, dnr KS 2022/301</td>' in page
    assert '<span class="status status-decided">beslutad</span>' in page
    assert '<span class="status status-draft">utkast</span> <span class="badge badge-warning"' in page
    assert ">Inte offentlig</span>" in page
    public = anonymous.get(reverse("steering:organ", args=[board_a.slug])).content.decode()
    assert "Cykelprogram" in public
    assert "Trafikpolicy" not in public


# --- The public flag -------------------------------------------------------------------------------


def test_goal_form_asks_whether_public_checked_by_default(client_a, board_a, target_areas):
    form = client_a.get(reverse("steering:goal_create", args=[board_a.slug]) + "?year=2024").context["form"]
    assert (str(form.fields["is_public"].label), form["is_public"].value()) == ("Offentlig", True)
    assert 'name="is_public"' in str(form["is_public"]) and "checked" in str(form["is_public"])


def test_goal_created_not_public_is_marked_and_hidden_from_visitors(
    anonymous, client_a, board_a, target_areas
):
    url = reverse("steering:goal_create", args=[board_a.slug]) + "?year=2024"
    client_a.post(url, {"title": "Tyst mål", "target_area": target_areas[0].pk, "rationale": "Skäl."})
    goal = Goal.objects.get(title="Tyst mål")
    assert goal.is_public is False
    create = AuditRecord.objects.get(item_type="steering.goal", action="create")
    assert create.changes["is_public"] == [None, False]
    page = client_a.get(reverse("steering:goal", args=[goal.pk])).content.decode()
    assert ">Inte offentlig</span>" in page
    Goal.objects.filter(pk=goal.pk).update(record_state=RecordState.READY)
    assert anonymous.get(reverse("steering:goal", args=[goal.pk])).status_code == 302  # to sign in


def test_goal_edit_passes_the_public_flag_through_the_service(client_a, board_a, target_areas):
    goal = f.GoalFactory(organ=board_a, target_area=target_areas[0], title="Fler cyklar")
    url = reverse("steering:goal_edit", args=[goal.pk])
    assert client_a.get(url).context["form"]["is_public"].value() is True
    data = {
        "title": "Fler cyklar",
        "target_area": target_areas[0].pk,
        "rationale": goal.rationale,
        "responsible_organ": board_a.pk,
        "responsible_person": goal.responsible_person,
    }
    client_a.post(url, {**data, "version": "1"})
    assert Goal.objects.get(pk=goal.pk).is_public is False
    update = AuditRecord.objects.get(item_type="steering.goal", action="update")
    assert update.changes == {"is_public": [True, False]}
    client_a.post(url, {**data, "is_public": "on", "version": "2"})
    assert Goal.objects.get(pk=goal.pk).is_public is True
    page = client_a.get(reverse("steering:goal", args=[goal.pk])).content.decode()
    assert "Inte offentlig" not in page


def test_assignment_form_passes_the_public_flag(client_a, assignment, board_a, board_b, target_areas):
    url = reverse("steering:assignment_edit", args=[assignment.pk])
    assert client_a.get(url).context["form"]["is_public"].value() is True
    data = {
        "title": assignment.title,
        "receiver": board_b.pk,
        "deadline": "2024-10-31",
        "report_back": assignment.report_back,
        "progress": "not_started",
        "year": "2024",
        "version": "1",
    }
    response = client_a.post(url, data)
    assert response.status_code == 302
    assert Assignment.objects.get(pk=assignment.pk).is_public is False
    update = AuditRecord.objects.get(item_type="steering.assignment", action="update")
    assert update.changes == {"is_public": [True, False]}
    assert ">Inte offentlig</span>" in client_a.get(_page(assignment)).content.decode()
    create_url = reverse("steering:assignment_create", args=[board_a.slug]) + "?year=2024"
    client_a.post(create_url, {**data, "title": "Öppet uppdrag", "is_public": "on"})
    assert Assignment.objects.get(title="Öppet uppdrag").is_public is True


def test_receiver_form_has_no_public_flag(client_b, assignment):
    form = client_b.get(reverse("steering:assignment_edit", args=[assignment.pk])).context["form"]
    assert list(form.fields) == ["progress", "version", "base"]
