"""Writing audit records. Services call these inside their own transaction."""

from datetime import date
from decimal import Decimal

from django.db import models

from styrkraft.core.models import AuditRecord


def _plain(value):
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def snapshot(instance: models.Model, fields: list[str]) -> dict:
    return {name: _plain(getattr(instance, name)) for name in fields}


def created(instance: models.Model, fields: list[str]) -> dict:
    """The changes of a creation: each field from nothing to its value."""
    return {name: [None, value] for name, value in snapshot(instance, fields).items()}


def record(*, actor, action: str, instance: models.Model, changes: dict | None = None) -> AuditRecord:
    user = actor if getattr(actor, "is_authenticated", False) else None
    label = actor.get_username() if user else (actor if isinstance(actor, str) else "system")
    return AuditRecord.objects.create(
        actor=user,
        actor_label=label,
        action=action,
        item_type=instance._meta.label_lower,
        item_id=str(instance.pk),
        item_label=str(instance)[:300],
        changes=changes or {},
    )


def diff(before: dict, after: dict) -> dict:
    """Old and new value of each changed field."""
    return {k: [before.get(k), after[k]] for k in after if before.get(k) != after[k]}
