"""Every write to the steering chain: goals and assignments. Each service runs in one transaction,
validates with full_clean(), applies the model's rules and writes its audit record."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from styrkraft import lifecycle
from styrkraft.core import audit, validators
from styrkraft.core.models import AuditRecord
from styrkraft.core.services import create, restore, save_versioned, soft_delete, unique_code, update
from styrkraft.indicators.models import Indicator
from styrkraft.lifecycle import refuse_if_frozen, refuse_if_replaced
from styrkraft.org.models import Organ
from styrkraft.steering import rules
from styrkraft.steering.models import Assignment, Decision, Goal, RecordState

GOAL_FIELDS = [
    "title",
    "rationale",
    "target_area",
    "responsible_organ",
    "responsible_person",
    "record_state",
    "order",
    "is_public",
]
GOAL_LINKS = ["commitments", "council_goals", "sdg_goals", "sdg_targets"]
# What a steering document's form changes (the code is made from the title; the state and decision
# reference are the states services').
DOCUMENT_FIELDS = ["title", "doc_type", "owner", "next_review", "validity", "is_public"]
ASSIGNMENT_FIELDS = [
    "title",
    "description",
    "receiver",
    "deadline",
    "report_back",
    "goal",
    "progress",
    "year",
    "is_public",
]


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
    is_public: bool = True,
    is_demo: bool = False,
    **links,
) -> Goal:
    # Lock the organ so two concurrent creations cannot both pass the goal-limit check.
    organ = Organ.objects.select_for_update().select_related("municipality").get(pk=organ.pk)
    existing = goal_lineages(organ, year)
    refusal = rules.goal_limit_error(organ=organ, year=year, existing=existing)
    if refusal:
        raise ValidationError(refusal, code=rules.GOAL_LIMIT)
    goal = Goal(
        organ=organ,
        year=year,
        title=title,
        target_area=target_area,
        rationale=rationale,
        code=code
        or unique_code(Goal.all_objects.filter(organ__municipality_id=organ.municipality_id), title),
        responsible_organ=responsible_organ,
        responsible_person=responsible_person,
        order=existing,
        is_public=is_public,
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
    """Change a goal's fields and links. Setting record_state=ready is refused while the goal has errors."""
    refuse_if_decided(goal)
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
    if goal.record_state == RecordState.READY:
        _refuse_ready_with_errors(goal)
    after = {**audit.snapshot(goal, GOAL_FIELDS), **_links_snapshot(goal)}
    audit.record(
        actor=actor, action=AuditRecord.Action.UPDATE, instance=goal, changes=audit.diff(before, after)
    )
    return goal


def goal_lineages(organ: Organ, year: int) -> int:
    """How many goals the organ has for the year, for the goal limit: a goal and its newer versions
    are one goal (a lineage starts with a goal that is not a new version of another)."""
    return Goal.objects.filter(organ=organ, year=year, supersedes__isnull=True).count()


def refuse_if_decided(goal: Goal) -> None:
    """A decided goal is frozen (the model's rule 9); so is one a newer decided version replaced. A
    change to it is a new version (versions.goal_new_version)."""
    refuse_if_frozen(goal, goal.decided_message)


def _not_ready(goal: Goal) -> str:
    errors = [f for f in rules.goal_findings(goal) if f.is_error]
    if not errors:
        return ""
    return _("Målet kan inte sättas till ”upprättad”: %(reasons)s") % {
        "reasons": " ".join(f.message for f in errors)
    }


def _refuse_ready_with_errors(goal: Goal) -> None:
    if refusal := _not_ready(goal):
        raise ValidationError(refusal, code="goal_not_ready")


@transaction.atomic
def goal_set_status(*, actor, goal: Goal, status: str, expected_version: int) -> Goal:
    """utkast ⇄ upprättad (styrkraft.lifecycle.set_state); a goal is decided with its plan year."""
    refuse_if_decided(goal)
    return lifecycle.set_state(
        actor=actor,
        item=goal,
        state=status,
        expected_version=expected_version,
        not_ready=_not_ready(goal) if status == RecordState.READY else "",
        decide_refusal=_("Ett mål blir beslutat genom ett beslut om planåret, inte genom en statusändring."),
    )


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
    progress: str = Assignment.Progress.NOT_STARTED,
    is_public: bool = True,
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
        progress=progress,
        code=code or unique_code(Assignment.all_objects.filter(municipality=municipality), title),
        is_public=is_public,
        is_demo=is_demo,
    )
    create(assignment, actor=actor, changes=audit.created(assignment, ASSIGNMENT_FIELDS))
    return assignment


@transaction.atomic
def assignment_update(*, actor, assignment: Assignment, expected_version: int, **changes) -> Assignment:
    unknown = set(changes) - set(ASSIGNMENT_FIELDS)
    if unknown:
        raise TypeError(f"assignment_update got unknown fields: {sorted(unknown)}")
    before = audit.snapshot(assignment, ASSIGNMENT_FIELDS)
    refuse_if_replaced(assignment)
    if assignment.record_state == RecordState.DECIDED:
        changed = {k for k, v in changes.items() if v != getattr(assignment, k)} - {"progress"}
        if changed:
            raise ValidationError(
                _("Uppdraget ”%(item)s” är beslutat (%(decision)s): bara hur arbetet går kan ändras.")
                % {"item": assignment.title, "decision": assignment.decision},
                code="decided",
            )
    for name, value in changes.items():
        setattr(assignment, name, value)
    return update(
        assignment, actor=actor, fields=ASSIGNMENT_FIELDS, before=before, expected_version=expected_version
    )


