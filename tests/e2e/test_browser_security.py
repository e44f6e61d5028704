"""The refusal pages of sign-in security in a real browser: the lockout after too many failed sign-ins
and the CSRF failure page load soundly and axe finds no WCAG 2.1 AA violation."""

import pytest

from tests.e2e import helpers

pytestmark = pytest.mark.browser


def _refused_with(page, base_url, status: str) -> None:
    """Chromium reports a document's 4xx status on the console; that one line is the refusal itself,
    and anything else on the console still fails the test."""
    problems = helpers.console_problems(page)
    expected = (
        f"console error at {base_url}/konto/logga-in/: Failed to load resource: "
        f"the server responded with a status of {status}"
    )
    assert problems == [expected]
    problems.clear()
    helpers.assert_page_sound(page)


def test_lockout_page_after_five_failures_is_accessible(page, base_url, world):
    for _ in range(4):
        helpers.sign_in_by_form(page, base_url, world.editor.username, password="fel-lösenord")
    helpers.open_page(page, f"{base_url}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(world.editor.username)
    page.get_by_label("Lösenord").fill("fel-lösenord")
    with page.expect_navigation():
        page.get_by_role("button", name="Logga in").click()
    _refused_with(page, base_url, "429 (Too Many Requests)")
    assert page.locator("h1").inner_text() == "För många misslyckade inloggningar"
    assert page.get_by_role("alert").inner_text().startswith("Inloggningen är tillfälligt spärrad efter 5")
    helpers.assert_accessible(page)


def test_csrf_failure_page_is_accessible(page, base_url, world):
    helpers.open_page(page, f"{base_url}/konto/logga-in/")
    page.context.clear_cookies()
    page.get_by_label("Användarnamn").fill(world.editor.username)
    page.get_by_label("Lösenord").fill("fel-lösenord")
    with page.expect_navigation():
        page.get_by_role("button", name="Logga in").click()
    _refused_with(page, base_url, "403 (Forbidden)")
    assert page.locator("h1").inner_text() == "Formuläret kunde inte skickas"
    assert page.get_by_role("button", name="Logga ut").count() == 0
    helpers.assert_accessible(page)
