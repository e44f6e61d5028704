"""Helpers every service uses: optimistic locking so concurrent edits never overwrite each other."""

from django.db import models
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from styrkraft.core import audit
from styrkraft.core.models import AuditRecord


class ConflictError(Exception):
    """Someone else saved the item after the user opened it. `current` is the item as now stored."""

    def __init__(self, current: models.Model):
        self.current = current
        super().__init__(
            _(
                "Någon annan har ändrat ”%(item)s” sedan du öppnade det (nu version %(version)s). "
                "Se de aktuella uppgifterna nedan och gör din ändring igen."
            )
            % {"item": current, "version": current.version}
        )


def save_versioned(instance: models.Model, *, fields: list[str], expected_version: int) -> None:
    """Save `fields` of `instance` only if it is still at `expected_version`; bump the version.

    A conditional UPDATE is atomic on SQLite and PostgreSQL alike, so of two concurrent saves based on
    the same version exactly one succeeds and the other raises ConflictError."""
    model = type(instance)
    now = timezone.now()
    values = {
        model._meta.get_field(name).attname: getattr(instance, model._meta.get_field(name).attname)
        for name in fields
    }
    updated = model.objects.filter(pk=instance.pk, version=expected_version).update(
        version=expected_version + 1, updated_at=now, **values
    )
    if updated != 1:
        raise ConflictError(model.objects.get(pk=instance.pk))
    instance.version = expected_version + 1
    instance.updated_at = now


def create(instance: models.Model, *, actor, changes: dict, exclude: list[str] | None = None):
    """Validate a new item, save it and audit its creation with `changes` ({field: [None, value]}, e.g.
    audit.created(instance, FIELDS)). Call inside the caller's transaction."""
    instance.full_clean(exclude=exclude)
    instance.save()
    audit.record(actor=actor, action=AuditRecord.Action.CREATE, instance=instance, changes=changes)
    return instance


def update(instance: models.Model, *, actor, fields: list[str], before: dict, expected_version: int):
    """Validate a changed item, save `fields` if it is still at `expected_version` (else ConflictError)
    and audit what changed since `before` (audit.snapshot(instance, fields), taken before the change).
    Call inside the caller's transaction."""
    instance.full_clean()
    save_versioned(instance, fields=fields, expected_version=expected_version)
    audit.record(
        actor=actor,
        action=AuditRecord.Action.UPDATE,
        instance=instance,
        changes=audit.diff(before, audit.snapshot(instance, fields)),
    )
    return instance


def unique_code(queryset, base: str) -> str:
    """A slug from `base` that is not yet taken in `queryset` (by `code`)."""
    stem = (slugify(base)[:50] or "post").strip("-")
    taken = set(queryset.filter(code__startswith=stem).values_list("code", flat=True))
    code, n = stem, 2
    while code in taken:
        code, n = f"{stem}-{n}", n + 1
    return code


def soft_delete(instance, *, actor) -> None:
    """Mark a SoftDeleteModel item deleted (it stays in the database), with an audit record. Call inside
    the caller's transaction."""
    now = timezone.now()
    type(instance).all_objects.filter(pk=instance.pk).update(
        deleted_at=now, deleted_by=actor if getattr(actor, "is_authenticated", False) else None
    )
    instance.deleted_at = now
    audit.record(actor=actor, action=AuditRecord.Action.DELETE, instance=instance, changes={})


def restore(instance, *, actor) -> None:
    type(instance).all_objects.filter(pk=instance.pk).update(deleted_at=None, deleted_by=None)
    instance.deleted_at = None
    audit.record(actor=actor, action=AuditRecord.Action.RESTORE, instance=instance, changes={})
