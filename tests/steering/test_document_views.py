"""Steering documents on the site: the document page (who sees it, which buttons), adding and changing a
document (with the conflict of two editors), deleting it, the state button, the decision page, the
organ page's links, and the refusals: nothing changes when a decided document is posted to."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from styrkraft.core.models import AuditRecord
from styrkraft.steering.models import Decision, RecordState, SteeringDocument
from tests import factories as f
from tests.query_counts import queries_of

DECISION = {"decided_on": "2024-03-04", "paragraph": "31", "case_number": "KS 2024/00031"}
FORM = {"title": "Cykelprogram", "doc_type": "program", "validity": "in_force", "next_review": "2027-06-30"}


@pytest.fixture
def document(board_a):
    """Board A's program, a public draft."""
    return f.SteeringDocumentFactory(
        owner=board_a,
        title="Cykelprogram",
        code="cykelprogram",
        record_state=RecordState.DRAFT,
        decided_by=None,
        decided_on=None,
    )


def _page(document) -> str:
    return reverse("steering:document", args=[document.pk])


def _url(name: str, document) -> str:
    return reverse(f"steering:{name}", args=[document.pk])


def _messages(response) -> list[str]:
    return [m.message for m in get_messages(response.wsgi_request)]


def _stored(document) -> tuple:
    return SteeringDocument.all_objects.values_list("title", "record_state", "version", "deleted_at").get(
        pk=document.pk
    )


def _decide(document, council) -> SteeringDocument:
    decision = Decision.objects.create(
        municipality=document.municipality,
        body=council,
        decided_on=datetime.date(2024, 3, 4),
        paragraph="31",
        case_number="KS 2024/00031",
    )
    SteeringDocument.objects.filter(pk=document.pk).update(
        record_state=RecordState.DECIDED, decision=decision
    )
    document.refresh_from_db()
    return document


def test_url_names():
    assert reverse("steering:document", args=[7]) == "/styrdokument/7/"
    assert reverse("steering:document_create", args=["namnd-a"]) == "/organ/namnd-a/styrdokument/nytt/"
    assert reverse("steering:document_edit", args=[7]) == "/styrdokument/7/andra/"
    assert reverse("steering:document_delete", args=[7]) == "/styrdokument/7/ta-bort/"
    assert reverse("steering:document_state", args=[7]) == "/styrdokument/7/lage/"
    assert reverse("steering:document_decide", args=[7]) == "/styrdokument/7/beslut/"


# --- The document page -------------------------------------------------------------------------------


def test_page_shows_the_document_and_the_owner_editor_gets_the_buttons(client_a, document):
    page = client_a.get(_page(document)).content.decode()
    assert "<h1>Cykelprogram</h1>" in page
    assert "Styrdokument: Program" in page
    assert 'Handlingens läge: <span class="status status-draft">utkast</span>' in page
    assert f'href="{reverse("core:history", args=["steering.steeringdocument", document.pk])}"' in page
    assert f'href="{_url("document_edit", document)}"' in page
    assert f'href="{_url("document_delete", document)}"' in page
    assert f'action="{_url("document_state", document)}"' in page
    assert ">Upprätta</button>" in page
    assert _url("document_decide", document) not in page  # an editor does not decide
    assert "{# versions" not in page


def test_ready_document_shows_the_admin_the_decision_link(client_a, client_admin, document):
    SteeringDocument.objects.filter(pk=document.pk).update(record_state=RecordState.READY)
    assert ">Tillbaka till utkast</button>" in client_a.get(_page(document)).content.decode()
    assert _url("document_decide", document) not in client_a.get(_page(document)).content.decode()
    assert f'href="{_url("document_decide", document)}"' in client_admin.get(_page(document)).content.decode()


