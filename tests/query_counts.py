"""Query counts that catch growth, not only a ceiling: count a page's SQL queries, add more of what the
page could list or look up, and count again — the two counts must be equal."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_of(client, url: str, data: dict | None = None, **extra) -> int:
    """The number of SQL queries of one GET that answers 200."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, data, **extra)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured)
