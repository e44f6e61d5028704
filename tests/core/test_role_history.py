"""Role changes on an organ's history page: the roles granted and revoked on the organ (recorded on the
role by styrkraft.org.services) told in plain Swedish, to everyone who may see the organ's history."""

import datetime
import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from styrkraft.core import history
from styrkraft.core.models import AuditRecord
from styrkraft.org import services as org_services
from styrkraft.org.models import OrganRole
from tests import factories as f

AT = timezone.make_aware(datetime.datetime(2024, 5, 12, 14, 3))


def _line(action: str, changes: dict) -> str:
    record = AuditRecord(
        at=AT, actor_label="admin", action=action, item_type="org.organrole", changes=changes
    )
    return str(history.history_line(record))


def _lines(response) -> list[str]:
    found = re.findall(r'<span class="history-sentence">(.*?)</span>', response.content.decode(), flags=re.S)
    return [unescape(re.sub(r"<[^>]+>", "", s)) for s in found]


def _without_time(lines: list[str]) -> list[str]:
    return [line.split(" – ", 1)[1] for line in lines]


ROLE = {"user": "anna", "role": "redigerare", "organ": "Nämnd A", "municipality": "Testkommun"}


def test_a_grant_names_the_user_the_role_and_the_organ():
    changes = {k: [None, v] for k, v in ROLE.items()}
    assert _line("create", changes) == "2024-05-12 14:03 – admin gav anna rollen redigerare för Nämnd A"
    assert history.details("org.organrole", "create", changes) == []


def test_a_revocation_names_the_old_values():
    changes = {k: [v, None] for k, v in ROLE.items()}
    assert _line("delete", changes) == (
        "2024-05-12 14:03 – admin tog bort rollen redigerare för Nämnd A från anna"
    )


def test_a_role_record_without_values_keeps_the_plain_sentence():
    assert _line("create", {}) == "2024-05-12 14:03 – admin skapade rollen"
    assert _line("delete", {"user": [None, None]}) == "2024-05-12 14:03 – admin tog bort rollen"


@pytest.fixture
def role_changes(municipality, board_a, board_b, admin_user):
    """anna gets editor on board A, then reader, and loses editor; bo gets editor on board B; a board
    with board A's name in another municipality gets a role too."""
    anna = f.UserFactory(username="anna")
    bo = f.UserFactory(username="bo")
    editor = org_services.role_grant(actor=admin_user, user=anna, organ=board_a, role=OrganRole.Role.EDITOR)
    org_services.role_grant(actor=admin_user, user=anna, organ=board_a, role=OrganRole.Role.READER)
    org_services.role_revoke(actor=admin_user, role_obj=editor)
    org_services.role_grant(actor=admin_user, user=bo, organ=board_b, role=OrganRole.Role.EDITOR)
    elsewhere = f.OrganFactory(municipality=f.MunicipalityFactory(name="Annan kommun"), name="Nämnd A")
    org_services.role_grant(actor=admin_user, user=bo, organ=elsewhere, role=OrganRole.Role.EDITOR)
    return anna


EXPECTED_A = [
    "admin tog bort rollen redigerare för Nämnd A från anna",
    "admin gav anna rollen läsare för Nämnd A",
    "admin gav anna rollen redigerare för Nämnd A",
]


@pytest.mark.parametrize("client_name", ["anonymous", "client_b", "client_reader", "client_admin"])
def test_organ_history_shows_its_role_changes_to_everyone(request, client_name, board_a, role_changes):
    client = request.getfixturevalue(client_name)
    response = client.get(reverse("core:history", args=["org.organ", board_a.pk]))
    assert response.status_code == 200
    # The reader's own role (granted by a factory, not the service) has no record.
    assert _without_time(_lines(response)) == EXPECTED_A


def test_another_organs_history_has_only_its_own_role_changes(anonymous, board_b, role_changes):
    response = anonymous.get(reverse("core:history", args=["org.organ", board_b.pk]))
    assert _without_time(_lines(response)) == ["admin gav bo rollen redigerare för Nämnd B"]