def test_decided_document_shows_its_decision_and_no_editing(client_a, client_admin, document, council):
    _decide(document, council)
    for client in (client_a, client_admin):
        page = client.get(_page(document)).content.decode()
        assert 'Handlingens läge: <span class="status status-decided">beslutad</span>' in page
        assert "Beslut: Kommunfullmäktige, 2024-03-04, § 31, dnr KS 2024/00031" in page
        for name in ("document_edit", "document_delete", "document_state", "document_decide"):
            assert _url(name, document) not in page


def test_others_see_no_buttons(client_b, client_reader, document):
    SteeringDocument.objects.filter(pk=document.pk).update(record_state=RecordState.READY)
    for client in (client_b, client_reader):
        page = client.get(_page(document)).content.decode()
        assert "<h1>Cykelprogram</h1>" in page
        assert 'class="actions"' not in page


def test_draft_is_hidden_from_visitors_and_other_organs(anonymous, client_b, client_reader, document):
    response = anonymous.get(_page(document))
    assert (response.status_code, response["Location"]) == (302, f"/konto/logga-in/?next={_page(document)}")
    assert client_b.get(_page(document)).status_code == 403
    assert client_reader.get(_page(document)).status_code == 200


@pytest.mark.parametrize(
    ("state", "is_public", "seen"),
    [("draft", True, False), ("ready", True, True), ("decided", True, True), ("ready", False, False)],
)
def test_visitor_sees_only_public_finalised_or_decided(anonymous, document, state, is_public, seen):
    SteeringDocument.objects.filter(pk=document.pk).update(record_state=state, is_public=is_public)
    assert (anonymous.get(_page(document)).status_code == 200) is seen


def test_unknown_document_is_not_found(anonymous, db):
    assert anonymous.get(reverse("steering:document", args=[4711])).status_code == 404


def test_page_queries_do_not_grow_with_the_owners_other_documents(client_a, document, council):
    _decide(document, council)
    small = queries_of(client_a, _page(document))
    for n in range(10):
        f.SteeringDocumentFactory(owner=document.owner, title=f"Plan {n}", code=f"plan-{n}")
    assert queries_of(client_a, _page(document)) == small <= 10


def test_history_page_of_a_document(client_a, anonymous, document):
    url = reverse("core:history", args=["steering.steeringdocument", document.pk])
    response = client_a.get(url)
    assert response.status_code == 200
    assert f'href="{_page(document)}"' in response.content.decode()
    assert anonymous.get(url).status_code == 302  # a draft's history: sign in first


# --- The organ page ----------------------------------------------------------------------------------


def test_organ_page_links_the_documents_and_offers_a_new_one_to_its_editors(
    client_a, client_b, document, board_a
):
    organ_url = reverse("steering:organ", args=[board_a.slug])
    create_url = reverse("steering:document_create", args=[board_a.slug])
    page = client_a.get(organ_url).content.decode()
    assert f'<a href="{_page(document)}">Cykelprogram</a>' in page
    assert f'href="{create_url}"' in page
    assert ">Nytt styrdokument</a>" in page
    assert create_url not in client_b.get(organ_url).content.decode()


# --- Adding and changing -----------------------------------------------------------------------------


def test_editor_adds_a_document_as_a_draft(client_a, board_a):
    response = client_a.post(reverse("steering:document_create", args=[board_a.slug]), FORM)
    created = SteeringDocument.objects.get(title="Cykelprogram")
    assert (response.status_code, response["Location"]) == (302, _page(created))
    assert _messages(response) == ["Styrdokumentet ”Cykelprogram” är sparat."]
    assert (created.owner_id, created.record_state, created.next_review, created.is_public) == (
        board_a.pk,
        "draft",
        datetime.date(2027, 6, 30),
        False,  # the checkbox was not sent
    )
    assert AuditRecord.objects.filter(item_type="steering.steeringdocument", action="create").count() == 1


