"""Every write to a steering document (styrdokument: program, policy, handlingsplan, riktlinje) but its
records state and decision (styrkraft.steering.states) and its new versions (steering.versions). Each
service runs in one transaction, validates with full_clean() and writes its audit record.

A decided document (or one a newer decided version replaced) is frozen: it is neither changed nor
deleted; a change to it is a new version."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from styrkraft.core import audit
from styrkraft.core.services import create, restore, soft_delete, unique_code, update
from styrkraft.lifecycle import refuse_if_frozen
from styrkraft.org.models import Organ
from styrkraft.steering.models import RecordState, SteeringDocument
from styrkraft.steering.services import DOCUMENT_FIELDS


def refuse_if_decided(document: SteeringDocument) -> None:
    """The lifecycle's refusal for a decided or superseded document: ”X” är beslutat och kan inte ändras."""
    refuse_if_frozen(document)


def _refuse_other_municipality(document: SteeringDocument) -> None:
    if document.owner_id and document.owner.municipality_id != document.municipality_id:
        raise ValidationError({"owner": _("Organet hör till en annan kommun.")})


@transaction.atomic
def steering_document_create(
    *,
    actor,
    owner: Organ,
    title: str,
    doc_type: str,
    next_review: datetime.date | None = None,
    validity: str = SteeringDocument.Validity.IN_FORCE,
    is_public: bool = True,
    code: str = "",
    is_demo: bool = False,
) -> SteeringDocument:
    """A new steering document owned by `owner`, as a draft (utkast)."""
    municipality = owner.municipality
    document = SteeringDocument(
        municipality=municipality,
        owner=owner,
        title=title,
        doc_type=doc_type,
        next_review=next_review,
        validity=validity,
        is_public=is_public,
        record_state=RecordState.DRAFT,
        code=code or unique_code(SteeringDocument.all_objects.filter(municipality=municipality), title),
        is_demo=is_demo,
    )
    create(document, actor=actor, changes=audit.created(document, DOCUMENT_FIELDS))
    return document


@transaction.atomic
def steering_document_update(
    *, actor, document: SteeringDocument, expected_version: int, **changes
) -> SteeringDocument:
    """Change a draft or finalised document's fields; refused once it is decided, and when someone else
    saved it after `expected_version` (ConflictError)."""
    unknown = set(changes) - set(DOCUMENT_FIELDS)
    if unknown:
        raise TypeError(f"steering_document_update got unknown fields: {sorted(unknown)}")
    refuse_if_decided(document)
    before = audit.snapshot(document, DOCUMENT_FIELDS)
    for name, value in changes.items():
        setattr(document, name, value)
    _refuse_other_municipality(document)
    return update(
        document, actor=actor, fields=DOCUMENT_FIELDS, before=before, expected_version=expected_version
    )


@transaction.atomic
def steering_document_delete(*, actor, document: SteeringDocument) -> None:
    """Remove a draft or finalised document without losing it: an administrator can restore it. A
    decided document stays: it is part of what was decided."""
    refuse_if_frozen(
        document, _("Styrdokumentet ”%(item)s” är beslutat och kan inte tas bort.") % {"item": document.title}
    )
    soft_delete(document, actor=actor)


@transaction.atomic
def steering_document_restore(*, actor, document: SteeringDocument) -> SteeringDocument:
    restore(document, actor=actor)
    return document
