"""The error pages in a real browser: 403, 404 and 500 in the site's layout with its stylesheet, in
Swedish and English, axe finds no WCAG 2.1 AA violation, and the ways back lead back."""

import pytest

from tests.e2e import helpers

pytestmark = pytest.mark.browser


def _answered(page, url: str, status: str) -> None:
    """Chromium reports a document's 4xx/5xx status on the console; that one line is the error page's
    own status, and anything else on the console (a stylesheet that did not load, a CSP violation) still
    fails the test."""
    problems = helpers.console_problems(page)
    assert problems == [
        f"console error at {url}: Failed to load resource: the server responded with a status of {status}"
    ]
    problems.clear()
    helpers.assert_page_sound(page)


def _styled(page) -> bool:
    """The site's stylesheet applies (the skip link is moved out of sight by styrkraft.css)."""
    return page.locator(".skip-link").evaluate("e => getComputedStyle(e).position") == "absolute"


def test_404_page_is_accessible_and_leads_back(page, base_url, world):
    url = f"{base_url}/finns-inte/"
    page.goto(url, referer=f"{base_url}/vem-kor/")
    _answered(page, url, "404 (Not Found)")
    assert (page.locator("h1").inner_text(), _styled(page)) == ("Sidan finns inte", True)
    helpers.assert_accessible(page)
    page.get_by_role("link", name="Tillbaka till föregående sida").click()
    page.wait_for_load_state("load")
    assert page.url == f"{base_url}/vem-kor/"
    page.goto(url)
    _answered(page, url, "404 (Not Found)")
    page.get_by_role("link", name="Till startsidan").click()
    page.wait_for_load_state("load")
    assert page.url == f"{base_url}/"


def test_403_page_is_accessible_and_says_why(page, base_url, world):
    helpers.sign_in_by_cookie(page, world.editor, base_url)
    url = f"{base_url}/logg/"
    page.goto(url, referer=f"{base_url}/vem-kor/")
    _answered(page, url, "403 (Forbidden)")
    assert page.locator("h1").inner_text() == "Du har inte behörighet"
    assert page.locator(".lead").inner_text() == "Loggen över alla ändringar är till för administratörer."
    assert page.get_by_role("link", name="Tillbaka till föregående sida").count() == 1
    helpers.assert_accessible(page)


@pytest.mark.parametrize(
    ("language", "heading", "start"),
    [("sv", "Något gick fel", "Till startsidan"), ("en", "Something went wrong", "To the start page")],
)
def test_500_page_is_accessible_in_both_languages(page, base_url, world, settings, language, heading, start):
    settings.ROOT_URLCONF = "tests.core.error_urls"  # adds /test/fel/, a page that fails
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": base_url}])
    url = f"{base_url}/test/fel/"
    page.goto(url)
    _answered(page, url, "500 (Internal Server Error)")
    assert (page.locator("html").get_attribute("lang"), page.locator("h1").inner_text()) == (
        language,
        heading,
    )
    assert _styled(page) is True
    helpers.assert_accessible(page)
    page.get_by_role("link", name=start).click()
    page.wait_for_load_state("load")
    assert page.url == f"{base_url}/"
