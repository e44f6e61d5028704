"""A board's own way in, in a real browser with axe: Mitt arbete (an editor's, an administrator's with
the filter, and a user's without a role), sign-in landing there, and the goal form whose commitments,
council goals and Agenda 2030 targets follow the choices through htmx."""

import pytest

from tests import factories as f
from tests.e2e import helpers

pytestmark = pytest.mark.browser


def test_editor_lands_on_my_work_after_sign_in_and_it_is_accessible(page, base_url, world):
    helpers.sign_in_by_form(page, base_url, world.editor.username)
    assert page.url == f"{base_url}/mitt-arbete/"
    helpers.assert_page_sound(page)
    assert page.locator("h1").inner_text() == "Mitt arbete 2024"
    assert page.get_by_role("heading", name="Skolnämnden", level=2).count() == 1
    assert page.get_by_text("2 av 3 mål").count() == 1
    assert page.get_by_role("link", name="Mitt arbete").get_attribute("aria-current") == "page"
    helpers.assert_accessible(page)


def test_administrators_my_work_with_the_filter_is_accessible(page, base_url, world):
    admin = f.UserFactory(username="admin-mitt", is_superuser=True, is_staff=True)
    helpers.sign_in_by_cookie(page, admin, base_url)
    helpers.check_page(page, f"{base_url}/mitt-arbete/")
    page.get_by_label("Slag av organ").select_option(value="board")
    page.get_by_label("Bara organ med något att åtgärda").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Filtrera").click()
    helpers.assert_page_sound(page)
    assert "kind=board" in page.url and "problems=on" in page.url
    assert page.get_by_role("heading", name="Skolnämnden", level=2).count() == 1
    helpers.assert_accessible(page)


def test_my_work_without_a_role_is_accessible(page, base_url, world):
    helpers.sign_in_by_cookie(page, f.UserFactory(username="utan-roll"), base_url)
    helpers.check_page(page, f"{base_url}/mitt-arbete/")
    assert page.get_by_role("heading", name="Du har ingen roll på något organ ännu").count() == 1
    assert page.get_by_role("link", name="Till Styrkedjan 2024").count() == 1


def test_goal_form_follows_the_area_and_the_goals_with_htmx(page, base_url, world):
    helpers.sign_in_by_cookie(page, world.editor, base_url)
    helpers.check_page(page, f"{base_url}/organ/{world.board.slug}/mal/nytt/?year={world.year}")
    assert page.get_by_text("Skolnämnden har 2 av 3 mål för 2024.").count() == 1
    commitments = page.locator("#goal-area-fields")
    klimat = commitments.get_by_label("Minskar kommunens fossilberoende.")
    social = commitments.get_by_label("Ökar möjligheten till stöd och lärande för alla barn och unga.")
    # No area chosen: every area's commitments are there.
    assert klimat.is_visible() and social.is_visible()

    # Choosing the area re-renders the commitments: the area's shown, the other folded away.
    with page.expect_response(lambda r: "part=area" in r.url):
        page.get_by_label("Målområde").select_option(label="En jämlik, trygg och socialt hållbar kommun")
    page.wait_for_selector("#goal-area-fields details.choice-others")
    assert social.is_visible() and not klimat.is_visible()
    helpers.assert_accessible(page)

    # Choosing an Agenda 2030 goal opens its targets first; a ticked target stays ticked.
    targets = page.locator("#goal-sdg-targets")
    assert targets.locator("details[open]").count() == 0
    with page.expect_response(lambda r: "part=sdg" in r.url):
        page.get_by_label("4. God utbildning för alla").check()
    page.wait_for_selector("#goal-sdg-targets details[open]")
    assert targets.locator("details[open] > summary").all_inner_texts() == ["4. God utbildning för alla"]
    first_target = targets.locator("details[open] input[type=checkbox]").first
    first_target.check()
    with page.expect_response(lambda r: "part=sdg" in r.url):
        page.get_by_label("13. Bekämpa klimatförändringarna").check()
    page.wait_for_function("() => document.querySelectorAll('#goal-sdg-targets details[open]').length === 2")
    assert targets.locator("details[open] input[type=checkbox]:checked").count() == 1
    assert helpers.console_problems(page) == []
    helpers.assert_accessible(page)
