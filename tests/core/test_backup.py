"""`styrkraft backup` and `styrkraft restore`: the Västerås demo with edits round-trips through the
archive between SQLite and PostgreSQL with every row equal, and every damaged or unsuitable file is
refused with a clear message while the database stays as it was."""

import hashlib
import io
import json
import os
import subprocess
import sys
import uuid
import zipfile
from datetime import datetime
from decimal import Decimal
from importlib import metadata
from pathlib import Path

import psycopg
import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from styrkraft.core.backup import FORMAT_VERSION, applied_migrations, included_models
from styrkraft.core.models import AuditRecord
from styrkraft.core.restore import MIGRATION_DATA
from styrkraft.indicators.models import Indicator, IndicatorValue
from styrkraft.indicators.services import indicator_value_set
from styrkraft.org.models import Municipality, Organ, OrganRole
from styrkraft.steering.models import Goal
from styrkraft.steering.services import goal_create, goal_update
from tests import factories as f

ROOT = Path(__file__).resolve().parents[2]
PG_SERVER = "postgres://postgres@127.0.0.1:5432"


# ---------------------------------------------------------------------------------------------------
# Helpers


def counts() -> dict[str, int]:
    return {m._meta.label_lower: m._base_manager.count() for m in included_models()}


def archive_data(path: Path) -> tuple[dict, dict[str, list[list]]]:
    """The manifest and every model's rows, decoded."""
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        rows = {
            entry["model"]: [json.loads(line) for line in archive.read(entry["file"]).splitlines()]
            for entry in manifest["models"]
        }
    return manifest, rows


def rewrite(src: Path, dst: Path, *, manifest=None, members=None) -> None:
    """Copy an archive, changing its manifest (a function of the manifest) or members (name -> bytes)."""
    with zipfile.ZipFile(src) as old, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as new:
        for name in old.namelist():
            data = old.read(name)
            if name == "manifest.json" and manifest:
                data = json.dumps(manifest(json.loads(data))).encode()
            elif members and name in members:
                data = members[name]
            new.writestr(name, data)


def audit_fields(manifest: dict) -> list[str]:
    return next(e["fields"] for e in manifest["models"] if e["model"] == "core.auditrecord")


def assert_same_data_plus_restore(before: Path, after: Path) -> None:
    """`after` is a backup of a database restored from `before`: the same models, fields and rows,
    value for value, and one more audit record, the restore's own."""
    manifest_a, rows_a = archive_data(before)
    manifest_b, rows_b = archive_data(after)
    shape = [(e["model"], e["fields"]) for e in manifest_a["models"]]
    assert [(e["model"], e["fields"]) for e in manifest_b["models"]] == shape
    audit_b = rows_b.pop("core.auditrecord")
    audit_a = rows_a.pop("core.auditrecord")
    assert rows_b == rows_a
    assert audit_b[:-1] == audit_a
    restore_row = dict(zip(audit_fields(manifest_b), audit_b[-1], strict=True))
    assert (restore_row["action"], restore_row["item_type"], restore_row["item_id"]) == (
        "restore",
        "core.backup",
        before.name,
    )
    assert restore_row["changes"]["rows"] == sum(e["rows"] for e in manifest_a["models"])


def run(*args: str, database_url: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "styrkraft", *args],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, f"styrkraft {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def postgres_server():
    """A connection to the PostgreSQL server's maintenance database, or a skip (a failure under CI)."""
    try:
        return psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        reason = (
            f"no PostgreSQL server answers at {PG_SERVER} ({exc}); the SQLite ↔ PostgreSQL half needs one"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)


# ---------------------------------------------------------------------------------------------------
# Fixtures