def test_bad_input_is_shown_on_the_form_and_nothing_is_saved(client_a, board_a):
    response = client_a.post(
        reverse("steering:document_create", args=[board_a.slug]),
        {**FORM, "title": "", "next_review": "30/6 2027"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["next_review"] == ["Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2024-10-31."]
    assert "title" in errors
    assert not SteeringDocument.objects.exists()


def test_editor_changes_a_document(client_a, document):
    form = client_a.get(_url("document_edit", document)).context["form"]
    assert (form["title"].value(), form["version"].value()) == ("Cykelprogram", 1)
    response = client_a.post(
        _url("document_edit", document),
        {**FORM, "title": "Cykelprogram 2030", "is_public": "on", "version": "1"},
    )
    assert (response.status_code, response["Location"]) == (302, _page(document))
    assert _messages(response) == ["Ändringarna i styrdokumentet ”Cykelprogram” är sparade."]
    assert _stored(document) == ("Cykelprogram 2030", "draft", 2, None)


def test_the_second_save_from_the_same_version_shows_what_the_other_changed(client_a, client_admin, document):
    url = _url("document_edit", document)
    assert (
        client_a.post(
            url, {**FORM, "title": "Från A", "validity": "under_revision", "version": "1"}
        ).status_code
        == 302
    )
    response = client_admin.post(url, {**FORM, "title": "Från admin", "version": "1"})
    form = response.context["form"]
    assert (response.status_code, form["version"].value()) == (200, "2")
    assert form.non_field_errors()[0].startswith("Någon annan har sparat ”Från A” medan du arbetade")
    assert ("Titel", "Från A") in form.current_values
    assert ("Status", "under revidering") in form.current_values
    assert ("Offentlig", "nej") in form.current_values
    assert "Så här är det sparat nu (version 2)" in response.content.decode()
    assert _stored(document) == ("Från A", "draft", 2, None)
    # Saving again applies the change on top.
    assert client_admin.post(url, {**FORM, "title": "Från admin", "version": "2"}).status_code == 302
    assert _stored(document)[0] == "Från admin"


def test_editing_a_decided_document_is_refused_and_nothing_changes(client_a, client_admin, document, council):
    _decide(document, council)
    records = AuditRecord.objects.count()
    response = client_a.get(_url("document_edit", document))
    assert (response.status_code, response["Location"]) == (302, _page(document))
    assert _messages(response) == ["”Cykelprogram” är beslutat och kan inte ändras."]
    # A hand-made POST (the page offers no form) goes back to the page with the service's refusal.
    for client in (client_a, client_admin):
        response = client.post(
            _url("document_edit", document), {**FORM, "title": "Omskrivet", "version": "1"}
        )
        assert (response.status_code, response["Location"]) == (302, _page(document))
        assert _messages(response)[-1] == "”Cykelprogram” är beslutat och kan inte ändras."
        response = client.post(_url("document_delete", document))
        assert response["Location"] == _page(document)
        response = client.post(_url("document_state", document), {"state": "draft", "version": "1"})
        assert _messages(response)[-1] == "”Cykelprogram” är beslutat och kan inte ändras."
    assert _stored(document) == ("Cykelprogram", "decided", 1, None)
    assert AuditRecord.objects.count() == records


@pytest.mark.parametrize("client_name", ["client_b", "client_reader"])
def test_others_may_not_add_change_or_delete(request, client_name, document, board_a):
    client = request.getfixturevalue(client_name)
    assert client.post(reverse("steering:document_create", args=[board_a.slug]), FORM).status_code == 403
    assert (
        client.post(_url("document_edit", document), {**FORM, "title": "X", "version": "1"}).status_code
        == 403
    )
    assert client.post(_url("document_delete", document)).status_code == 403
    assert (
        client.post(_url("document_state", document), {"state": "ready", "version": "1"}).status_code == 403
    )
    assert _stored(document) == ("Cykelprogram", "draft", 1, None)
    assert SteeringDocument.objects.count() == 1


def test_anonymous_is_sent_to_sign_in(anonymous, document):
    for name in ("document_edit", "document_delete", "document_decide"):
        response = anonymous.get(_url(name, document))
        assert response["Location"] == f"/konto/logga-in/?next={_url(name, document)}"


# --- Deleting and restoring ------------------------------------------------------------------------------


def test_delete_asks_then_deletes_and_an_admin_restores(client_a, client_admin, document, board_a):
    assert (
        "Ta bort styrdokumentet ”Cykelprogram”?"
        in client_a.get(_url("document_delete", document)).content.decode()
    )
    response = client_a.post(_url("document_delete", document))
    assert (response.status_code, response["Location"]) == (
        302,
        reverse("steering:organ", args=[board_a.slug]) + "#styrdokument",
    )
    assert _messages(response) == ["Styrdokumentet ”Cykelprogram” är borttaget."]
    assert _stored(document)[3] is not None
    deleted = client_admin.get(reverse("core:deleted"))
    rows = {s[0]: s[3] for s in deleted.context["sections"]}["styrdokument"]
    assert [(r["item"].title, r["organ"], r["who"]) for r in rows] == [
        ("Cykelprogram", "Nämnd A", "redaktor-a")
    ]
    restore_url = reverse("core:restore", args=["document", document.pk])
    assert f'action="{restore_url}"' in deleted.content.decode()
    assert client_a.post(restore_url).status_code == 403
    response = client_admin.post(restore_url)
    assert _messages(response) == ["”Cykelprogram” är återställt."]
    assert _stored(document)[3] is None


# --- Records state and decision -----------------------------------------------------------------------


def test_editor_finalises_and_returns_to_draft(client_a, document):
    response = client_a.post(_url("document_state", document), {"state": "ready", "version": "1"})
    assert (response.status_code, response["Location"]) == (302, _page(document))
    assert _messages(response) == ["Styrdokumentet är upprättat."]
    response = client_a.post(_url("document_state", document), {"state": "draft", "version": "2"})
    assert _messages(response)[-1] == "Styrdokumentet är återställt till utkast."
    assert _stored(document)[1:3] == ("draft", 3)
    assert client_a.get(_url("document_state", document)).status_code == 405


def test_admin_decides_a_finalised_document(client_admin, client_a, document, council):
    SteeringDocument.objects.filter(pk=document.pk).update(record_state=RecordState.READY)
    assert client_a.get(_url("document_decide", document)).status_code == 403
    page = client_admin.get(_url("document_decide", document))
    assert (page.context["form"].fields["body"].initial, page.context["not_decidable"]) == (council.pk, "")
    response = client_admin.post(
        _url("document_decide", document), {**DECISION, "body": council.pk, "version": "1"}
    )
    assert (response.status_code, response["Location"]) == (302, _page(document))
    assert _messages(response) == [
        "Styrdokumentet ”Cykelprogram” är beslutat: Kommunfullmäktige, 2024-03-04, § 31, dnr KS 2024/00031."
    ]
    stored = SteeringDocument.objects.get(pk=document.pk)
    assert (
        stored.record_state,
        stored.decision.body_id,
        stored.decision.paragraph,
        stored.decision.case_number,
    ) == (
        "decided",
        council.pk,
        "31",
        "KS 2024/00031",
    )
    assert AuditRecord.objects.filter(item_type="steering.steeringdocument", action="decide").count() == 1


def test_deciding_a_draft_is_refused_on_the_form(client_admin, document, council):
    response = client_admin.post(
        _url("document_decide", document), {**DECISION, "body": council.pk, "version": "1"}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "”Cykelprogram” måste vara upprättat innan det kan beslutas."
    ]
    assert _stored(document) == ("Cykelprogram", "draft", 1, None)


def test_deciding_a_stale_version_is_a_conflict(client_admin, document, council):
    SteeringDocument.objects.filter(pk=document.pk).update(record_state=RecordState.READY, version=3)
    response = client_admin.post(
        _url("document_decide", document), {**DECISION, "body": council.pk, "version": "2"}
    )
    assert response.status_code == 200
    assert response.context["form"]["version"].value() == "3"
    assert _stored(document) == ("Cykelprogram", "ready", 3, None)
