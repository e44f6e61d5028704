"""Reading the audit trail: an item's history and the administrators' log, each in a fixed number of
queries (the item's own records and the model-file load that wrote it come in one query)."""

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from styrkraft.core.models import AuditRecord

# The items that have a history page, and how to find the municipality each belongs to.
HISTORY_TYPES = {
    "steering.goal": ("organ",),
    "steering.assignment": (),
    "steering.steeringdocument": ("owner",),
    "indicators.indicator": ("organ",),
    "org.organ": ("municipality",),
}


def municipality_id_of(item) -> int | None:
    if hasattr(item, "municipality_id"):
        return item.municipality_id
    organ = getattr(item, "organ", None)
    return organ.municipality_id if organ is not None else None


def item_history(item_type: str, item) -> QuerySet:
    """The item's audit records, newest first, and the model-file load that wrote the item (loads write
    items in bulk, with one record on the municipality: the load not earlier than the item's creation)."""
    own = Q(item_type=item_type, item_id=str(item.pk))
    municipality_id = municipality_id_of(item)
    created_at = getattr(item, "created_at", None)
    if municipality_id is not None and created_at is not None:
        own |= Q(
            item_type="org.municipality",
            item_id=str(municipality_id),
            action=AuditRecord.Action.LOAD,
            at__gte=created_at,
        )
    if item_type == "org.organ":
        own |= role_changes_q(item)
    return AuditRecord.objects.filter(own).order_by("-at", "-id")


def role_changes_q(organ) -> Q:
    """The roles granted and revoked on `organ` (styrkraft.org.services.role_grant / role_revoke). Their
    records are on the role, which a revocation deletes; they carry the organ's id ("organ_id"), which is
    what is matched. Records written before they did name the organ and its municipality (new value on
    a grant, old value on a revocation); those are matched by the names."""

    def named(key: str, name: str) -> Q:
        return Q(**{f"changes__{key}__1": name}) | Q(**{f"changes__{key}__0": name})

    by_name = (
        ~Q(changes__has_key="organ_id")
        & named("organ", organ.name)
        & named("municipality", organ.municipality.name)
    )
    return Q(item_type="org.organrole") & (Q(changes__organ_id=organ.pk) | by_name)


def log_records(
    *,
    q: str = "",
    actor: str = "",
    item_type: str = "",
    action: str = "",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet:
    """Every audit record matching the filters, newest first. Dates are whole days in the site's time
    zone, both ends included."""
    records = AuditRecord.objects.order_by("-at", "-id")
    if q:
        records = records.filter(Q(item_label__icontains=q) | Q(actor_label__icontains=q))
    if actor:
        records = records.filter(actor_label=actor)
    if item_type:
        records = records.filter(item_type=item_type)
    if action:
        records = records.filter(action=action)
    if date_from:
        records = records.filter(at__gte=_start_of(date_from))
    if date_to:
        records = records.filter(at__lt=_start_of(date_to + datetime.timedelta(days=1)))
    return records


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def log_choices() -> tuple[list[str], list[str]]:
    """The actors and the item types that occur in the log (two queries), for the filter form."""
    actors = AuditRecord.objects.order_by("actor_label").values_list("actor_label", flat=True).distinct()
    types = AuditRecord.objects.order_by("item_type").values_list("item_type", flat=True).distinct()
    return [a for a in actors if a], list(types)
