"""Every page in a real browser: it loads (200, one <h1>, nothing on the console, no CSP violation) and
axe-core finds zero WCAG 2.1 AA violations."""

import pytest

from tests.e2e import helpers

# The live server needs a transactional database; serialized_rollback restores the data the migrations
# ship (Agenda 2030's goals and targets) after each test's flush.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

READING_PAGES = {
    "styrkedjan": lambda w: "/",
    "vem-kor": lambda w: "/vem-kor/",
    "organ": lambda w: f"/organ/{w.board.slug}/",
    "mal": lambda w: f"/mal/{w.goal.pk}/",
    "uppdrag": lambda w: f"/uppdrag/{w.assignment.pk}/",
    "logga-in": lambda w: "/konto/logga-in/",
}

EDITING_FORMS = {
    "mal-nytt": lambda w: f"/organ/{w.board.slug}/mal/nytt/",
    "mal-andra": lambda w: f"/mal/{w.goal.pk}/andra/",
    "nyckeltal-nytt": lambda w: f"/mal/{w.goal.pk}/nyckeltal/nytt/",
    "nyckeltal-andra": lambda w: f"/nyckeltal/{w.indicator.pk}/andra/",
    "nyckeltal-varden": lambda w: f"/nyckeltal/{w.indicator.pk}/varden/",
    "uppdrag-nytt": lambda w: f"/organ/{w.board.slug}/uppdrag/nytt/",
    "uppdrag-andra": lambda w: f"/uppdrag/{w.assignment.pk}/andra/",
}


@pytest.mark.parametrize("name", list(READING_PAGES))
def test_reading_page_loads_and_is_accessible(page, base_url, world, name):
    helpers.check_page(page, base_url + READING_PAGES[name](world))


@pytest.mark.parametrize("name", list(EDITING_FORMS))
def test_editing_form_loads_and_is_accessible(page, base_url, world, name):
    helpers.sign_in_by_cookie(page, world.editor, base_url)
    helpers.check_page(page, base_url + EDITING_FORMS[name](world))
    assert page.locator("main form[method=post]").count() == 1


def test_form_with_validation_errors_is_accessible(page, base_url, world):
    helpers.sign_in_by_cookie(page, world.editor, base_url)
    url = base_url + EDITING_FORMS["mal-nytt"](world)
    helpers.open_page(page, url)
    form = page.locator("main form[method=post]")
    # Switch off the browser's own checks of `required` fields, so the empty form reaches the server
    # and comes back with the server's error messages.
    form.evaluate("form => { form.noValidate = true; }")
    with page.expect_navigation():
        form.locator("[type=submit]").last.click()
    helpers.assert_page_sound(page)
    assert page.url == url
    assert page.get_by_text("Detta fält måste fyllas i.").count() >= 1
    helpers.assert_accessible(page)


def test_start_page_in_english_is_accessible(page, base_url, world):
    helpers.open_page(page, base_url + "/")
    with page.expect_navigation():
        page.get_by_role("button", name="English").click()
    helpers.assert_page_sound(page)
    assert page.locator("html").get_attribute("lang") == "en"
    helpers.assert_accessible(page)
