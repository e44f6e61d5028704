"""Backup: a database-independent archive of all data (docs/backup.md); restore.py reads it back.

The archive is a zip file holding `manifest.json` and one JSON-lines file per model (`data/<app>.<model>.jsonl`,
one row per line, rows in primary-key order, each row a JSON list of the model's local concrete field
values in the order the manifest names them). Values are written canonically — datetimes in UTC ISO 8601
with microseconds, decimals as strings, JSON fields as sorted JSON — so the same data gives the same bytes
from SQLite and PostgreSQL and the two archives can be compared byte for byte.

Backup streams rows model by model (a server-side cursor on PostgreSQL) and never holds more than one
chunk in memory. This module also reads an archive's manifest and verifies its members' checksums.
"""

import hashlib
import json
import os
import zipfile
from base64 import b64encode
from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from decimal import Decimal
from importlib import metadata
from pathlib import Path
from uuid import UUID

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from styrkraft.core.models import AuditRecord

FORMAT = "styrkraft-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"

# Apps whose data the archive holds: django.contrib.auth (users with password hashes, groups and their
# memberships), django-axes (sign-in attempts and lockouts, when installed) and every Styrkraft app.
# Not included, because `migrate` recreates them: contenttypes and auth.Permission (rows that point at
# them are written by natural key); not included because they are transient: sessions.
EXTRA_APP_LABELS = ("auth", "axes")
EXCLUDED_MODELS = ("auth.permission",)

CHUNK = 2000
# The audit actions of a backup and a restore (AuditRecord.action values; "restore" is also the action of
# restoring a soft-deleted item, told apart by item type "core.backup").
ACTION_BACKUP = "backup"
ACTION_RESTORE = "restore"


class BackupError(Exception):
    """A refusal: the message says in Swedish what is wrong; nothing was changed."""


# ---------------------------------------------------------------------------------------------------
# Which models, in which order


def included_models() -> list[type[models.Model]]:
    """Every model the archive holds, parents before the models that point at them."""
    chosen = []
    for app_config in apps.get_app_configs():
        if not (app_config.name.startswith("styrkraft.") or app_config.label in EXTRA_APP_LABELS):
            continue
        for model in app_config.get_models(include_auto_created=True):
            meta = model._meta
            if meta.proxy or not meta.managed or meta.label_lower in EXCLUDED_MODELS:
                continue
            chosen.append(model)
    return _dependency_order(chosen)


def _dependency_order(chosen: list[type[models.Model]]) -> list[type[models.Model]]:
    pending = sorted(chosen, key=lambda m: m._meta.label_lower)
    members = set(pending)
    ordered: list[type[models.Model]] = []
    done: set = set()
    while pending:
        for model in pending:
            needs = {
                f.related_model
                for f in model._meta.local_concrete_fields
                if f.is_relation and f.related_model in members and f.related_model is not model
            }
            if needs <= done:
                break
        else:  # a cycle: foreign keys are deferred to the commit, so any order inserts
            model = pending[0]
        pending.remove(model)
        ordered.append(model)
        done.add(model)
    return ordered


def _natural_key_fields(model, members: set) -> dict[str, type[models.Model]]:
    """Foreign keys to models the archive does not hold (content types, permissions): by natural key."""
    refs = {}
    for field in model._meta.local_concrete_fields:
        if field.is_relation and field.related_model not in members:
            target = field.related_model
            if not hasattr(target, "natural_key"):
                raise BackupError(
                    _(
                        "%(field)s pekar på %(target)s, som varken säkerhetskopieras eller har en naturlig nyckel."
                    )
                    % {"field": f"{model._meta.label}.{field.name}", "target": target._meta.label}
                )
            refs[field.attname] = target
    return refs


# ---------------------------------------------------------------------------------------------------
# Values


def _encode(field: models.Field, value):
    if value is None:
        return None
    if isinstance(field, models.JSONField):
        return value
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, Decimal | UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return b64encode(bytes(value)).decode("ascii")
    if isinstance(value, bool | int | float | str):
        return value
    return field.value_to_string(field.model(**{field.attname: value}))


def _plain(value):
    return value


