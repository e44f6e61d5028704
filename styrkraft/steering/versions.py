"""New versions of decided goals, assignments and steering documents. A decided item is frozen; to
change it, an editor starts a new version: a draft copy beside it that points at it (`supersedes`).
The decided version stays readable as it was and stays in force until the new version is decided;
then the old one becomes "ersatt av ny version" (supersede_older; for goals with the plan year,
services.plan_year_decide). A goal's new version takes copies of its indicators, their values and
targets (targets back in draft)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from styrkraft.core import audit
from styrkraft.core.models import AuditRecord
from styrkraft.core.services import save_versioned, unique_code
from styrkraft.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from styrkraft.steering.frozen import decision_label, in_force, lineage
from styrkraft.steering.models import Assignment, Goal, RecordState, SteeringDocument
from styrkraft.steering.services import ASSIGNMENT_FIELDS, DOCUMENT_FIELDS, GOAL_FIELDS, GOAL_LINKS

DECIDED, SUPERSEDED = "decided", "superseded"  # the same values in Goal.Status and RecordState


def state_of(item) -> str:
    return item.state


def visible_of(model, visible):
    """The visibility filter for a kind of item."""
    return {Goal: visible.goals, Assignment: visible.assignments, SteeringDocument: visible.documents}[model]


def newest(queryset, visible):
    """Leave out items whose newer version the user may see (lists show each item once, as its newest
    visible version; the older version's own page links to the newer one)."""
    model = queryset.model
    return queryset.exclude(
        Exists(visible_of(model, visible)(model.objects.filter(supersedes=OuterRef("pk"))))
    )


def version_number(item) -> int:
    """1 for an item that is no new version; n + 1 for a new version of version n (walks the chain)."""
    model, n, current = type(item), 1, item
    while current.supersedes_id is not None:
        n += 1
        current = model.all_objects.only("supersedes_id").get(pk=current.supersedes_id)
    return n


PAGE = {Goal: "steering:goal", Assignment: "steering:assignment", SteeringDocument: "steering:document"}


def version_context(item, visible) -> dict:
    """What an item's page says about versions (steering/_versions.html): this one's number and state,
    the version in force (and its decision), the newer version (when the user may see it) and the
    older one. One query for an item without versions."""
    model = type(item)
    newer = visible_of(model, visible)(model.objects.filter(supersedes=item)).first()
    context = {"number": 1, "state": state_of(item), "page": PAGE[model], "newer": None, "older": None}
    if item.supersedes_id is None and newer is None and state_of(item) != SUPERSEDED:
        return context | {"in_force": None}
    chain = lineage(item)
    position = next(i for i, v in enumerate(chain) if v.pk == item.pk)
    current = in_force(chain)
    return context | {
        "number": position + 1,
        "newer": newer,
        "newer_label": getattr(newer, f"get_{model.STATE_FIELD}_display")() if newer else "",
        "older": chain[position - 1] if position else None,
        "in_force": current,
        "in_force_decision": decision_label(current) if current else "",
    }


def _refuse(item, what: str, decided: str) -> int:
    """Refuse a new version of an item that is not decided, or whose new version is under way; else
    the new version's number."""
    if state_of(item) != DECIDED:
        raise ValidationError(
            _("Bara %(decided)s får en ny version; ändra utkastet direkt.") % {"decided": decided},
            code="not_decided",
        )
    existing = type(item).objects.filter(supersedes=item).first()
    if existing is not None:
        raise ValidationError(
            _("En ny version av %(what)s är redan under arbete: ”%(item)s”.")
            % {"what": what, "item": existing},
            code="version_exists",
        )
    return version_number(item) + 1


def _copied(item, fields: list[str]) -> dict:
    """The values of `fields` (foreign keys by id) to start a new version with."""
    model = type(item)
    return {
        model._meta.get_field(name).attname: getattr(item, model._meta.get_field(name).attname)
        for name in fields
    }


def _record_new(actor, copy, old, number: int, fields: list[str]) -> None:
    audit.record(
        actor=actor,
        action=AuditRecord.Action.CREATE,
        instance=copy,
        changes={
            "supersedes": [None, f"{old} (version {number - 1})"],
            **{k: [None, v] for k, v in audit.snapshot(copy, fields).items()},
        },
    )


@transaction.atomic
def goal_new_version(*, actor, goal: Goal) -> Goal:
    """Start a new version (a draft) of a decided goal. Refused for a goal that is not decided, and
    when a new version is already under way."""
    goal = Goal.objects.select_for_update().get(pk=goal.pk)
    number = _refuse(goal, _("målet"), _("ett beslutat mål"))
    copy = Goal(
        organ_id=goal.organ_id,
        year=goal.year,
        code=unique_code(
            Goal.all_objects.filter(organ__municipality_id=goal.organ.municipality_id),
            f"{goal.code}-v{number}",
        ),
        title=goal.title,
        rationale=goal.rationale,
        target_area_id=goal.target_area_id,
        responsible_organ_id=goal.responsible_organ_id,
        responsible_person=goal.responsible_person,
        is_public=goal.is_public,
        is_demo=goal.is_demo,
        order=goal.order,
        supersedes=goal,
    )
    copy.full_clean()
    copy.save()
    for name in GOAL_LINKS:
        getattr(copy, name).set(getattr(goal, name).all())
    for indicator in Indicator.objects.filter(goal=goal):
        values = list(indicator.values.all())
        targets = list(indicator.targets.all())
        indicator.supersedes_id = indicator.pk  # the same indicator in the version this one replaces
        indicator.pk, indicator.id, indicator.goal = None, None, copy
        indicator.code = unique_code(
            Indicator.all_objects.filter(organ_id=goal.organ_id), f"{indicator.code}-v{number}"
        )
        indicator.targets_state, indicator.targets_decision, indicator.version = RecordState.DRAFT, None, 1
        indicator.decided_targets = {}
        indicator.save()
        IndicatorValue.objects.bulk_create(
            [IndicatorValue(indicator=indicator, year=v.year, value=v.value) for v in values]
        )
        IndicatorTarget.objects.bulk_create(
            [IndicatorTarget(indicator=indicator, year=t.year, value=t.value) for t in targets]
        )
    _record_new(actor, copy, goal, number, GOAL_FIELDS)
    return copy


def _new_version(actor, item, *, what: str, decided: str, fields: list[str], kept: list[str]):
    """A draft copy of the decided `item` (its `fields`, audited, and `kept`) pointing at it; its state,
    decision and version start afresh (the model's defaults)."""
    model = type(item)
    old = model.objects.select_for_update().get(pk=item.pk)
    number = _refuse(old, what, decided)
    copy = model(
        **_copied(old, ["municipality", "is_demo", *kept, *fields]),
        code=unique_code(
            model.all_objects.filter(municipality_id=old.municipality_id), f"{old.code}-v{number}"
        ),
        supersedes=old,
    )
    copy.full_clean()
    copy.save()
    _record_new(actor, copy, old, number, fields)
    return copy


@transaction.atomic
def assignment_new_version(*, actor, assignment: Assignment) -> Assignment:
    """Start a new version (a draft) of a decided assignment, to change its terms. The decided
    assignment stays in force until the new version is decided (states.assignment_decide)."""
    return _new_version(
        actor,
        assignment,
        what=_("uppdraget"),
        decided=_("ett beslutat uppdrag"),
        fields=ASSIGNMENT_FIELDS,
        kept=["giver"],
    )


@transaction.atomic
def steering_document_new_version(*, actor, document: SteeringDocument) -> SteeringDocument:
    """Start a new version (a draft) of a decided steering document, e.g. at its review. The decided
    document stays in force until the new version is decided (states.steering_document_decide); the
    new version has no decision reference until then."""
    return _new_version(
        actor,
        document,
        what=_("styrdokumentet"),
        decided=_("ett beslutat styrdokument"),
        fields=DOCUMENT_FIELDS,
        kept=[],
    )


def supersede_older(*, actor, item) -> None:
    """A new version was just decided: the version it replaces is now ersatt av ny version."""
    if item.supersedes_id is None:
        return
    model = type(item)
    old = model.objects.select_for_update().get(pk=item.supersedes_id)
    if state_of(old) != DECIDED:
        return
    field = model.STATE_FIELD
    setattr(old, field, SUPERSEDED)
    save_versioned(old, fields=[field], expected_version=old.version)
    audit.record(
        actor=actor, action=AuditRecord.Action.STATE, instance=old, changes={field: [DECIDED, SUPERSEDED]}
    )
