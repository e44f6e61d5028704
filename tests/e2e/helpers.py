"""Helpers for the browser tests: open a page and check it, run axe-core, sign in."""

import weakref
from pathlib import Path

from django.conf import settings
from django.test import Client
from playwright.sync_api import Page

BASE_DIR = Path(__file__).resolve().parents[2]
AXE_JS = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
WCAG_21_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PASSWORD = "lösenord-för-test"  # the password tests/factories gives every user

# Reports every Content-Security-Policy violation as a console error, so the console listener of the
# `page` fixture fails the test on it (Chromium logs most violations itself; this also catches the
# ones it reports only to the page). Init scripts are injected by the browser, not subject to the CSP.
CSP_LISTENER_JS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
});
"""

_axe_source: str | None = None


def axe_source() -> str:
    global _axe_source
    if _axe_source is None:
        _axe_source = AXE_JS.read_text(encoding="utf-8")
    return _axe_source


_problems: "weakref.WeakKeyDictionary[Page, list[str]]" = weakref.WeakKeyDictionary()


def watch_console(page: Page) -> None:
    """Record the page's console errors, uncaught exceptions and CSP violations from now on."""
    problems = _problems.setdefault(page, [])
    page.add_init_script(CSP_LISTENER_JS)

    def on_console(msg):
        if msg.type == "error":
            where = msg.location.get("url") or page.url
            problems.append(f"console error at {where}: {msg.text}")

    def on_response(response):
        # The console says "Failed to load resource" without the address; this names it.
        if response.status >= 400 and response.request.resource_type != "document":
            problems.append(f"{response.request.resource_type} {response.url} answered {response.status}")

    def on_request_failed(request):
        # ERR_ABORTED is a request the browser dropped itself (a navigation started, or a 4xx/5xx that
        # on_response has already named); anything else (refused connection, ...) is a problem.
        if "ERR_ABORTED" not in (request.failure or ""):
            problems.append(f"request failed: {request.url} {request.failure}")

    page.on("console", on_console)
    page.on("response", on_response)
    page.on("requestfailed", on_request_failed)
    page.on("pageerror", lambda exc: problems.append(f"uncaught exception: {exc}"))


def console_problems(page: Page) -> list[str]:
    """What the page has reported on the console so far (see watch_console)."""
    return _problems[page]


def open_page(page: Page, url: str, *, status: int = 200):
    """Go to `url` and check the page: the status, exactly one <h1>, no console error."""
    response = page.goto(url)
    assert response is not None, f"no response for {url}"
    assert response.status == status, f"{url} answered {response.status}, expected {status}"
    assert_page_sound(page)
    return response


def assert_page_sound(page: Page) -> None:
    """One main heading, and nothing wrong reported on the console (errors, exceptions, CSP)."""
    page.wait_for_load_state("load")
    headings = page.locator("h1").count()
    assert headings == 1, f"{page.url} has {headings} <h1> elements, expected exactly 1"
    problems = console_problems(page)
    assert problems == [], f"{page.url} reported problems on the console: {problems}"


def axe_violations(page: Page) -> list[dict]:
    """Run axe-core in the page (WCAG 2.1 A and AA rules) and return its violations.

    page.evaluate() runs through the DevTools protocol, so the page's CSP (script-src 'self') does not
    block axe, and the CSP listener does not see it."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    result = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: "tag", values: tags},
                                               resultTypes: ["violations"]});
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target, summary: n.failureSummary, html: n.html})),
            }));
        }""",
        WCAG_21_AA_TAGS,
    )
    return result


def format_violations(url: str, violations: list[dict]) -> str:
    lines = [f"axe-core found {len(violations)} WCAG 2.1 AA violation(s) on {url}:"]
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"][:10]:
            target = " ".join(str(t) for t in node["target"])
            summary = " ".join((node["summary"] or "").split())
            lines.append(f"    at {target}: {node['html'][:160]}")
            lines.append(f"       {summary[:300]}")
        if len(v["nodes"]) > 10:
            lines.append(f"    … and {len(v['nodes']) - 10} more node(s)")
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    """Zero WCAG 2.1 AA violations reported by axe-core on the current page."""
    violations = axe_violations(page)
    assert violations == [], format_violations(page.url, violations)


def check_page(page: Page, url: str) -> None:
    """The whole check every page gets: loads with 200 and one <h1>, no console errors, axe-clean."""
    open_page(page, url)
    assert_accessible(page)
    problems = console_problems(page)
    assert problems == [], f"{page.url} reported problems on the console: {problems}"


def sign_in_by_cookie(page: Page, user, base_url: str) -> None:
    """Sign `user` in without the form (the flows test the form itself): make a session the way
    Django's test client does and give its cookie to the browser context."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])


def sign_in_by_form(page: Page, base_url: str, username: str, password: str = PASSWORD) -> None:
    """Sign in the way a person does: type the username and password into the sign-in form."""
    open_page(page, f"{base_url}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state("load")
