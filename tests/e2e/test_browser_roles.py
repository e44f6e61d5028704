"""The page Roller in a real browser, without JavaScript doing the work: an administrator is made for
the whole municipality with a form that has no organ picker, an organ role without its organ comes back
with an error, and every state has zero axe violations."""

import pytest

from styrkraft.org.models import OrganRole
from tests import factories as f
from tests.e2e import helpers

pytestmark = pytest.mark.browser


def test_roles_page_administrator_for_the_whole_municipality(page, base_url, world):
    admin = f.UserFactory(username="admin-roller", is_superuser=True, is_staff=True)
    f.UserFactory(username="bo")
    helpers.sign_in_by_cookie(page, admin, base_url)
    helpers.check_page(page, base_url + "/roller/")

    admin_form = page.locator("form", has=page.get_by_role("button", name="Gör till administratör"))
    assert admin_form.locator("select").count() == 0  # no organ picker
    admin_form.get_by_label("Användare").fill("bo")
    with page.expect_navigation():
        admin_form.get_by_role("button", name="Gör till administratör").click()
    helpers.assert_page_sound(page)
    assert page.get_by_text("bo är nu administratör för hela kommunen.").count() == 1
    row = page.get_by_role("row").filter(has_text="Ta bort bo som administratör för hela kommunen")
    cells = row.get_by_role("cell").all_inner_texts()[:3]
    assert cells == ["Hela kommunen", "Administratör", "bo (bo@example.se)"]
    assert list(OrganRole.objects.filter(user__username="bo").values_list("organ", "role")) == [
        (None, "admin")
    ]
    helpers.assert_accessible(page)

    organ_form = page.locator("form", has=page.get_by_role("button", name="Ge rollen"))
    organ_form.get_by_label("Användare").fill("bo")
    organ_form.get_by_label("Roll").select_option("reader")
    with page.expect_navigation():
        organ_form.get_by_role("button", name="Ge rollen").click()
    helpers.assert_page_sound(page)
    summary = page.get_by_role("alert").get_by_role("listitem")
    assert summary.all_inner_texts() == ["Organ: Välj organet som rollen gäller."]
    helpers.assert_accessible(page)