@pytest.fixture
def demo(db):
    """The Västerås demo, with history: edits through the services, a user with a password, a role,
    a group with a permission (referenced by natural key in the archive)."""
    call_command("load_demo", stdout=io.StringIO())
    editor = f.UserFactory(username="redaktor")
    organ = Organ.objects.get(slug="aldrenamnden")
    f.OrganRoleFactory(user=editor, organ=organ)
    group = Group.objects.create(name="Granskare")
    group.permissions.add(Permission.objects.get(codename="view_goal"))
    editor.groups.add(group)
    editor.user_permissions.add(Permission.objects.get(codename="change_indicator"))
    # The 2024 goals are decided (frozen): the history is made on a draft for 2025.
    decided = Goal.objects.filter(organ=organ).order_by("pk").first()
    goal = goal_create(
        actor=editor, organ=organ, year=2025, title="Trygg äldreomsorg", target_area=decided.target_area
    )
    goal_update(actor=editor, goal=goal, expected_version=goal.version, title="Trygg och värdig äldreomsorg")
    indicator = Indicator.objects.filter(organ=organ).order_by("pk").first()
    indicator_value_set(actor=editor, indicator=indicator, year=2024, value=Decimal("81.25"))
    return editor


@pytest.fixture
def archive(demo, tmp_path) -> Path:
    path = tmp_path / "demo.zip"
    call_command("backup", str(path), stdout=io.StringIO())
    return path


# ---------------------------------------------------------------------------------------------------
# Backup


def test_backup_manifest_describes_the_data(archive):
    manifest, rows = archive_data(archive)
    assert manifest["format"] == "styrkraft-backup"
    assert manifest["format_version"] == FORMAT_VERSION
    assert manifest["product_version"] == metadata.version("styrkraft")
    assert manifest["database_vendor"] == connection.vendor
    assert datetime.fromisoformat(manifest["created_at"]).utcoffset().total_seconds() == 0
    assert manifest["migrations"] == applied_migrations()
    latest = MigrationRecorder.Migration.objects.filter(app="steering").order_by("-applied", "-id").first()
    assert manifest["migrations"]["steering"] == latest.name
    # Row counts as in the database, the backup's own audit record excepted (written after the file).
    expected = counts()
    expected["core.auditrecord"] -= 1
    assert {e["model"]: e["rows"] for e in manifest["models"]} == expected
    assert {e["model"]: len(r) for e, r in zip(manifest["models"], rows.values(), strict=True)} == expected
    assert "auth.permission" not in rows and "contenttypes.contenttype" not in rows
    assert "sessions.session" not in rows


def test_backup_keeps_password_hashes_history_and_natural_keys(archive, demo):
    manifest, rows = archive_data(archive)
    fields = {e["model"]: e["fields"] for e in manifest["models"]}
    users = [dict(zip(fields["auth.user"], r, strict=True)) for r in rows["auth.user"]]
    assert [(u["username"], u["password"]) for u in users] == [("redaktor", demo.password)]
    group_perms = [
        dict(zip(fields["auth.group_permissions"], r, strict=True)) for r in rows["auth.group_permissions"]
    ]
    assert [p["permission_id"] for p in group_perms] == [["view_goal", "steering", "goal"]]
    user_perms = [
        dict(zip(fields["auth.user_user_permissions"], r, strict=True))
        for r in rows["auth.user_user_permissions"]
    ]
    assert [p["permission_id"] for p in user_perms] == [["change_indicator", "indicators", "indicator"]]
    audit = [dict(zip(fields["core.auditrecord"], r, strict=True)) for r in rows["core.auditrecord"]]
    assert [(a["actor_label"], a["action"], a["item_type"]) for a in audit[-2:]] == [
        ("redaktor", "update", "steering.goal"),
        ("redaktor", "update", "indicators.indicator"),
    ]
    value = IndicatorValue.objects.get(
        indicator__organ__slug="aldrenamnden", year=2024, value=Decimal("81.25")
    )
    values = [
        dict(zip(fields["indicators.indicatorvalue"], r, strict=True))
        for r in rows["indicators.indicatorvalue"]
    ]
    assert next(v for v in values if v["id"] == value.pk)["value"] == "81.25"


def test_backup_writes_an_audit_record(archive):
    latest = AuditRecord.objects.order_by("-id").first()
    assert (latest.actor_label, latest.action, latest.item_type, latest.item_id) == (
        "styrkraft backup",
        "backup",
        "core.backup",
        "demo.zip",
    )
    assert latest.changes["rows"] == sum(e["rows"] for e in archive_data(archive)[0]["models"])


