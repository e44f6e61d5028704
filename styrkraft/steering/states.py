"""Records states of assignments, steering documents and indicators' targets: utkast (draft) →
upprättad (finalised) → beslutad (decided, with a Decision; frozen). Goals have the same states on
their own `status` (services.goal_set_status, services.plan_year_decide).

A move to upprättad is refused while the item has an error finding; a move to beslutad records the
decision reference; a decided item does not go back (a change to it is a new version or a new
decision)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from styrkraft.core import audit
from styrkraft.core.models import AuditRecord
from styrkraft.core.services import save_versioned
from styrkraft.indicators.models import Indicator
from styrkraft.org.models import Organ
from styrkraft.steering import rules, versions
from styrkraft.steering.frozen import refuse_if_frozen
from styrkraft.steering.models import (
    FROZEN_STATES,
    Assignment,
    Decision,
    RecordState,
    SteeringDocument,
    Versioned,
)


def _refuse_decided(instance, state_field: str) -> None:
    """The refusal for a frozen item (steering.frozen; an indicator's targets by their own state)."""
    if getattr(instance, state_field) in FROZEN_STATES:
        decided = _("”%(item)s” är beslutat och kan inte ändras.") % {"item": instance}
        if isinstance(instance, Versioned):
            refuse_if_frozen(instance, decided)
        raise ValidationError(decided, code="decided")


def _set_state(*, actor, instance, state_field: str, state: str, expected_version: int, errors=()):
    _refuse_decided(instance, state_field)
    if state not in (RecordState.DRAFT, RecordState.READY):
        raise ValidationError(
            _("Ett beslut registreras med beslutsreferens, inte genom en ändring av läget."),
            code="decide_via_decision",
        )
    if state == RecordState.READY and errors:
        raise ValidationError(
            _("”%(item)s” kan inte upprättas: %(reasons)s")
            % {"item": instance, "reasons": " ".join(f.message for f in errors)},
            code="not_ready",
        )
    before = getattr(instance, state_field)
    setattr(instance, state_field, state)
    save_versioned(instance, fields=[state_field], expected_version=expected_version)
    audit.record(
        actor=actor,
        action=AuditRecord.Action.STATE,
        instance=instance,
        changes={state_field: [before, state]},
    )
    return instance


def _decision(*, actor, municipality, body: Organ, decided_on, paragraph: str, case_number: str, title: str):
    decision = Decision(
        municipality=municipality,
        body=body,
        decided_on=decided_on,
        paragraph=paragraph,
        case_number=case_number,
        title=title[:300],
    )
    decision.full_clean()
    decision.save()
    audit.record(
        actor=actor,
        action=AuditRecord.Action.CREATE,
        instance=decision,
        changes={"beslut": [None, str(decision)]},
    )
    return decision


def _decide(
    *, actor, instance, state_field: str, decision_field: str, expected_version: int, decision_kwargs
):
    _refuse_decided(instance, state_field)
    if getattr(instance, state_field) != RecordState.READY:
        raise ValidationError(
            _("”%(item)s” måste vara upprättat innan det kan beslutas.") % {"item": instance},
            code="not_ready",
        )
    decision = _decision(actor=actor, **decision_kwargs)
    before = getattr(instance, decision_field)
    setattr(instance, state_field, RecordState.DECIDED)
    setattr(instance, decision_field, decision)
    fields = [state_field, decision_field]
    if isinstance(instance, Indicator):  # the targets as decided, in force until a new version is decided
        instance.snapshot_targets()
        fields.append("decided_targets")
    save_versioned(instance, fields=fields, expected_version=expected_version)
    audit.record(
        actor=actor,
        action=AuditRecord.Action.DECIDE,
        instance=instance,
        changes={
            state_field: [RecordState.READY, RecordState.DECIDED],
            "decision": [str(before) if before else None, str(decision)],
        },
    )
    return decision


# --- Assignments -------------------------------------------------------------------------------------


@transaction.atomic
def assignment_set_state(*, actor, assignment: Assignment, state: str, expected_version: int) -> Assignment:
    """utkast ⇄ upprättad. Upprättad needs receiver, deadline and report-back (rule 5)."""
    errors = [f for f in rules.assignment_findings(assignment) if f.is_error]
    return _set_state(
        actor=actor,
        instance=assignment,
        state_field="record_state",
        state=state,
        expected_version=expected_version,
        errors=errors,
    )


@transaction.atomic
def assignment_decide(
    *,
    actor,
    assignment: Assignment,
    body: Organ,
    decided_on,
    expected_version: int,
    paragraph="",
    case_number="",
) -> Decision:
    """Record the decision that gives a finalised assignment; its terms are then frozen. A new version's
    decision replaces the version it was made from (ersatt av ny version)."""
    decision = _decide(
        actor=actor,
        instance=assignment,
        state_field="record_state",
        decision_field="decision",
        expected_version=expected_version,
        decision_kwargs={
            "municipality": assignment.municipality,
            "body": body,
            "decided_on": decided_on,
            "paragraph": paragraph,
            "case_number": case_number,
            "title": assignment.title,
        },
    )
    versions.supersede_older(actor=actor, item=assignment)
    return decision


# --- Steering documents ------------------------------------------------------------------------------


@transaction.atomic
def steering_document_set_state(
    *, actor, document: SteeringDocument, state: str, expected_version: int
) -> SteeringDocument:
    return _set_state(
        actor=actor,
        instance=document,
        state_field="record_state",
        state=state,
        expected_version=expected_version,
    )


@transaction.atomic
def steering_document_decide(
    *,
    actor,
    document: SteeringDocument,
    body: Organ,
    decided_on,
    expected_version: int,
    paragraph="",
    case_number="",
) -> SteeringDocument:
    """A steering document's decision is its own reference (decided_by, decided_on, §, dnr)."""
    _refuse_decided(document, "record_state")
    if document.record_state != RecordState.READY:
        raise ValidationError(
            _("”%(item)s” måste vara upprättat innan det kan beslutas.") % {"item": document},
            code="not_ready",
        )
    before = audit.snapshot(
        document, ["record_state", "decided_by", "decided_on", "paragraph", "case_number"]
    )
    document.record_state = RecordState.DECIDED
    document.decided_by, document.decided_on = body, decided_on
    document.paragraph, document.case_number = paragraph, case_number
    document.full_clean()
    save_versioned(
        document,
        fields=["record_state", "decided_by", "decided_on", "paragraph", "case_number"],
        expected_version=expected_version,
    )
    after = audit.snapshot(document, list(before))
    audit.record(
        actor=actor, action=AuditRecord.Action.DECIDE, instance=document, changes=audit.diff(before, after)
    )
    versions.supersede_older(actor=actor, item=document)
    return document


# --- Indicators' targets -----------------------------------------------------------------------------


def refuse_if_decided_with_goal(indicator: Indicator) -> None:
    """The targets of a decided goal's indicators were decided with the goal's plan year."""
    goal = indicator.goal if indicator.goal_id else None
    if goal is not None and goal.is_frozen:
        raise ValidationError(
            _("Målvärdena för ”%(indicator)s” beslutas med målet ”%(goal)s” och planåret, inte här.")
            % {"indicator": indicator.title, "goal": goal.title},
            code="decided_with_goal",
        )


def _target_errors(indicator: Indicator) -> list:
    if not indicator.targets.exists():
        message = _("Nyckeltalet har inga målvärden.")
        return [rules.Finding("4", rules.ERROR, indicator.organ.slug, indicator.title, message)]
    return []


@transaction.atomic
def indicator_targets_set_state(
    *, actor, indicator: Indicator, state: str, expected_version: int
) -> Indicator:
    """The targets of an indicator: utkast ⇄ upprättad (upprättad needs at least one target)."""
    refuse_if_decided_with_goal(indicator)
    return _set_state(
        actor=actor,
        instance=indicator,
        state_field="targets_state",
        state=state,
        expected_version=expected_version,
        errors=_target_errors(indicator),
    )


@transaction.atomic
def indicator_targets_decide(
    *,
    actor,
    indicator: Indicator,
    body: Organ,
    decided_on,
    expected_version: int,
    paragraph="",
    case_number="",
) -> Decision:
    """Decide the targets of an indicator on their own (one tied to no goal, or set between plan-year
    decisions). The targets of a goal's indicators are decided with the plan year."""
    return _decide(
        actor=actor,
        instance=indicator,
        state_field="targets_state",
        decision_field="targets_decision",
        expected_version=expected_version,
        decision_kwargs={
            "municipality": indicator.organ.municipality,
            "body": body,
            "decided_on": decided_on,
            "paragraph": paragraph,
            "case_number": case_number,
            "title": _("Målvärden för %(indicator)s") % {"indicator": indicator.title},
        },
    )


@transaction.atomic
def indicator_targets_new_version(*, actor, indicator: Indicator, expected_version: int) -> Indicator:
    """Start a new version of targets decided on their own: they become a draft to change, while the
    targets as decided (decided_targets, with targets_decision) stay in force and are shown beside
    until the new version is decided. The targets of a decided goal's indicators change with a new
    version of the goal."""
    refuse_if_decided_with_goal(indicator)
    if indicator.targets_state != RecordState.DECIDED:
        raise ValidationError(
            _("Bara beslutade målvärden får en ny version; ändra utkastet direkt."), code="not_decided"
        )
    indicator.targets_state = RecordState.DRAFT
    save_versioned(indicator, fields=["targets_state"], expected_version=expected_version)
    audit.record(
        actor=actor,
        action=AuditRecord.Action.STATE,
        instance=indicator,
        changes={"targets_state": [RecordState.DECIDED, RecordState.DRAFT]},
    )
    return indicator
