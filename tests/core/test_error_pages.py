"""The error pages (400, 403, 404, 500) in the site's layout and the visitor's language, with a way back
to the page before and to the start page; the 500 page also when the database cannot be reached."""

import pytest
from django.conf import settings
from django.db import OperationalError, connection
from django.test import Client, override_settings

from tests import factories as f

START = '<a class="button button-secondary" href="/">Till startsidan</a>'
BACK = '<a class="button" href="http://testserver/vem-kor/">Tillbaka till föregående sida</a>'
FAILS = "/test/fel/"
TEST_URLS = override_settings(ROOT_URLCONF="tests.core.error_urls")


def _html(response) -> str:
    return " ".join(response.content.decode().split())


def _english(client: Client) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_404_is_swedish_in_the_layout_with_the_way_to_the_start_page(anonymous, municipality):
    response = anonymous.get("/finns-inte/")
    html = _html(response)
    assert (response.status_code, response["Content-Type"]) == (404, "text/html; charset=utf-8")
    assert '<html lang="sv">' in html
    assert "<title>Sidan finns inte – Testkommun – Styrkraft</title>" in html
    assert "<h1>Sidan finns inte</h1>" in html
    assert (
        '<p class="lead">Det finns ingen sida på den här adressen. Den kan ha flyttats eller tagits bort, '
        "eller så är adressen felstavad.</p>"
    ) in html
    assert '<nav class="site-nav" aria-label="Huvudmeny">' in html
    assert (START in html, "Tillbaka till föregående sida" in html) == (True, False)


def test_404_says_what_the_view_did_not_find(anonymous, municipality):
    response = anonymous.get("/mal/999999/")
    assert (response.status_code, '<p class="lead">Målet finns inte.</p>' in _html(response)) == (404, True)


def test_404_leaves_out_djangos_english_model_message(client_a, board_a):
    response = client_a.get("/historik/steering.goal/999999/")
    html = _html(response)
    assert (response.status_code, "matches the given query" in html, "<h1>Sidan finns inte</h1>" in html) == (
        404,
        False,
        True,
    )


def test_404_offers_the_way_back_to_the_page_before_on_this_site(anonymous, municipality):
    response = anonymous.get("/finns-inte/", HTTP_REFERER="http://testserver/vem-kor/")
    html = _html(response)
    assert (response.status_code, BACK in html, START in html) == (404, True, True)


@pytest.mark.parametrize(
    "referer", ["https://example.invalid/vem-kor/", "javascript:alert(1)", "http://testserver/finns-inte/"]
)
def test_404_offers_no_way_back_to_another_site_or_the_same_page(anonymous, municipality, referer):
    response = anonymous.get("/finns-inte/", HTTP_REFERER=referer)
    assert (response.status_code, "Tillbaka till föregående sida" in _html(response)) == (404, False)


def test_404_in_english_by_accept_language(municipality):
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get("/finns-inte/")
    html = _html(response)
    assert (response.status_code, '<html lang="en">' in html, "<h1>Page not found</h1>" in html) == (
        404,
        True,
        True,
    )
    assert '<a class="button button-secondary" href="/">To the start page</a>' in html


def test_404_in_english_by_the_language_cookie(municipality):
    response = _english(Client()).get("/finns-inte/", HTTP_REFERER="http://testserver/vem-kor/")
    html = _html(response)
    assert (response.status_code, "<h1>Page not found</h1>" in html) == (404, True)
    assert '<a class="button" href="http://testserver/vem-kor/">Back to the previous page</a>' in html


def test_403_says_why_and_offers_the_ways_back(client_b, board_a):
    goal = f.GoalFactory(organ=board_a)
    response = client_b.get(f"/mal/{goal.pk}/", HTTP_REFERER="http://testserver/vem-kor/")
    html = _html(response)
    assert (response.status_code, '<html lang="sv">' in html, "<h1>Du har inte behörighet</h1>" in html) == (
        403,
        True,
        True,
    )
    assert (
        '<p class="lead">Det här är ett utkast eller material som inte är offentligt. Det syns för dem som har '
        "en roll i organet.</p>"
    ) in html
    assert (BACK in html, START in html) == (True, True)


def test_403_in_english(client_b, board_a):
    goal = f.GoalFactory(organ=board_a)
    response = _english(client_b).get(f"/mal/{goal.pk}/")
    html = _html(response)
    assert (response.status_code, '<html lang="en">' in html, "<h1>Permission denied</h1>" in html) == (
        403,
        True,
        True,
    )
    assert "This is a draft or material that is not public." in html


def test_400_for_an_unknown_host_is_swedish_in_the_layout(anonymous, municipality):
    response = anonymous.get("/", HTTP_HOST="styrning.example.invalid")
    html = _html(response)
    assert (response.status_code, '<html lang="sv">' in html, "<h1>Felaktig förfrågan</h1>" in html) == (
        400,
        True,
        True,
    )
    assert (START in html, "Tillbaka till föregående sida" in html) == (True, False)


def test_400_in_english(municipality):
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get("/", HTTP_HOST="styrning.example.invalid")
    assert (response.status_code, "<h1>Bad request</h1>" in _html(response)) == (400, True)


@TEST_URLS
def test_500_is_swedish_with_the_ways_back(db):
    client = Client(raise_request_exception=False)
    response = client.get(FAILS, HTTP_REFERER="http://testserver/vem-kor/")
    html = _html(response)
    assert (response.status_code, response["Content-Type"]) == (500, "text/html; charset=utf-8")
    assert '<html lang="sv">' in html
    assert "<h1>Något gick fel</h1>" in html
    assert '<link rel="stylesheet" href="/static/styrkraft/styrkraft.css">' in html
    assert (BACK in html, START in html, "<style" in html, "<script" in html) == (True, True, False, False)


@TEST_URLS
def test_500_in_english_by_accept_language_and_by_cookie(db):
    by_header = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="en").get(FAILS)
    by_cookie = _english(Client(raise_request_exception=False)).get(FAILS)
    for response in (by_header, by_cookie):
        html = _html(response)
        assert (
            response.status_code,
            '<html lang="en">' in html,
            "<h1>Something went wrong</h1>" in html,
        ) == (
            500,
            True,
            True,
        )


def _unreachable(execute, sql, params, many, context):
    raise OperationalError("could not connect to server: the database is unreachable")


def test_500_renders_when_the_database_is_unreachable(anonymous, municipality, editor_a):
    """Every query fails, as when the database server has gone away: the start page, the session and the
    signed-in user's roles cannot be read, and the 500 page still renders, without a query."""
    anonymous.force_login(editor_a)
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="en")
    client.cookies.update(anonymous.cookies)
    with connection.execute_wrapper(_unreachable):
        response = client.get("/", HTTP_REFERER="http://testserver/vem-kor/")
    html = _html(response)
    assert (response.status_code, '<html lang="en">' in html, "<h1>Something went wrong</h1>" in html) == (
        500,
        True,
        True,
    )
    assert '<a class="button" href="http://testserver/vem-kor/">Back to the previous page</a>' in html
