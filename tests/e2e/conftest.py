"""Fixtures of the browser tests: one headless Chromium (Debian's package) for the whole session, a
fresh browser context and page per test, and the live server with a small municipality in its database.
"""

import os

import pytest

# Playwright's sync API runs an asyncio event loop in the test's thread, and the session's browser keeps
# it there from the first browser test to the end of the run. Django sees that loop and refuses ORM calls
# "from an async context" (SynchronousOnlyOperation) when a test builds its data or signs in. The test code
# is synchronous and never shares a connection with the loop, so the check is a false alarm here. This
# conftest is only imported when tests/e2e is collected, but then it holds for the whole pytest process.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytest.register_assert_rewrite("tests.e2e.helpers")

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.e2e import helpers  # noqa: E402
from tests.e2e.data import build_small_world  # noqa: E402


@pytest.fixture(scope="session")
def browser():
    if not helpers.CHROMIUM.exists():
        pytest.fail(
            f"The browser tests need Debian's Chromium at {helpers.CHROMIUM}, which is missing. "
            "Run `make test`: it installs the `chromium` package (Playwright's own browser download "
            "is not used).",
            pytrace=False,
        )
    if not helpers.AXE_JS.exists():
        pytest.fail(
            f"The browser tests need axe-core at {helpers.AXE_JS}, which is missing. "
            "Run `make test`: it installs axe-core from npm (package.json).",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(helpers.CHROMIUM), headless=True, args=helpers.CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    """A page whose console errors, uncaught exceptions and CSP violations fail the test."""
    page = context.new_page()
    helpers.watch_console(page)
    yield page
    problems = helpers.console_problems(page)
    assert problems == [], f"the page reported problems on the console: {problems}"


@pytest.fixture
def base_url(live_server):
    return live_server.url


@pytest.fixture
def world(live_server):
    """The small municipality, written to the live server's database (the test's DB is transactional,
    so the server thread sees it)."""
    return build_small_world()
