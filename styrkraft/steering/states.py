"""Records states of assignments, steering documents and indicators' targets: utkast (draft) →
upprättad (finalised) → beslutad (decided, with a Decision; frozen); thin callers of
steering.lifecycle, which goals use too (services.goal_set_status, services.plan_year_decide).

A move to upprättad is refused while the item has an error finding; a move to beslutad records the
decision reference; a decided item does not go back (a change to it is a new version or a new
decision)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from styrkraft.indicators.models import Indicator
from styrkraft.org.models import Organ
from styrkraft.steering import lifecycle, rules
from styrkraft.steering.models import Assignment, Decision, RecordState, SteeringDocument


def _not_ready(instance, errors) -> str:
    if not errors:
        return ""
    return _("”%(item)s” kan inte upprättas: %(reasons)s") % {
        "item": instance,
        "reasons": " ".join(f.message for f in errors),
    }


# --- Assignments -------------------------------------------------------------------------------------


@transaction.atomic
def assignment_set_state(*, actor, assignment: Assignment, state: str, expected_version: int) -> Assignment:
    """utkast ⇄ upprättad. Upprättad needs receiver, deadline and report-back (rule 5)."""
    errors = [f for f in rules.assignment_findings(assignment) if f.is_error]
    return lifecycle.set_state(
        actor=actor,
        item=assignment,
        state=state,
        expected_version=expected_version,
        not_ready=_not_ready(assignment, errors),
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
    return lifecycle.decide(
        actor=actor,
        item=assignment,
        expected_version=expected_version,
        municipality=assignment.municipality,
        title=assignment.title,
        body=body,
        decided_on=decided_on,
        paragraph=paragraph,
        case_number=case_number,
    )


# --- Steering documents ------------------------------------------------------------------------------


@transaction.atomic
def steering_document_set_state(
    *, actor, document: SteeringDocument, state: str, expected_version: int
) -> SteeringDocument:
    return lifecycle.set_state(actor=actor, item=document, state=state, expected_version=expected_version)


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
    """Record the decision on a finalised steering document (a Decision, like every decided item's)."""
    lifecycle.decide(
        actor=actor,
        item=document,
        expected_version=expected_version,
        municipality=document.municipality,
        title=document.title,
        body=body,
        decided_on=decided_on,
        paragraph=paragraph,
        case_number=case_number,
    )
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
    return lifecycle.set_state(
        actor=actor,
        item=indicator,
        state=state,
        expected_version=expected_version,
        not_ready=_not_ready(indicator, _target_errors(indicator)),
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
    return lifecycle.decide(
        actor=actor,
        item=indicator,
        expected_version=expected_version,
        municipality=indicator.organ.municipality,
        title=_("Målvärden för %(indicator)s") % {"indicator": indicator.title},
        body=body,
        decided_on=decided_on,
        paragraph=paragraph,
        case_number=case_number,
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
    return lifecycle.new_version_in_place(actor=actor, item=indicator, expected_version=expected_version)
