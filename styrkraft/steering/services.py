"""Every write to the steering chain: goals and assignments. Each service runs in one transaction,
validates with full_clean(), applies the model's rules and writes its audit record."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from styrkraft.core import audit
from styrkraft.core.models import AuditRecord
from styrkraft.core.services import save_versioned, unique_code
from styrkraft.org.models import Organ
from styrkraft.steering import rules
from styrkraft.steering.models import Assignment, Goal

GOAL_FIELDS = [
    "title",
    "rationale",
    "target_area",
    "responsible_organ",
    "responsible_person",
    "status",
    "order",
]
GOAL_LINKS = ["commitments", "council_goals", "sdg_goals", "sdg_targets"]
ASSIGNMENT_FIELDS = ["title", "description", "receiver", "deadline", "report_back", "goal", "status", "year"]


def _links_snapshot(goal: Goal) -> dict:
    return {name: sorted(str(o) for o in getattr(goal, name).all()) for name in GOAL_LINKS}


def _set_links(goal: Goal, links: dict) -> None:
    for name in GOAL_LINKS:
        if name in links and links[name] is not None:
            getattr(goal, name).set(links[name])


@transaction.atomic
def goal_create(
    *,
    actor,
    organ: Organ,
    year: int,
    title: str,
    target_area,
    rationale: str = "",
    code: str = "",
    responsible_organ: Organ | None = None,
    responsible_person: str = "",
    is_demo: bool = False,
    **links,
) -> Goal:
    # Lock the organ so two concurrent creations cannot both pass the goal-limit check.
    organ = Organ.objects.select_for_update().select_related("municipality").get(pk=organ.pk)
    existing = Goal.objects.filter(organ=organ, year=year).count()
    refusal = rules.goal_limit_error(organ=organ, year=year, existing=existing)
    if refusal:
        raise ValidationError(refusal, code=rules.GOAL_LIMIT)
    goal = Goal(
        organ=organ,
        year=year,
        title=title,
        target_area=target_area,
        rationale=rationale,
        code=code or unique_code(Goal.objects.filter(organ__municipality_id=organ.municipality_id), title),
        responsible_organ=responsible_organ,
        responsible_person=responsible_person,
        order=existing,
        is_demo=is_demo,
    )
    goal.full_clean()
    goal.save()
    _set_links(goal, links)
    audit.record(
        actor=actor,
        action=AuditRecord.Action.CREATE,
        instance=goal,
        changes={
            k: [None, v] for k, v in {**audit.snapshot(goal, GOAL_FIELDS), **_links_snapshot(goal)}.items()
        },
    )
    return goal


@transaction.atomic
def goal_update(*, actor, goal: Goal, expected_version: int, **changes) -> Goal:
    """Change a goal's fields and links. Setting status=ready is refused while the goal has errors."""
    links = {k: changes.pop(k) for k in list(changes) if k in GOAL_LINKS}
    unknown = set(changes) - set(GOAL_FIELDS)
    if unknown:
        raise TypeError(f"goal_update got unknown fields: {sorted(unknown)}")
    before = {**audit.snapshot(goal, GOAL_FIELDS), **_links_snapshot(goal)}
    for name, value in changes.items():
        setattr(goal, name, value)
    goal.full_clean()
    save_versioned(goal, fields=GOAL_FIELDS, expected_version=expected_version)
    _set_links(goal, links)
    if goal.status == Goal.Status.READY:
        _refuse_ready_with_errors(goal)
    after = {**audit.snapshot(goal, GOAL_FIELDS), **_links_snapshot(goal)}
    audit.record(
        actor=actor, action=AuditRecord.Action.UPDATE, instance=goal, changes=audit.diff(before, after)
    )
    return goal


def _refuse_ready_with_errors(goal: Goal) -> None:
    errors = [f for f in rules.goal_findings(goal) if f.is_error]
    if errors:
        raise ValidationError(
            _("Målet kan inte sättas till ”klart för beslut”: %(reasons)s")
            % {"reasons": " ".join(f.message for f in errors)},
            code="goal_not_ready",
        )


@transaction.atomic
def goal_set_status(*, actor, goal: Goal, status: str, expected_version: int) -> Goal:
    before = goal.status
    goal.status = status
    goal.full_clean()
    if status == Goal.Status.READY:
        _refuse_ready_with_errors(goal)
    save_versioned(goal, fields=["status"], expected_version=expected_version)
    audit.record(
        actor=actor, action=AuditRecord.Action.STATE, instance=goal, changes={"status": [before, status]}
    )
    return goal


@transaction.atomic
def assignment_create(
    *,
    actor,
    giver: Organ,
    year: int,
    title: str,
    receiver: Organ | None = None,
    description: str = "",
    deadline=None,
    report_back: str = "",
    goal: Goal | None = None,
    code: str = "",
    status: str = Assignment.Status.NOT_STARTED,
    is_demo: bool = False,
) -> Assignment:
    municipality = giver.municipality
    assignment = Assignment(
        municipality=municipality,
        giver=giver,
        year=year,
        title=title,
        receiver=receiver,
        description=description,
        deadline=deadline,
        report_back=report_back,
        goal=goal,
        status=status,
        code=code or unique_code(Assignment.objects.filter(municipality=municipality), title),
        is_demo=is_demo,
    )
    assignment.full_clean()
    assignment.save()
    audit.record(
        actor=actor,
        action=AuditRecord.Action.CREATE,
        instance=assignment,
        changes={k: [None, v] for k, v in audit.snapshot(assignment, ASSIGNMENT_FIELDS).items()},
    )
    return assignment


@transaction.atomic
def assignment_update(*, actor, assignment: Assignment, expected_version: int, **changes) -> Assignment:
    unknown = set(changes) - set(ASSIGNMENT_FIELDS)
    if unknown:
        raise TypeError(f"assignment_update got unknown fields: {sorted(unknown)}")
    before = audit.snapshot(assignment, ASSIGNMENT_FIELDS)
    for name, value in changes.items():
        setattr(assignment, name, value)
    assignment.full_clean()
    save_versioned(assignment, fields=ASSIGNMENT_FIELDS, expected_version=expected_version)
    audit.record(
        actor=actor,
        action=AuditRecord.Action.UPDATE,
        instance=assignment,
        changes=audit.diff(before, audit.snapshot(assignment, ASSIGNMENT_FIELDS)),
    )
    return assignment
