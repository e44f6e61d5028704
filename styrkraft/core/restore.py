"""Restore: reading an archive written by `backup_write` (backup.py) into an empty, migrated database.

The file is read twice: first every member's checksum and row count is verified, then, in ONE
transaction, the rows are inserted in batches with their primary keys and their archived timestamps,
the sequences are reset and the foreign keys checked. A damaged file, one from a newer schema or a
database that already holds data is refused with a BackupError, and nothing is changed.
"""

import json
import zipfile
from pathlib import Path

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, DatabaseError, IntegrityError, connections, models, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils.translation import gettext as _

from styrkraft.core.backup import (
    ACTION_RESTORE,
    CHUNK,
    BackupError,
    audit_record,
    damaged,
    included_models,
    member_lines,
    natural_keys,
    read_manifest,
    verify_member,
)

# Included models whose rows a migration creates in an empty database (Agenda 2030's goals and targets,
# steering/migrations/0002_agenda2030.py). Restore replaces them with the archived rows and does not
# count them when it checks that the database is empty.
MIGRATION_DATA = ("steering.sdggoal", "steering.sdgtarget")


def _check_schema(manifest: dict, *, using: str) -> list[tuple[type[models.Model], dict]]:
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    applied = MigrationRecorder(connections[using]).applied_migrations()
    installed = {app_config.label for app_config in apps.get_app_configs()}
    for app, name in sorted(manifest["migrations"].items()):
        if app not in installed:
            raise BackupError(
                _("Säkerhetskopian innehåller data från appen %(app)s, som inte är installerad här.")
                % {"app": app}
            )
        if (app, name) not in known:
            raise BackupError(
                _(
                    "Säkerhetskopian kommer från en nyare databasstruktur: migreringen %(migration)s finns "
                    "inte i den här versionen av Styrkraft. Uppdatera Styrkraft och läs sedan in filen igen."
                )
                % {"migration": f"{app}.{name}"}
            )
        if (app, name) not in applied:
            raise BackupError(
                _(
                    "Databasen är inte migrerad: migreringen %(migration)s saknas. Kör `styrkraft migrate` först."
                )
                % {"migration": f"{app}.{name}"}
            )
    here = {m._meta.label_lower: m for m in included_models()}
    plan = []
    for entry in manifest["models"]:
        model = here.get(entry["model"])
        if model is None:
            raise BackupError(
                _(
                    "Säkerhetskopian innehåller modellen %(model)s, som den här versionen av Styrkraft inte har."
                )
                % {"model": entry["model"]}
            )
        local = [f.attname for f in model._meta.local_concrete_fields]
        if entry["fields"] != local and not _upgradable(model, entry["fields"], local):
            raise BackupError(
                _(
                    "Fälten för %(model)s i säkerhetskopian (%(theirs)s) stämmer inte med databasens "
                    "(%(ours)s)."
                )
                % {"model": entry["model"], "theirs": ", ".join(entry["fields"]), "ours": ", ".join(local)}
            )
        plan.append((model, entry))
    return plan


def _archived_names(model, fields: list[str]) -> list[str]:
    """The archive's field names as this version names them: a model's FORMER_FIELD_NAMES (old name ->
    today's) renames the columns of a backup taken before a rename."""
    renamed = getattr(model, "FORMER_FIELD_NAMES", {})
    return [renamed.get(name, name) for name in fields]


def _upgradable(model, fields: list[str], local: list[str]) -> bool:
    """Whether a backup taken before a change of `model`'s fields restores: each archived field is one
    of today's (after renames) or one its `upgrade_archived_rows` turns into today's (ARCHIVED_FIELDS);
    today's fields it lacks take their defaults or the upgrade's values."""
    known = set(local) | set(getattr(model, "ARCHIVED_FIELDS", ()))
    names = _archived_names(model, fields)
    return len(set(names)) == len(names) and set(names) <= known


