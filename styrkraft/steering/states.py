"""Records states of assignments and steering documents (indicators' targets: indicators.states): utkast (draft) →
upprättad (finalised) → beslutad (decided, with a Decision; frozen); thin callers of
styrkraft.lifecycle, which goals use too (services.goal_set_status, services.plan_year_decide).

A move to upprättad is refused while the item has an error finding; a move to beslutad records the
decision reference; a decided item does not go back (a change to it is a new version or a new
decision)."""

from django.db import transaction

from styrkraft import lifecycle
from styrkraft.org.models import Organ
from styrkraft.steering import rules
from styrkraft.steering.models import Assignment, Decision, SteeringDocument


def _not_ready(instance, errors) -> str:
    return lifecycle.not_ready_message(instance, [f.message for f in errors])


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