def test_every_model_is_in_the_archive_or_excluded_for_a_reason():
    """A new app or model must be decided on: in the archive, or excluded in styrkraft.core.backup."""
    from django.apps import apps

    excluded = {"auth.permission", "contenttypes.contenttype", "sessions.session"}
    everything = {m._meta.label_lower for m in apps.get_models(include_auto_created=True)}
    assert everything - {m._meta.label_lower for m in included_models()} == excluded


def test_only_the_declared_models_hold_rows_after_migrate(db):
    """Restore replaces the rows migrations create; it knows them from MIGRATION_DATA."""
    assert {label for label, n in counts().items() if n} == set(MIGRATION_DATA)


# ---------------------------------------------------------------------------------------------------
# Restore, same database


def test_restore_force_replaces_everything_and_keeps_keys_timestamps_versions(archive, tmp_path):
    goal = Goal.objects.get(title="Trygg och värdig äldreomsorg")
    Municipality.objects.update(name="Ändrad efter säkerhetskopian")
    call_command("restore", str(archive), "--force", stdout=io.StringIO())
    restored = Goal.objects.get(pk=goal.pk)
    assert (restored.version, restored.created_at, restored.updated_at) == (
        goal.version,
        goal.created_at,
        goal.updated_at,
    )
    assert restored.version == 2
    assert list(Municipality.objects.values_list("name", flat=True)) == ["Västerås stad"]
    again = tmp_path / "again.zip"
    call_command("backup", str(again), stdout=io.StringIO())
    assert_same_data_plus_restore(archive, again)
    # Later inserts get fresh keys.
    role = f.OrganRoleFactory(organ=Organ.objects.get(slug="kulturnamnden"))
    assert role.pk == OrganRole.objects.order_by("-pk").values_list("pk", flat=True).first()


# ---------------------------------------------------------------------------------------------------
# Restore, SQLite -> PostgreSQL -> SQLite, each step in its own process


def test_roundtrip_through_postgresql_and_sqlite_keeps_every_row(archive, tmp_path):
    server = postgres_server()
    name = f"styrkraft_restore_test_{uuid.uuid4().hex[:12]}"
    server.execute(f'CREATE DATABASE "{name}"')
    try:
        pg_url = f"{PG_SERVER}/{name}"
        run("migrate", "--noinput", database_url=pg_url)
        out = run("restore", str(archive), database_url=pg_url)
        assert out.startswith(f"Säkerhetskopian {archive} från ")
        from_pg = tmp_path / "from-postgresql.zip"
        run("backup", str(from_pg), database_url=pg_url)
        assert archive_data(from_pg)[0]["database_vendor"] == "postgresql"
        assert_same_data_plus_restore(archive, from_pg)
        # Sequences were reset: the restored database takes new rows (the backup's audit record did).
        with psycopg.connect(pg_url) as pg:
            last = pg.execute("SELECT action FROM core_auditrecord ORDER BY id DESC LIMIT 1").fetchone()
        assert last == ("backup",)

        sqlite_url = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        run("migrate", "--noinput", database_url=sqlite_url)
        run("restore", str(from_pg), database_url=sqlite_url)
        from_sqlite = tmp_path / "from-sqlite.zip"
        run("backup", str(from_sqlite), database_url=sqlite_url)
        assert archive_data(from_sqlite)[0]["database_vendor"] == "sqlite"
        assert_same_data_plus_restore(from_pg, from_sqlite)
    finally:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.close()


# ---------------------------------------------------------------------------------------------------
# Refusals: each changes nothing


def refuse(path: Path, *args: str) -> str:
    with pytest.raises(CommandError) as exc:
        call_command("restore", str(path), *args)
    return str(exc.value)


def test_restore_refuses_a_truncated_file(archive, tmp_path):
    before = counts()
    cut = tmp_path / "cut.zip"
    data = archive.read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    assert refuse(cut, "--force") == (
        f"Filen {cut} är trunkerad eller skadad och går inte att läsa som en säkerhetskopia "
        "(File is not a zip file)."
    )
    assert counts() == before