def _string(value):
    return None if value is None else str(value)


def _iso(value):
    return None if value is None else value.isoformat()


def _utc(value):
    if value is None:
        return None
    return value.astimezone(UTC).isoformat() if timezone.is_aware(value) else value.isoformat()


def _encoder(field: models.Field, keys: dict | None):
    """The function that writes one field's values: chosen once per field, not per value."""
    if keys is not None:
        return lambda value: None if value is None else keys[value]
    if isinstance(field, models.JSONField | models.BooleanField | models.IntegerField | models.CharField):
        return _plain  # TextField, SlugField, EmailField and the auto fields are among these
    if isinstance(field, models.TextField | models.FloatField):
        return _plain
    if isinstance(field, models.DateTimeField):
        return _utc
    if isinstance(field, models.DateField | models.TimeField):
        return _iso
    if isinstance(field, models.DecimalField | models.UUIDField):
        return _string
    if field.is_relation:
        return _encoder(field.target_field, None)
    return lambda value: _encode(field, value)


def _line(row: list) -> bytes:
    return (json.dumps(row, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n").encode()


def _member_name(model) -> str:
    return f"data/{model._meta.label_lower}.jsonl"


# ---------------------------------------------------------------------------------------------------
# Backup


def applied_migrations(using: str = DEFAULT_DB_ALIAS) -> dict[str, str]:
    """The latest applied migration of each app, by the order they were applied."""
    latest: dict[str, str] = {}
    for app, name in (
        MigrationRecorder.Migration.objects.using(using).order_by("applied", "id").values_list("app", "name")
    ):
        latest[app] = name
    return dict(sorted(latest.items()))


def product_version() -> str:
    try:
        return metadata.version("styrkraft")
    except metadata.PackageNotFoundError:
        return "unknown"


def backup_write(*, actor, path: Path | str, using: str = DEFAULT_DB_ALIAS) -> dict:
    """Write the archive to `path` (atomically: a temporary file renamed at the end) and return its
    manifest. Reads one consistent snapshot; the audit record is written after the file is complete."""
    path = Path(path)
    connection = connections[using]
    tmp = path.with_name(path.name + ".tmp")
    outermost = not connection.in_atomic_block
    try:
        with transaction.atomic(using=using):
            if connection.vendor == "postgresql" and outermost:
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            manifest = _write_archive(tmp, using=using)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    total = sum(entry["rows"] for entry in manifest["models"])
    audit_record(
        actor=actor,
        action=ACTION_BACKUP,
        label=_("Säkerhetskopia %(file)s") % {"file": path.name},
        changes={"file": str(path), "rows": total, "models": len(manifest["models"])},
        using=using,
    )
    return manifest


def _write_archive(tmp: Path, *, using: str) -> dict:
    connection = connections[using]
    chosen = included_models()
    members = set(chosen)
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "product_version": product_version(),
        "created_at": timezone.now().astimezone(UTC).isoformat(),
        "database_vendor": connection.vendor,
        "migrations": applied_migrations(using),
        "models": [],
    }
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for model in chosen:
            fields = list(model._meta.local_concrete_fields)
            refs = _natural_key_fields(model, members)
            keys = {attname: natural_keys(target, using) for attname, target in refs.items()}
            encoders = [_encoder(f, keys.get(f.attname)) for f in fields]
            digest, count = hashlib.sha256(), 0
            with archive.open(_member_name(model), "w", force_zip64=True) as out:
                chunk = []
                for values in _rows(model, fields, using):
                    chunk.append(_line([encode(v) for encode, v in zip(encoders, values, strict=True)]))
                    if len(chunk) == CHUNK:
                        count += _flush(chunk, digest, out)
                count += _flush(chunk, digest, out)
            manifest["models"].append(
                {
                    "model": model._meta.label_lower,
                    "file": _member_name(model),
                    "fields": [f.attname for f in fields],
                    "natural_keys": sorted(keys),
                    "rows": count,
                    "sha256": digest.hexdigest(),
                }
            )
        archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
    return manifest


def _flush(chunk: list[bytes], digest, out) -> int:
    data = b"".join(chunk)
    digest.update(data)
    out.write(data)
    written = len(chunk)
    chunk.clear()
    return written


def _rows(model, fields, using) -> Iterator[tuple]:
    queryset = model._base_manager.using(using).order_by("pk")
    return queryset.values_list(*[f.attname for f in fields]).iterator(chunk_size=CHUNK)


def natural_keys(target, using) -> dict:
    """The natural key of every row of `target`, by primary key."""
    return {obj.pk: list(obj.natural_key()) for obj in _natural_key_queryset(target, using)}


def _natural_key_queryset(target, using):
    queryset = target._base_manager.using(using)
    if target._meta.label_lower == "auth.permission":
        queryset = queryset.select_related("content_type")
    return queryset


# ---------------------------------------------------------------------------------------------------
# Reading and checking an archive (restore.py reads it into the database)


def damaged(path, exc: Exception) -> BackupError:
    """The refusal of a file that cannot be read as a zip archive (truncated or damaged)."""
    return BackupError(
        _("Filen %(file)s är trunkerad eller skadad och går inte att läsa som en säkerhetskopia (%(error)s).")
        % {"file": path, "error": exc}
    )


def read_manifest(path: Path | str) -> dict:
    """The archive's manifest, after checking that the file is a complete zip of our format."""
    try:
        with zipfile.ZipFile(path) as archive:
            manifest = json.loads(archive.read(MANIFEST))
    except FileNotFoundError as exc:
        raise BackupError(_("Filen %(file)s finns inte.") % {"file": path}) from exc
    except (zipfile.BadZipFile, KeyError, EOFError, OSError, ValueError) as exc:
        raise damaged(path, exc) from exc
    required = {"format", "format_version", "created_at", "database_vendor", "migrations", "models"}
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or not required <= set(manifest):
        raise BackupError(_("Filen %(file)s är ingen säkerhetskopia från Styrkraft.") % {"file": path})
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            _(
                "Säkerhetskopian har formatversion %(found)s, men den här versionen av Styrkraft läser bara "
                "formatversion %(known)s."
            )
            % {"found": manifest.get("format_version"), "known": FORMAT_VERSION}
        )
    return manifest


