"""New versions of decided goals. A decided goal is frozen; to change it, an editor starts a new
version: a draft copy beside it (same organ, plan year and place in the list), with copies of its
indicators, their values and targets (targets back in draft). The decided version stays readable as
it was and stays in force until the new version is decided with the plan year
(services.plan_year_decide), which marks the old one "ersatt av ny version"."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from styrkraft.core import audit
from styrkraft.core.models import AuditRecord
from styrkraft.core.services import unique_code
from styrkraft.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from styrkraft.steering.models import Goal, RecordState
from styrkraft.steering.services import GOAL_FIELDS, GOAL_LINKS


def version_number(goal: Goal) -> int:
    """1 for a goal that is no new version; n + 1 for a new version of version n (walks the chain)."""
    n, current = 1, goal
    while current.supersedes_id is not None:
        n += 1
        current = Goal.all_objects.only("supersedes_id").get(pk=current.supersedes_id)
    return n


def lineage(goal: Goal) -> list[Goal]:
    """Every version of the goal, oldest first (deleted drafts left out)."""
    first = goal
    while first.supersedes_id is not None:
        first = Goal.all_objects.get(pk=first.supersedes_id)
    versions, current = [first], first
    while True:
        newer = Goal.objects.filter(supersedes=current).order_by("pk").first()
        if newer is None:
            return versions
        versions.append(newer)
        current = newer


def in_force(versions: list[Goal]) -> Goal | None:
    """The decided version in force: the newest decided one."""
    decided = [g for g in versions if g.status == Goal.Status.DECIDED]
    return decided[-1] if decided else None


def version_context(goal: Goal, visible) -> dict:
    """What the goal page says about versions: this one's number, the version in force, the newer
    version (when the user may see it) and the older one. One query for a goal without versions."""
    newer = visible.goals(Goal.objects.filter(supersedes=goal)).first()
    if goal.supersedes_id is None and newer is None and goal.status != Goal.Status.SUPERSEDED:
        return {"number": 1, "newer": None, "older": None, "in_force": None}
    chain = lineage(goal)
    position = next(i for i, g in enumerate(chain) if g.pk == goal.pk)
    return {
        "number": position + 1,
        "newer": newer,
        "older": chain[position - 1] if position else None,
        "in_force": in_force(chain),
    }


@transaction.atomic
def goal_new_version(*, actor, goal: Goal) -> Goal:
    """Start a new version (a draft) of a decided goal. Refused for a goal that is not decided, and
    when a new version is already under way."""
    goal = Goal.objects.select_for_update().get(pk=goal.pk)
    if goal.status != Goal.Status.DECIDED:
        raise ValidationError(
            _("Bara ett beslutat mål får en ny version; ändra utkastet direkt."), code="not_decided"
        )
    existing = Goal.objects.filter(supersedes=goal).first()
    if existing is not None:
        raise ValidationError(
            _("En ny version av målet är redan under arbete: ”%(goal)s”.") % {"goal": existing.title},
            code="version_exists",
        )
    number = version_number(goal) + 1
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
        indicator.pk, indicator.id, indicator.goal = None, None, copy
        indicator.code = unique_code(
            Indicator.all_objects.filter(organ_id=goal.organ_id), f"{indicator.code}-v{number}"
        )
        indicator.targets_state, indicator.targets_decision, indicator.version = RecordState.DRAFT, None, 1
        indicator.save()
        IndicatorValue.objects.bulk_create(
            [IndicatorValue(indicator=indicator, year=v.year, value=v.value) for v in values]
        )
        IndicatorTarget.objects.bulk_create(
            [IndicatorTarget(indicator=indicator, year=t.year, value=t.value) for t in targets]
        )
    audit.record(
        actor=actor,
        action=AuditRecord.Action.CREATE,
        instance=copy,
        changes={
            "supersedes": [None, f"{goal.title} (version {number - 1})"],
            **{k: [None, v] for k, v in audit.snapshot(copy, GOAL_FIELDS).items()},
        },
    )
    return copy