def test_the_log_tells_role_changes_the_same_way(client_admin, role_changes):
    page = unescape(client_admin.get(reverse("core:log")).content.decode())
    assert "<td>tog bort rollen redigerare för Nämnd A från anna</td>" in page


def test_organ_history_queries_are_bounded(anonymous, board_a, admin_user, django_assert_max_num_queries):
    for n in range(10):
        user = f.UserFactory(username=f"person{n}")
        org_services.role_grant(actor=admin_user, user=user, organ=board_a, role=OrganRole.Role.READER)
    url = reverse("core:history", args=["org.organ", board_a.pk])
    with django_assert_max_num_queries(4):  # session-less visitor: the organ and its records
        response = anonymous.get(url)
    assert len(_lines(response)) == 10


def test_a_renamed_organ_keeps_its_role_changes(anonymous, board_a, role_changes):
    board_a.name = "Nämnd Ny"
    board_a.save()
    response = anonymous.get(reverse("core:history", args=["org.organ", board_a.pk]))
    assert _without_time(_lines(response)) == EXPECTED_A  # told with the name the organ had then


def test_an_organ_named_like_another_has_only_its_own_role_changes(anonymous, board_a, admin_user):
    """Two organs of one municipality with the same name are told apart by id."""
    twin = f.OrganFactory(municipality=board_a.municipality, name=board_a.name)
    org_services.role_grant(
        actor=admin_user, user=f.UserFactory(username="cilla"), organ=twin, role=OrganRole.Role.READER
    )
    response = anonymous.get(reverse("core:history", args=["org.organ", board_a.pk]))
    assert _lines(response) == []
    response = anonymous.get(reverse("core:history", args=["org.organ", twin.pk]))
    assert _without_time(_lines(response)) == ["admin gav cilla rollen läsare för Nämnd A"]


def _old_record(action: str, organ: str, municipality: str) -> None:
    """A role record as written before the records carried the organ's id: names only."""
    values = {"user": "dora", "role": "läsare", "organ": organ, "municipality": municipality}
    changes = {k: [None, v] if action == "create" else [v, None] for k, v in values.items()}
    AuditRecord.objects.create(
        actor_label="admin", action=action, item_type="org.organrole", item_id="999", changes=changes
    )


def test_older_role_records_without_the_id_are_found_by_name(anonymous, board_a, board_b):
    _old_record("create", "Nämnd A", "Testkommun")
    _old_record("delete", "Nämnd A", "Testkommun")
    _old_record("create", "Nämnd A", "Annan kommun")
    _old_record("create", "Nämnd B", "Testkommun")
    response = anonymous.get(reverse("core:history", args=["org.organ", board_a.pk]))
    assert _without_time(_lines(response)) == [
        "admin tog bort rollen läsare för Nämnd A från dora",
        "admin gav dora rollen läsare för Nämnd A",
    ]


SITE_WIDE = {"user": "anna", "role": "administratör"}


def test_a_site_wide_administrator_is_told_as_for_the_whole_municipality():
    granted = {**{k: [None, v] for k, v in SITE_WIDE.items()}, "site_wide": True}
    revoked = {**{k: [v, None] for k, v in SITE_WIDE.items()}, "site_wide": True}
    assert (
        _line("create", granted) == "2024-05-12 14:03 – admin gav anna rollen administratör för hela kommunen"
    )
    assert _line("delete", revoked) == (
        "2024-05-12 14:03 – admin tog bort rollen administratör för hela kommunen från anna"
    )
    assert history.details("org.organrole", "create", granted) == []


def test_a_site_wide_grant_is_in_the_log_and_on_no_organ_history(
    client_admin, admin_user, anonymous, board_a
):
    anna = f.UserFactory(username="anna")
    org_services.role_grant(actor=admin_user, user=anna, organ=None, role=OrganRole.Role.ADMIN)
    log = unescape(client_admin.get(reverse("core:log")).content.decode())
    assert "<td>gav anna rollen administratör för hela kommunen</td>" in log
    response = anonymous.get(reverse("core:history", args=["org.organ", board_a.pk]))
    assert _lines(response) == []