def restore_read(*, actor, path: Path | str, force: bool = False, using: str = DEFAULT_DB_ALIAS) -> dict:
    """Read the archive at `path` into the (migrated) database, in one transaction; refuse with a
    BackupError — changing nothing — if the file is damaged, from a newer schema, or the database holds
    data (unless `force`, which deletes all of it in the same transaction). Returns the manifest."""
    manifest = read_manifest(path)
    plan = _check_schema(manifest, using=using)
    connection = connections[using]
    try:
        with zipfile.ZipFile(path) as archive:
            for _model, entry in plan:
                verify_member(archive, entry)
            with transaction.atomic(using=using):
                _empty(plan, force=force, using=using)
                for model, entry in plan:
                    _insert(archive, model, entry, using=using)
                models_in = [model for model, _entry in plan]
                with connection.cursor() as cursor:
                    for sql in connection.ops.sequence_reset_sql(no_style(), models_in):
                        cursor.execute(sql)
                connection.check_constraints(table_names=[m._meta.db_table for m in models_in])
                total = sum(entry["rows"] for _model, entry in plan)
                audit_record(
                    actor=actor,
                    action=ACTION_RESTORE,
                    label=_("Återläsning av säkerhetskopia %(file)s") % {"file": Path(path).name},
                    changes={
                        "file": str(path),
                        "rows": total,
                        "created_at": manifest["created_at"],
                        "database_vendor": manifest["database_vendor"],
                    },
                    using=using,
                )
    except (zipfile.BadZipFile, EOFError, OSError) as exc:
        raise damaged(path, exc) from exc
    except (IntegrityError, DatabaseError, ValidationError, ValueError, TypeError, KeyError) as exc:
        raise BackupError(
            _("Säkerhetskopian kunde inte läsas in och ingenting ändrades: %(error)s") % {"error": exc}
        ) from exc
    return manifest


def _empty(plan, *, force: bool, using: str) -> None:
    if not force:
        filled = [
            model._meta.label_lower
            for model, _entry in plan
            if model._meta.label_lower not in MIGRATION_DATA and model._base_manager.using(using).exists()
        ]
        if filled:
            raise BackupError(
                _(
                    "Databasen innehåller redan data (%(models)s). Återläs bara till en tom, migrerad databas, "
                    "eller använd --force för att ersätta allt."
                )
                % {"models": ", ".join(filled)}
            )
    connection = connections[using]
    with connection.cursor() as cursor:
        for model, _entry in reversed(plan):
            if force or model._meta.label_lower in MIGRATION_DATA:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")


def _insert(archive: zipfile.ZipFile, model, entry: dict, *, using: str) -> None:
    fields = list(model._meta.local_concrete_fields)
    by_name = {f.attname: f for f in fields}
    # The archive's columns, each decoded by today's field of that name (None: a column the model's
    # upgrade_archived_rows turns into today's, left as archived).
    archived = [by_name.get(name) for name in _archived_names(model, entry["fields"])]
    batch: list[models.Model] = []
    for values in _upgraded(model, _rows(archive, model, entry, archived, using=using), using=using):
        batch.append(model(**values))
        if len(batch) >= CHUNK:
            _insert_batch(model, fields, batch, using)
            batch = []
    if batch:
        _insert_batch(model, fields, batch, using)


def _rows(archive: zipfile.ZipFile, model, entry: dict, fields, *, using: str):
    """The archived rows of `model`, decoded: dicts of attname -> value, in primary-key order (`fields`:
    today's field of each archived column; None for a column that is no field today, kept as archived
    under its archived name)."""
    lookups = {}
    for attname in entry.get("natural_keys", []):
        target = next(f.related_model for f in fields if f is not None and f.attname == attname)
        lookups[attname] = {tuple(key): pk for pk, key in natural_keys(target, using).items()}
    for line in member_lines(archive, entry):
        row = json.loads(line)
        values = {}
        for name, field, value in zip(entry["fields"], fields, row, strict=True):
            if field is None:
                values[name] = value
            elif field.attname in lookups and value is not None:
                pk = lookups[field.attname].get(tuple(value))
                if pk is None:
                    raise BackupError(
                        _("%(model)s pekar på %(key)s, som inte finns i den här databasen.")
                        % {"model": entry["model"], "key": ".".join(map(str, value))}
                    )
                values[field.attname] = pk
            else:
                values[field.attname] = _decode(field, value)
        yield values


def _upgraded(model, rows, *, using: str):
    """Rows as this version stores them. A model whose rows changed since older backups were written
    upgrades them with a classmethod `upgrade_archived_rows(rows, using)` that yields the rows to insert
    (e.g. org.OrganRole: an administrator role on an organ becomes site-wide; a steering document's
    inline decision reference becomes a Decision), so that a backup taken before the change still
    restores. Renamed columns are renamed before (FORMER_FIELD_NAMES)."""
    upgrade = getattr(model, "upgrade_archived_rows", None)
    return upgrade(rows, using) if upgrade is not None else rows


def _insert_batch(model, fields, objs, using) -> None:
    """INSERT with the archived values as they are: raw=True is how Django's loaddata keeps primary keys
    and auto_now/auto_now_add timestamps (bulk_create would stamp them with now)."""
    size = max(1, connections[using].ops.bulk_batch_size(fields, objs))
    for start in range(0, len(objs), size):
        model._base_manager.using(using)._insert(
            objs[start : start + size], fields=fields, raw=True, using=using
        )


def _decode(field: models.Field, value):
    if value is None or isinstance(field, models.JSONField):
        return value
    return field.to_python(value)
