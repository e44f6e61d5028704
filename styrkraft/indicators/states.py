"""The records state of an indicator's targets: utkast ⇄ upprättad → beslutad, on their own (an
indicator tied to no goal, or targets set between plan-year decisions) — thin callers of
styrkraft.lifecycle. The targets of a goal's indicators are decided with the goal's plan year
(steering.services.plan_year_decide)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from styrkraft import lifecycle
from styrkraft.core.records import RecordState
from styrkraft.indicators.models import Indicator
from styrkraft.org.models import Organ


def refuse_if_decided_with_goal(indicator: Indicator) -> None:
    """The targets of a decided goal's indicators were decided with the goal's plan year."""
    goal = indicator.goal if indicator.goal_id else None
    if goal is not None and goal.is_frozen:
        raise ValidationError(
            _("Målvärdena för ”%(indicator)s” beslutas med målet ”%(goal)s” och planåret, inte här.")
            % {"indicator": indicator.title, "goal": goal.title},
            code="decided_with_goal",
        )


def _target_errors(indicator: Indicator) -> list[str]:
    """What stops the targets from being upprättade (the model's rule 4: an indicator has a target)."""
    return [] if indicator.targets.exists() else [_("Nyckeltalet har inga målvärden.")]


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
        not_ready=lifecycle.not_ready_message(indicator, _target_errors(indicator)),
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
) -> lifecycle.Decision:
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