def test_restore_refuses_a_checksum_mismatch(archive, tmp_path):
    before = counts()
    edited = tmp_path / "edited.zip"
    with zipfile.ZipFile(archive) as old:
        member = old.read("data/org.municipality.jsonl")
    assert b'"V\xc3\xa4ster\xc3\xa5s stad"' in member
    rewrite(archive, edited, members={"data/org.municipality.jsonl": member.replace(b"stad", b"stat")})
    assert refuse(edited, "--force") == (
        "Kontrollsumman för org.municipality stämmer inte (rader: 1, väntat: 1): filen har ändrats eller "
        "skadats efter att säkerhetskopian skrevs."
    )
    assert counts() == before
    assert list(Municipality.objects.values_list("name", flat=True)) == ["Västerås stad"]


def test_restore_refuses_a_file_from_a_newer_schema(archive, tmp_path):
    before = counts()
    newer = tmp_path / "newer.zip"

    def future(manifest):
        manifest["migrations"]["steering"] = "0099_from_the_future"
        return manifest

    rewrite(archive, newer, manifest=future)
    assert refuse(newer, "--force") == (
        "Säkerhetskopian kommer från en nyare databasstruktur: migreringen steering.0099_from_the_future "
        "finns inte i den här versionen av Styrkraft. Uppdatera Styrkraft och läs sedan in filen igen."
    )
    assert counts() == before


def test_restore_refuses_an_unknown_format_version(archive, tmp_path):
    before = counts()
    other = tmp_path / "format2.zip"
    rewrite(archive, other, manifest=lambda m: {**m, "format_version": 2})
    assert refuse(other, "--force") == (
        "Säkerhetskopian har formatversion 2, men den här versionen av Styrkraft läser bara formatversion 1."
    )
    assert counts() == before


def test_restore_refuses_a_database_with_data(archive):
    before = counts()
    message = refuse(archive)
    assert message == (
        "Databasen innehåller redan data ("
        + ", ".join(label for label, n in before.items() if n and label not in MIGRATION_DATA)
        + "). Återläs bara till en tom, migrerad databas, eller använd --force för att ersätta allt."
    )
    assert message.startswith(
        "Databasen innehåller redan data (auth.group, auth.group_permissions, auth.user,"
    )
    assert counts() == before


def test_restore_that_fails_midway_rolls_back_the_wipe(archive, tmp_path):
    """A file whose checksums match but whose rows break a foreign key: the --force wipe and the inserts
    happen in one transaction, so the failure leaves the database exactly as it was."""
    before = counts()
    names_before = list(Organ.objects.order_by("pk").values_list("name", flat=True))
    broken = tmp_path / "broken.zip"
    with zipfile.ZipFile(archive) as old:
        manifest = json.loads(old.read("manifest.json"))
        lines = old.read("data/org.organ.jsonl").splitlines(keepends=True)
    entry = next(e for e in manifest["models"] if e["model"] == "org.organ")
    parent = entry["fields"].index("parent_id")
    row = json.loads(lines[-1])
    row[parent] = 999999
    lines[-1] = (json.dumps(row, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n").encode()
    data = b"".join(lines)

    entry["sha256"] = hashlib.sha256(data).hexdigest()
    rewrite(archive, broken, manifest=lambda m: manifest, members={"data/org.organ.jsonl": data})
    message = refuse(broken, "--force")
    assert message.startswith("Säkerhetskopian kunde inte läsas in och ingenting ändrades: ")
    assert "999999" in message
    assert counts() == before
    assert list(Organ.objects.order_by("pk").values_list("name", flat=True)) == names_before


def test_restore_refuses_a_missing_file(db, tmp_path):
    missing = tmp_path / "finns-inte.zip"
    assert refuse(missing) == f"Filen {missing} finns inte."


def test_restore_refuses_a_file_from_an_app_not_installed_here(archive, tmp_path):
    before = counts()
    foreign = tmp_path / "foreign.zip"

    def extra_app(manifest):
        manifest["migrations"]["arkiv"] = "0001_initial"
        return manifest

    rewrite(archive, foreign, manifest=extra_app)
    assert refuse(foreign, "--force") == (
        "Säkerhetskopian innehåller data från appen arkiv, som inte är installerad här."
    )
    assert counts() == before


def test_restore_refuses_a_zip_that_is_no_backup(db, tmp_path):
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("manifest.json", json.dumps({"format": "something-else"}))
    assert refuse(other) == f"Filen {other} är ingen säkerhetskopia från Styrkraft."
