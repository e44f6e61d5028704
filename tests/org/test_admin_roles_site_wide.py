"""Administrators are site-wide (issue 8, point 9): what was stored before — an administrator role "for"
an organ that gave power over everything — becomes, in the database (migration org 0003) and in a
backup taken before the change (restore), one administrator role without an organ per user, with the
same power; the database refuses an administrator role with an organ from then on."""

import hashlib
import io
import json

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from styrkraft.core.models import AuditRecord
from styrkraft.org import permissions
from styrkraft.org.models import OrganRole
from tests import factories as f
from tests.core.test_backup import archive_data, rewrite

BEFORE = ("org", "0002_municipality_kolada_peer_group_and_more")
AFTER = ("org", "0003_admin_roles_site_wide")


def _migrate(target) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    return executor


def _rows() -> list[tuple]:
    return sorted(OrganRole.objects.values_list("user__username", "role", "organ__slug"), key=str)


@pytest.mark.django_db(transaction=True)
def test_migration_makes_admin_roles_site_wide_and_merges_duplicates(client):
    old = _migrate(BEFORE).loader.project_state([BEFORE]).apps
    Municipality, Organ = old.get_model("org", "Municipality"), old.get_model("org", "Organ")
    User, Role = old.get_model("auth", "User"), old.get_model("org", "OrganRole")
    town = Municipality.objects.create(name="Testkommun", slug="testkommun")
    culture = Organ.objects.create(municipality=town, slug="kultur", name="Kulturnämnden", kind="board")
    school = Organ.objects.create(municipality=town, slug="skola", name="Skolnämnden", kind="board")
    anna, bo, cilla = (User.objects.create(username=name) for name in ("anna", "bo", "cilla"))
    Role.objects.create(user=anna, organ=culture, role="admin")
    Role.objects.create(user=anna, organ=school, role="admin")
    Role.objects.create(user=bo, organ=school, role="admin")
    Role.objects.create(user=cilla, organ=culture, role="editor")

    _migrate(AFTER)

    assert _rows() == [("anna", "admin", None), ("bo", "admin", None), ("cilla", "editor", "kultur")]
    assert permissions.is_admin(OrganRole.objects.get(user__username="anna").user)
    records = AuditRecord.objects.filter(item_type="org.organrole").order_by("id")
    assert [(r.actor_label, r.action, r.changes["organ"], r.changes["user"]) for r in records] == [
        ("styrkraft migrate", "update", ["Kulturnämnden", None], "anna"),
        ("styrkraft migrate", "update", ["Skolnämnden", None], "anna"),
        ("styrkraft migrate", "update", ["Skolnämnden", None], "bo"),
    ]
    # Told on the organ's history (and in the log) in plain Swedish.
    page = client.get(reverse("core:history", args=["org.organ", culture.pk])).content.decode()
    assert (
        "styrkraft migrate ändrade rollen administratör för Kulturnämnden (anna) till administratör för "
        "hela kommunen"
    ) in page
    # From now on the database itself refuses an administrator on an organ, and a second one.
    culture_now = OrganRole.objects.get(user__username="cilla").organ
    for organ in (culture_now, None):
        with pytest.raises(IntegrityError), transaction.atomic():
            OrganRole.objects.create(user_id=anna.pk, organ=organ, role="admin")
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganRole.objects.create(user_id=cilla.pk, organ=None, role="editor")


@pytest.fixture
def old_backup(tmp_path, municipality, board_a, board_b, editor_a):
    """A backup in the shape written before administrators were site-wide: anna administrator "for"
    board A and again for board B, bo for board B (the rows rewritten from a current backup, the manifest
    naming the org migration of then)."""
    anna, bo = f.UserFactory(username="anna"), f.UserFactory(username="bo")
    f.OrganRoleFactory(user=anna, organ=None, role=OrganRole.Role.ADMIN)
    f.OrganRoleFactory(user=bo, organ=None, role=OrganRole.Role.ADMIN)
    current = tmp_path / "current.zip"
    call_command("backup", str(current), stdout=io.StringIO())
    manifest, rows = archive_data(current)
    entry = next(e for e in manifest["models"] if e["model"] == "org.organrole")
    fields = entry["fields"]
    old_rows = []
    for row in rows["org.organrole"]:
        values = dict(zip(fields, row, strict=True))
        if values["role"] == "admin":
            values["organ_id"] = board_a.pk if values["user_id"] == anna.pk else board_b.pk
        old_rows.append([values[name] for name in fields])
    twin = dict(zip(fields, old_rows[-1], strict=True))
    twin.update(id=max(r[0] for r in old_rows) + 1, user_id=anna.pk, organ_id=board_b.pk)
    old_rows.append([twin[name] for name in fields])
    data = b"".join(
        (json.dumps(r, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n").encode()
        for r in old_rows
    )

    def old_manifest(m):
        m["migrations"]["org"] = BEFORE[1]
        for e in m["models"]:
            if e["model"] == "org.organrole":
                e.update(rows=len(old_rows), sha256=hashlib.sha256(data).hexdigest())
        return m

    path = tmp_path / "old.zip"
    rewrite(current, path, manifest=old_manifest, members={entry["file"]: data})
    return path


def test_restore_of_an_old_backup_makes_its_administrators_site_wide(old_backup):
    call_command("restore", str(old_backup), "--force", stdout=io.StringIO())
    assert _rows() == [("anna", "admin", None), ("bo", "admin", None), ("redaktor-a", "editor", "namnd-a")]
    assert permissions.is_admin(OrganRole.objects.get(user__username="bo").user)
