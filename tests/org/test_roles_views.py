"""The page Roller (/roller/): administrators give and take away roles; nobody else may, and a refusal
changes nothing."""

import pytest

from styrkraft.core.models import AuditRecord
from styrkraft.org.models import OrganRole
from tests import factories as f


def test_roles_page_lists_roles_with_a_revoke_button(client_admin, editor_a, board_a):
    response = client_admin.get("/roller/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Roller</h1>" in html
    role = OrganRole.objects.get(user=editor_a)
    assert f'action="/roller/{role.pk}/ta-bort/"' in html
    assert "Ta bort redaktor-a som redigerare för Nämnd A" in html
    assert 'href="/roller/" aria-current="page">Roller</a>' in html


def test_roles_page_sends_anonymous_visitors_to_sign_in(anonymous):
    response = anonymous.get("/roller/")
    assert (response.status_code, response["Location"]) == (302, "/konto/logga-in/?next=/roller/")


def test_roles_page_refuses_editors(client_a):
    response = client_a.get("/roller/")
    assert response.status_code == 403
    assert "Bara administratörer får ge och ta bort roller." in response.content.decode()


def test_nav_link_roller_only_for_administrators(client_admin, client_a, anonymous, board_a):
    link = 'href="/roller/"'
    assert link in client_admin.get("/").content.decode()
    assert link not in client_a.get("/").content.decode()
    assert link not in anonymous.get("/").content.decode()


def test_admin_grants_a_role_by_email(client_admin, board_a):
    user = f.UserFactory(username="bo", email="bo@kommun.se")
    response = client_admin.post("/roller/", {"user": "bo@kommun.se", "role": "reader", "organ": board_a.pk})
    assert (response.status_code, response["Location"]) == (302, "/roller/")
    assert list(OrganRole.objects.filter(user=user).values_list("organ", "role")) == [(board_a.pk, "reader")]
    record = AuditRecord.objects.get()
    assert (record.actor_label, record.action, record.item_type) == ("admin", "create", "org.organrole")
    assert client_admin.get("/roller/").content.decode().count("bo är nu läsare för Nämnd A.") == 1


def test_grant_form_names_an_unknown_user_and_a_duplicate(client_admin, editor_a, board_a):
    response = client_admin.post("/roller/", {"user": "ingen", "role": "editor", "organ": board_a.pk})
    assert response.status_code == 200
    assert "Det finns ingen användare ”ingen”. Kontrollera stavningen." in response.content.decode()
    response = client_admin.post("/roller/", {"user": "redaktor-a", "role": "editor", "organ": board_a.pk})
    assert response.status_code == 200
    assert "redaktor-a är redan redigerare för Nämnd A." in response.content.decode()
    assert OrganRole.objects.count() == 1
    assert AuditRecord.objects.count() == 0


@pytest.mark.parametrize("who", ["client_a", "client_b", "client_reader"])
def test_grant_and_revoke_refused_for_non_administrators(request, who, editor_a, board_a):
    client = request.getfixturevalue(who)
    role = OrganRole.objects.get(user=editor_a)
    before = sorted(OrganRole.objects.values_list("pk", flat=True))
    assert (
        client.post("/roller/", {"user": "redaktor-a", "role": "admin", "organ": board_a.pk}).status_code
        == 403
    )
    assert client.post(f"/roller/{role.pk}/ta-bort/").status_code == 403
    assert sorted(OrganRole.objects.values_list("pk", flat=True)) == before
    assert AuditRecord.objects.count() == 0


def test_admin_revokes_a_role(client_admin, editor_a):
    role = OrganRole.objects.get(user=editor_a)
    response = client_admin.post(f"/roller/{role.pk}/ta-bort/")
    assert (response.status_code, response["Location"]) == (302, "/roller/")
    assert OrganRole.objects.count() == 0
    assert list(AuditRecord.objects.values_list("action", flat=True)) == ["delete"]


def test_revoke_needs_post(client_admin, editor_a):
    role = OrganRole.objects.get(user=editor_a)
    assert client_admin.get(f"/roller/{role.pk}/ta-bort/").status_code == 405
    assert OrganRole.objects.count() == 1
