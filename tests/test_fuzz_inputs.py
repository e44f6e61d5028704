"""No input gives a server error (issue 8, point 4), checked with generated input (hypothesis).

For every mutating URL of the permission matrix (tests/test_permission_matrix.py: its MATRIX, its world
and its WRITE_CASES, not a list of our own), a user allowed to post sends the case's valid form with
some of its fields replaced by hostile values: huge and negative numbers, empty, very long text, control
and odd unicode characters, bytes that are not UTF-8, several values where one is expected. The fields
are the case's own and every field of the page's forms. Whatever comes back is not a 5xx, and a refusal
(anything but a redirect without an error message) changes neither the data nor the audit trail.

Each example runs inside a savepoint that is rolled back, so every example starts from the same world
although the fixtures are function-scoped (hence the suppressed health check)."""

import re
import urllib.parse

import pytest
from django.contrib import messages
from django.contrib.messages import get_messages
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from styrkraft.core.models import AuditRecord
from tests.test_permission_matrix import (  # noqa: F401 (world: the matrix's fixture, asked for by name)
    ADMIN,
    CLIENTS,
    EDITOR,
    MATRIX,
    READ_URLS,
    WRITE_CASES,
    url_patterns,
    world,
)

# The world is asked for inside the tests (by name): the database must be set up before.
pytestmark = pytest.mark.django_db

WRITES = [key for key, entry in MATRIX.items() if entry.kind == "write"]
HUGE = 99999999999999999999
FIELD_NAME = re.compile(r'<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"')
NOT_FUZZED = {"csrfmiddlewaretoken", "fil"}  # the token is not checked by the test client; a file is a file

# One hostile value for one field.
NUMBERS = st.one_of(
    st.sampled_from([HUGE, -HUGE, 2**63, 2**63 - 1, -(2**63) - 1, 2**31, -1, 0]),
    st.integers(min_value=-(10**30), max_value=10**30),
)
TEXTS = st.one_of(
    st.just(""),
    st.text(st.characters(exclude_categories=["Cs"]), max_size=30),  # control characters, NUL, unicode
    st.sampled_from(["\x00", " ", "²", "٣", "1e400", "NaN", "-0", "1 234,5", "2024-02-30", "9999-12-31"]),
    st.builds(
        lambda c, n: c * n, st.sampled_from(["x", "å", "9", "-"]), st.sampled_from([301, 5001, 100_001])
    ),
)
NOT_UTF8 = st.sampled_from([b"\xff\xfe", b"\xc3", b"caf\xe9", b"\x80\x81"])
# Values known to have broken inputs somewhere, drawn often (one_of picks each branch alike).
KNOWN = st.sampled_from([str(HUGE), str(-HUGE), str(2**63), "²", "\x00", "", "x" * 100_001, b"\xff"])
VALUES = st.one_of(KNOWN, NUMBERS.map(str), TEXTS, NOT_UTF8)
FIELD_VALUE = st.one_of(VALUES, st.lists(VALUES, min_size=2, max_size=3))


def _poster(entry) -> str:
    """A role allowed to post to the URL: the organ's editor where the editors may, else administrator."""
    return EDITOR if EDITOR in entry.allowed else ADMIN


def _field_names(client, url: str, data: dict) -> list[str]:
    """The case's fields and those of every form on the page (a POST-only URL has no page)."""
    response = client.get(url)
    found = FIELD_NAME.findall(response.content.decode()) if response.status_code == 200 else []
    return sorted(({*data, *found, "version"}) - NOT_FUZZED)


def _with_year(url: str, year) -> str:
    """The URL with its ?year= replaced (when it has one)."""
    parts = urllib.parse.urlsplit(url)
    if "year=" not in parts.query:
        return url
    year = year.decode("latin-1") if isinstance(year, bytes) else year
    return parts._replace(query=urllib.parse.urlencode({"year": year})).geturl()


def _refused(response) -> bool:
    if response.status_code != 302:
        return True
    return any(m.level == messages.ERROR for m in get_messages(response.wsgi_request))


@pytest.mark.parametrize("key", WRITES)
@settings(
    max_examples=20,
    deadline=None,
    derandomize=True,  # the same examples on every run: a failure is found again, and CI stays steady
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_input_to_a_mutating_url_gives_a_server_error(request, key, data):
    w = request.getfixturevalue("world")
    entry = MATRIX[key]
    client = request.getfixturevalue(CLIENTS[_poster(entry)])
    with transaction.atomic():
        case = WRITE_CASES[key](w)
        names = _field_names(client, case.url, case.data)
        chosen = data.draw(st.lists(st.sampled_from(names), min_size=1, max_size=3, unique=True))
        form = dict(case.data) | {name: data.draw(FIELD_VALUE, label=name) for name in chosen}
        url = _with_year(case.url, data.draw(VALUES)) if data.draw(st.booleans()) else case.url
        before, records = case.state(), AuditRecord.objects.count()
        response = client.post(url, form)
        assert response.status_code < 500
        if _refused(response):
            assert (case.state(), AuditRecord.objects.count()) == (before, records)
        transaction.set_rollback(True)


# Every URL of the matrix with a number in its path (a pk), reading and writing.
WITH_IDS = sorted(
    key for key, route in url_patterns() if "<int:" in route and (key in WRITES or key in READ_URLS)
)


@pytest.mark.parametrize("key", WITH_IDS)
def test_an_id_too_large_for_the_database_in_a_url_is_not_found(request, key):
    """The pk in the path replaced by one no database column holds: not found, nothing changed."""
    w = request.getfixturevalue("world")
    client = request.getfixturevalue(CLIENTS[ADMIN])
    url = WRITE_CASES[key](w).url if key in WRITE_CASES else READ_URLS[key](w)
    path, _sep, query = url.partition("?")
    for number in (HUGE, 2**63):
        huge = re.sub(r"/\d+(?=/)", f"/{number}", path, count=1) + (f"?{query}" if query else "")
        assert huge != url
        records = AuditRecord.objects.count()
        assert client.get(huge).status_code in (404, 405)
        assert client.post(huge, {"version": "1"}).status_code == 404
        assert AuditRecord.objects.count() == records


# --- Found by the tests above or beside them: ids and years in URLs and query parameters ----------


@pytest.mark.parametrize("odd", ["²", "٣", str(HUGE), "9" * 5000])
def test_odd_ids_and_years_in_urls_and_query_parameters_are_not_found(request, client_a, odd):
    """Python's isdigit() says yes to '²' and '٣', which int() refuses, and int() refuses more than 4,300
    digits: these were server errors."""
    w = request.getfixturevalue("world")
    assert client_a.get(f"/historik/steering.goal/{odd}/").status_code == 404
    assert client_a.get(f"/organ/{w.board_a.slug}/mal/nytt/?year={odd}").status_code == 404
    assert client_a.get(f"/nyckeltal/kolada-sok/?q=cykel&mal={odd}").status_code == 200