@transaction.atomic
def goal_delete(*, actor, goal: Goal) -> None:
    """Remove a goal from the chain without losing it: an administrator can restore it."""
    refuse_if_decided(goal)
    soft_delete(goal, actor=actor)


@transaction.atomic
def goal_restore(*, actor, goal: Goal) -> Goal:
    """Bring a deleted goal back, unless the organ has meanwhile reached its goal limit for the year."""
    organ = Organ.objects.select_for_update().select_related("municipality").get(pk=goal.organ_id)
    existing = goal_lineages(organ, goal.year) if goal.supersedes_id is None else 0
    refusal = rules.goal_limit_error(organ=organ, year=goal.year, existing=existing)
    if refusal:
        raise ValidationError(refusal, code=rules.GOAL_LIMIT)
    restore(goal, actor=actor)
    return goal


@transaction.atomic
def assignment_delete(*, actor, assignment: Assignment) -> None:
    """A decided assignment (or a version a newer one replaced) stays: it is part of what was decided."""
    refuse_if_frozen(
        assignment, _("Uppdraget ”%(item)s” är beslutat och kan inte tas bort.") % {"item": assignment.title}
    )
    soft_delete(assignment, actor=actor)


@transaction.atomic
def assignment_restore(*, actor, assignment: Assignment) -> Assignment:
    restore(assignment, actor=actor)
    return assignment


def goal_set_in_force(goals: list) -> list:
    """The goal set a plan-year decision is checked by (the rules' limit and target areas): each goal
    once, as the decided version in force or the new version about to be decided; replaced versions
    left out. The decision page shows the same set's findings."""
    undecided = [g for g in goals if g.record_state in (RecordState.DRAFT, RecordState.READY)]
    replaced = {g.supersedes_id for g in undecided if g.supersedes_id}
    decided = [g for g in goals if g.record_state == RecordState.DECIDED and g.pk not in replaced]
    return decided + undecided


@transaction.atomic
def plan_year_decide(
    *,
    actor,
    organ: Organ,
    year: int,
    body: Organ,
    decided_on,
    paragraph: str = "",
    case_number: str = "",
    title: str = "",
) -> Decision:
    """Decide an organ's whole plan year in one step: every goal of the year (with its indicators and
    targets) gets the same decision reference and is frozen. Refused unless every goal is finalised
    (upprättad, "klart för beslut") and the goal set has no error finding."""
    organ = Organ.objects.select_for_update().select_related("municipality").get(pk=organ.pk)
    all_goals = list(Goal.objects.filter(organ=organ, year=year).select_related("organ"))
    # What is decided now: the goals not yet decided (new goals and new versions of decided ones).
    goals = [g for g in all_goals if g.record_state in (RecordState.DRAFT, RecordState.READY)]
    in_force = goal_set_in_force(all_goals)
    problems = []
    if not goals:
        problems.append(
            _("%(organ)s har inga mål för %(year)s att besluta.") % {"organ": organ.name, "year": year}
        )
    not_ready = [g.title for g in goals if g.record_state != RecordState.READY]
    if not_ready:
        problems.append(
            _("Dessa mål är inte klara för beslut: %(goals)s.")
            % {"goals": ", ".join(f"”{t}”" for t in not_ready)}
        )
    errors = [
        f
        for f in rules.organ_goal_set_findings(organ, in_force, year=year, municipality=organ.municipality)
        if f.is_error
    ]
    problems += [f.message for f in errors]
    if problems:
        raise ValidationError(problems, code="not_decidable")
    decision = lifecycle.create_decision(
        actor=actor,
        municipality=organ.municipality,
        body=body,
        decided_on=decided_on,
        paragraph=paragraph,
        case_number=case_number,
        title=title or _("Mål för %(organ)s %(year)s") % {"organ": organ.name, "year": year},
    )
    # After the decision's own checks (a date in the future is refused as such); the transaction takes
    # the decision back.
    wrong_date = validators.plan_decision_error(decided_on, year=year)
    if wrong_date:
        raise ValidationError({"decided_on": wrong_date})
    for goal in goals:
        lifecycle.mark_decided(actor=actor, item=goal, decision=decision, expected_version=goal.version)
        _decide_targets(actor=actor, goal=goal, decision=decision)
    for goal in goals:
        if goal.supersedes_id:
            old = Goal.objects.get(pk=goal.supersedes_id)
            if old.record_state == RecordState.DECIDED:
                _assignments_follow(actor=actor, old=old, new=goal)
            lifecycle.supersede(actor=actor, item=goal, decision=decision)
    return decision


def _assignments_follow(*, actor, old: Goal, new: Goal) -> None:
    """The assignments that contribute to a goal follow it to its new version when that is decided (a
    replaced version is contributed to by nobody); each move is audited. A replaced assignment stays as
    it was decided."""
    for assignment in Assignment.objects.filter(goal=old).exclude(record_state=RecordState.SUPERSEDED):
        assignment.goal = new
        save_versioned(assignment, fields=["goal"], expected_version=assignment.version)
        audit.record(
            actor=actor,
            action=AuditRecord.Action.UPDATE,
            instance=assignment,
            changes={
                "goal": [
                    _("%(goal)s (version som ersätts)") % {"goal": old},
                    _("%(goal)s (ny version, beslutad)") % {"goal": new},
                ]
            },
        )


def _decide_targets(*, actor, goal: Goal, decision: Decision) -> None:
    """The targets of a goal's indicators are decided with the goal."""
    for indicator in Indicator.objects.filter(goal=goal).exclude(targets_state=RecordState.DECIDED):
        lifecycle.mark_decided(
            actor=actor, item=indicator, decision=decision, expected_version=indicator.version
        )
