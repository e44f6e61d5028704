"""New versions of decided goals, assignments and steering documents. A decided item is frozen; to
change it, an editor starts a new version: a draft copy beside it that points at it (`supersedes`).
The decided version stays readable as it was and stays in force until the new version is decided;
then the old one becomes "ersatt av ny version" (lifecycle.supersede; for goals with the plan year,
services.plan_year_decide). A goal's new version takes copies of its indicators, their values and
targets (targets back in draft)."""

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from styrkraft import lifecycle
from styrkraft.core.services import unique_code
from styrkraft.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from styrkraft.lifecycle import decision_label, in_force, lineage, state_of
from styrkraft.steering.models import Assignment, Goal, RecordState, SteeringDocument
from styrkraft.steering.services import ASSIGNMENT_FIELDS, DOCUMENT_FIELDS, GOAL_FIELDS, GOAL_LINKS


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


PAGE = {Goal: "steering:goal", Assignment: "steering:assignment", SteeringDocument: "steering:document"}


def version_context(item, visible) -> dict:
    """What an item's page says about versions (steering/_versions.html): this one's number and state,
    the version in force (and its decision), the newer version (when the user may see it) and the
    older one. One query for an item without versions."""
    model = type(item)
    newer = visible_of(model, visible)(model.objects.filter(supersedes=item)).first()
    context = {"number": 1, "state": state_of(item), "page": PAGE[model], "newer": None, "older": None}
    if item.supersedes_id is None and newer is None and state_of(item) != RecordState.SUPERSEDED:
        return context | {"in_force": None}
    chain = lineage(item)
    position = next(i for i, v in enumerate(chain) if v.pk == item.pk)
    current = in_force(chain)
    return context | {
        "number": position + 1,
        "newer": newer,
        "newer_label": getattr(newer, f"get_{model.state_field}_display")() if newer else "",
        "older": chain[position - 1] if position else None,
        "in_force": current,
        "in_force_decision": decision_label(current) if current else "",
    }


@transaction.atomic
def goal_new_version(*, actor, goal: Goal) -> Goal:
    """Start a new version (a draft) of a decided goal. Refused for a goal that is not decided, and
    when a new version is already under way."""
    copy = lifecycle.new_version(
        actor=actor,
        item=goal,
        what=_("målet"),
        decided=_("ett beslutat mål"),
        copied=[
            "organ",
            "year",
            "title",
            "rationale",
            "target_area",
            "responsible_organ",
            "responsible_person",
            "is_public",
            "is_demo",
            "order",
        ],
        audited=GOAL_FIELDS,
        codes=Goal.all_objects.filter(organ__municipality_id=goal.organ.municipality_id),
    )
    number = lifecycle.version_number(copy)
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
    return copy


@transaction.atomic
def assignment_new_version(*, actor, assignment: Assignment) -> Assignment:
    """Start a new version (a draft) of a decided assignment, to change its terms. The decided
    assignment stays in force until the new version is decided (states.assignment_decide)."""
    return lifecycle.new_version(
        actor=actor,
        item=assignment,
        what=_("uppdraget"),
        decided=_("ett beslutat uppdrag"),
        copied=["municipality", "is_demo", "giver", *ASSIGNMENT_FIELDS],
        audited=ASSIGNMENT_FIELDS,
        codes=Assignment.all_objects.filter(municipality_id=assignment.municipality_id),
    )


@transaction.atomic
def steering_document_new_version(*, actor, document: SteeringDocument) -> SteeringDocument:
    """Start a new version (a draft) of a decided steering document, e.g. at its review. The decided
    document stays in force until the new version is decided (states.steering_document_decide); the
    new version has no decision reference until then."""
    return lifecycle.new_version(
        actor=actor,
        item=document,
        what=_("styrdokumentet"),
        decided=_("ett beslutat styrdokument"),
        copied=["municipality", "is_demo", *DOCUMENT_FIELDS],
        audited=DOCUMENT_FIELDS,
        codes=SteeringDocument.all_objects.filter(municipality_id=document.municipality_id),
    )
