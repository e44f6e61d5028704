"""The administrators' log (/logg/): every audit record, newest first, 50 per page, searchable; only for
administrators."""

import datetime
import re
from html import unescape

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from styrkraft.core.models import AuditRecord
from styrkraft.steering import services
from tests import factories as f

LOG = "/logg/"


def _record(n: int, **values) -> AuditRecord:
    defaults = {
        "actor_label": "anna",
        "action": AuditRecord.Action.UPDATE,
        "item_type": "steering.goal",
        "item_id": str(n),
        "item_label": f"Mål nummer {n}",
        "changes": {"title": [f"Före {n}", f"Efter {n}"]},
    }
    return AuditRecord(**{**defaults, **values})


def _make(records: list[AuditRecord], at: datetime.datetime | None = None) -> None:
    """Create records one minute apart (the last one newest), from `at` on."""
    AuditRecord.objects.bulk_create(records)
    start = at or timezone.make_aware(datetime.datetime(2024, 5, 1, 9, 0))
    for i, record in enumerate(AuditRecord.objects.order_by("id")):
        AuditRecord.objects.filter(pk=record.pk).update(at=start + datetime.timedelta(minutes=i))


def _labels(response) -> list[str]:
    """The item labels in the log's table, in order."""
    rows = re.findall(r'<th scope="row">(.*?)</th>', response.content.decode(), flags=re.S)
    return [unescape(re.sub(r"<[^>]+>", "", r)).split(": ", 1)[1].strip() for r in rows]


def test_url_is_the_log():
    assert reverse("core:log") == LOG


def test_anonymous_is_sent_to_sign_in(anonymous):
    response = anonymous.get(LOG)
    assert (response.status_code, response["Location"]) == (302, f"{reverse(settings.LOGIN_URL)}?next={LOG}")


def test_editor_is_refused(client_a):
    response = client_a.get(LOG)
    assert response.status_code == 403
    assert "Loggen över alla ändringar är till för administratörer." in response.content.decode()


def test_administrator_by_role_sees_the_log(board_a):
    from django.test import Client

    from styrkraft.org.models import OrganRole

    admin = f.OrganRoleFactory(organ=None, role=OrganRole.Role.ADMIN, user__username="stadsledning").user
    client = Client()
    client.force_login(admin)
    assert client.get(LOG).status_code == 200


def test_admin_sees_every_change_newest_first_in_plain_swedish(client_admin, board_a, target_areas, editor_a):
    goal = services.goal_create(
        actor=editor_a, organ=board_a, year=2024, title="Fler resor", target_area=target_areas[0]
    )
    services.goal_update(actor=editor_a, goal=goal, expected_version=1, title="Fler resor med buss")
    response = client_admin.get(LOG)
    assert response.status_code == 200
    html = response.content.decode()
    assert _labels(response) == ["Fler resor med buss", "Fler resor"]
    assert "ändrade Mål från ”Fler resor” till ”Fler resor med buss”" in html
    assert f'href="{reverse("core:history", args=["steering.goal", goal.pk])}"' in html
    assert "2 ändringar." in html


def test_filters(client_admin):
    _make(
        [
            _record(1, item_label="Trygga skolvägar", actor_label="anna"),
            _record(2, item_label="Fler resor", actor_label="bertil", action=AuditRecord.Action.CREATE),
            _record(3, item_label="Kortare väntetider", actor_label="anna", item_type="steering.assignment"),
            _record(4, item_label="Skolnämnden", actor_label="system", item_type="org.organ"),
        ]
    )
    cases = {
        "q=skol": ["Skolnämnden", "Trygga skolvägar"],
        "q=BERT": ["Fler resor"],
        "actor=anna": ["Kortare väntetider", "Trygga skolvägar"],
        "item_type=steering.assignment": ["Kortare väntetider"],
        "action=create": ["Fler resor"],
        "actor=anna&item_type=steering.goal": ["Trygga skolvägar"],
        "q=finns-inte": [],
    }
    found = {query: _labels(client_admin.get(f"{LOG}?{query}")) for query in cases}
    assert found == cases


def test_date_range_is_whole_days_in_the_sites_time_zone(client_admin):
    # 2024-05-01 23:59 and 2024-05-02 00:00 local time (Europe/Stockholm): 21:59 and 22:00 UTC.
    _make([_record(1, item_label="Sent den första"), _record(2, item_label="Tidigt den andra")])
    first = timezone.make_aware(datetime.datetime(2024, 5, 1, 23, 59))
    AuditRecord.objects.filter(item_id="1").update(at=first)
    AuditRecord.objects.filter(item_id="2").update(at=first + datetime.timedelta(minutes=1))
    cases = {
        "date_from=2024-05-02": ["Tidigt den andra"],
        "date_to=2024-05-01": ["Sent den första"],
        "date_from=2024-05-01&date_to=2024-05-02": ["Tidigt den andra", "Sent den första"],
        "date_from=2024-05-03": [],
    }
    assert {q: _labels(client_admin.get(f"{LOG}?{q}")) for q in cases} == cases


@pytest.mark.parametrize("query", ["date_from=2024-13-01", "date_to=igår", "date_from=12/5/2024"])
def test_a_bad_date_is_a_form_error(client_admin, query):
    _make([_record(1)])
    response = client_admin.get(f"{LOG}?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2024-10-31." in html
    assert 'role="alert"' in html
    assert _labels(response) == []


def test_a_range_ending_before_it_starts_is_a_form_error(client_admin):
    response = client_admin.get(f"{LOG}?date_from=2024-05-02&date_to=2024-05-01")
    assert "Slutdatumet ligger före startdatumet." in response.content.decode()


def test_unknown_choice_is_a_form_error(client_admin):
    _make([_record(1)])
    response = client_admin.get(f"{LOG}?action=explode")
    assert response.status_code == 200
    assert _labels(response) == []
    assert 'role="alert"' in response.content.decode()


def test_pagination_50_per_page_keeps_the_filters(client_admin):
    _make([_record(n, item_label=f"Post {n:03}") for n in range(1, 121)])
    first = client_admin.get(f"{LOG}?actor=anna")
    assert _labels(first) == [f"Post {n:03}" for n in range(120, 70, -1)]
    html = first.content.decode()
    assert "Sida 1 av 3" in html
    assert 'href="?actor=anna&amp;sida=2"' in html
    third = client_admin.get(f"{LOG}?actor=anna&sida=3")
    assert _labels(third) == [f"Post {n:03}" for n in range(20, 0, -1)]
    assert client_admin.get(f"{LOG}?sida=99").status_code == 200
    assert _labels(client_admin.get(f"{LOG}?sida=abc"))[0] == "Post 120"


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_records(client_admin):
    _make([_record(n, actor_label=f"person-{n % 7}") for n in range(10)])
    few = _queries(client_admin, LOG)
    AuditRecord.objects.all().delete()
    _make(
        [
            _record(n, actor_label=f"person-{n % 7}", item_type=("org.organ" if n % 2 else "steering.goal"))
            for n in range(100)
        ]
    )
    many = _queries(client_admin, LOG)
    assert few == many
    assert many == _queries(client_admin, f"{LOG}?q=Mål&actor=person-1&date_from=2024-01-01&sida=2")


def test_menu_links_the_log_for_administrators_only(client_admin, client_a, anonymous, municipality):
    link = f'<a href="{LOG}"'
    start = reverse("steering:chain")
    assert [link in c.get(start).content.decode() for c in (client_admin, client_a, anonymous)] == [
        True,
        False,
        False,
    ]
    assert f'<a href="{LOG}" aria-current="page">Logg</a>' in client_admin.get(LOG).content.decode()