def member_lines(archive: zipfile.ZipFile, entry: dict) -> Iterator[bytes]:
    """The lines (rows) of one model's member of the archive, as bytes."""
    with archive.open(entry["file"]) as data:
        yield from data


def verify_member(archive: zipfile.ZipFile, entry: dict) -> None:
    """Refuse a member whose rows do not match the manifest's count and SHA-256 checksum."""
    digest, count = hashlib.sha256(), 0
    for line in member_lines(archive, entry):
        digest.update(line)
        count += 1
    if count != entry["rows"] or digest.hexdigest() != entry["sha256"]:
        raise BackupError(
            _(
                "Kontrollsumman för %(model)s stämmer inte (rader: %(rows)s, väntat: %(expected)s): filen har "
                "ändrats eller skadats efter att säkerhetskopian skrevs."
            )
            % {"model": entry["model"], "rows": count, "expected": entry["rows"]}
        )


# ---------------------------------------------------------------------------------------------------
# Audit


def audit_record(*, actor, action: str, label: str, changes: dict, using: str) -> AuditRecord:
    """The audit record of a backup or restore. It concerns the whole database rather than one item, so it
    is written here with item type 'core.backup' instead of through audit.record (which needs an item)."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditRecord.objects.using(using).create(
        actor=user,
        actor_label=actor.get_username() if user else (actor if isinstance(actor, str) else "system"),
        action=action,
        item_type="core.backup",
        item_id=Path(changes["file"]).name[:60],
        item_label=label[:300],
        changes=changes,
    )


def manifest_counts(manifest: dict) -> dict[str, str]:
    """How much an archive holds, in words for the commands' last line: "1 234 rader", "1 tabell"."""
    rows = sum(entry["rows"] for entry in manifest["models"])
    tables = len(manifest["models"])
    return {
        "rows": ngettext("%(n)s rad", "%(n)s rader", rows) % {"n": rows},
        "models": ngettext("%(n)s tabell", "%(n)s tabeller", tables) % {"n": tables},
    }
