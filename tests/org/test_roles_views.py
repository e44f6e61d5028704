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


def test_roles_page_shows_administrators_for_the_whole_municipality(client_admin, board_a, editor_a):
    admin = f.OrganRoleFactory(organ=None, role=OrganRole.Role.ADMIN, user__username="stadsledning")
    html = client_admin.get("/roller/").content.decode()
    row = "<td>Hela kommunen</td> <td>Administratör</td> <td>stadsledning (stadsledning@example.se)</td>"
    assert row in " ".join(html.split())
    assert '<h2 id="ge-admin-rubrik">Gör någon till administratör för hela kommunen</h2>' in html
    assert f'action="/roller/{admin.pk}/ta-bort/"' in html
    assert "Ta bort stadsledning som administratör för hela kommunen" in html
    assert "administratör för Nämnd A" not in html
    # The administrator form has no organ picker; the organ form offers only the organ roles.
    assert 'name="role" value="admin" id="id_admin_role"' in html
    assert 'id="id_admin_organ"' not in html
    organ_select = html[
        html.index('<select name="role"') : html.index("</select>", html.index('<select name="role"'))
    ]
    assert ('value="editor"' in organ_select, 'value="reader"' in organ_select) == (True, True)
    assert 'value="admin"' not in organ_select


def test_admin_grants_an_administrator_for_the_whole_municipality(client_admin, board_a):
    user = f.UserFactory(username="bo")
    response = client_admin.post("/roller/", {"user": "bo", "role": "admin"})
    assert (response.status_code, response["Location"]) == (302, "/roller/")
    assert list(OrganRole.objects.filter(user=user).values_list("organ", "role")) == [(None, "admin")]
    page = client_admin.get("/roller/").content.decode()
    assert "bo är nu administratör för hela kommunen." in page
    record = AuditRecord.objects.get()
    assert record.changes == {"user": [None, "bo"], "role": [None, "administratör"], "site_wide": True}
    # The log tells it the same way.
    assert "gav bo rollen administratör för hela kommunen" in client_admin.get("/logg/").content.decode()


def test_grant_form_refuses_an_organ_with_the_administrator_role(client_admin, board_a):
    f.UserFactory(username="bo")
    response = client_admin.post("/roller/", {"user": "bo", "role": "admin", "organ": board_a.pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert "En administratör gäller hela kommunen och ges utan organ. Lämna organ tomt." in html
    assert (OrganRole.objects.count(), AuditRecord.objects.count()) == (0, 0)


def test_grant_form_asks_for_the_organ_of_an_organ_role(client_admin, board_a):
    f.UserFactory(username="bo")
    response = client_admin.post("/roller/", {"user": "bo", "role": "reader", "organ": ""})
    assert response.status_code == 200
    assert "Välj organet som rollen gäller." in response.content.decode()
    assert OrganRole.objects.count() == 0


def test_admin_revokes_an_administrator_for_the_whole_municipality(client_admin, board_a):
    role = f.OrganRoleFactory(organ=None, role=OrganRole.Role.ADMIN, user__username="stadsledning")
    response = client_admin.post(f"/roller/{role.pk}/ta-bort/", follow=True)
    assert "stadsledning är inte längre administratör för hela kommunen." in response.content.decode()
    assert OrganRole.objects.count() == 0


def test_roles_page_queries_are_bounded(client_admin, board_a, django_assert_max_num_queries):
    def make(n):
        for i in range(n):
            f.OrganRoleFactory(organ=None, role=OrganRole.Role.ADMIN, user__username=f"admin{n}-{i}")
            f.OrganRoleFactory(organ=board_a, role=OrganRole.Role.READER, user__username=f"lasare{n}-{i}")

    make(2)
    with django_assert_max_num_queries(12) as small:
        client_admin.get("/roller/")
    make(10)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client_admin.get("/roller/").status_code == 200
