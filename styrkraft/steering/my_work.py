"""Mitt arbete: what a signed-in user has to do, organ by organ, for a plan year. Read in a fixed
number of SQL queries however many organs, goals and indicators there are (tests/steering/
test_my_work.py holds it to that).

For each organ the user has a role on (administrators: every organ, filtered): its goals for the year
as "2 av 3 mål" with their records states, what each goal lacks before it can be upprättad (rule 4,
with where to fix it), its own indicators without a value for the year before the plan year, the
assignments it has been given that are not done (overdue first), its steering documents due for review
and the rest of its rule findings."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from styrkraft.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from styrkraft.org import permissions
from styrkraft.org.models import Municipality, Organ, OrganRole
from styrkraft.steering import rules
from styrkraft.steering.models import Assignment, Goal, SteeringDocument
from styrkraft.steering.queries import newest_versions, organ_index
from styrkraft.steering.versions import newest

# A steering document is due for review when its next review is at most this many days away (or past).
REVIEW_NOTICE_DAYS = 90

# Rule 4 is shown per goal, with where to fix it; the other findings under "Regelkontroll".
GOAL_RULES = {
    rules.GOAL_RESPONSIBLE,
    rules.GOAL_RATIONALE,
    rules.GOAL_INDICATOR,
    rules.GOAL_BASELINE,
    rules.GOAL_TARGET,
}

OPEN_ASSIGNMENT = (Assignment.Progress.NOT_STARTED, Assignment.Progress.ONGOING)


@dataclass
class Missing:
    """One thing a goal lacks before it can be upprättad: the finding, in plain words, and where it is
    fixed (a link text and URL; None when the user may not fix it)."""

    finding: rules.Finding
    fix: str
    url: str | None


@dataclass
class OrganWork:
    organ: Organ
    roles: list[str]
    may_edit: bool
    goals: list = field(default_factory=list)  # each with .missing: list[Missing]
    goal_count: int = 0  # goals counted against the limit (a goal and its new versions are one)
    goal_limit: int = 0
    indicators_without_value: list = field(default_factory=list)
    assignments: list = field(default_factory=list)  # each with .overdue
    documents: list = field(default_factory=list)  # each with .overdue
    findings: list = field(default_factory=list)

    @property
    def missing_count(self) -> int:
        return sum(len(goal.missing) for goal in self.goals)

    @property
    def has_problems(self) -> bool:
        return bool(
            self.missing_count
            or self.indicators_without_value
            or any(a.overdue for a in self.assignments)
            or self.documents
            or self.findings
        )

    @property
    def at_goal_limit(self) -> bool:
        return self.goal_count >= self.goal_limit


@dataclass
class MyWorkFilter:
    """The administrators' filter (a GET form): organ kind, part of the name, only organs with problems."""

    kind: str = ""
    name: str = ""
    problems: bool = False

    @property
    def active(self) -> bool:
        return bool(self.kind or self.name or self.problems)


@dataclass
class MyWorkPage:
    year: int
    everything: bool  # an administrator: every organ
    organs: list[OrganWork]
    total: int  # organs before the "only with problems" filter


def _fix_links(goal, finding: rules.Finding, may_edit: bool) -> Missing:
    """Where a rule-4 finding is fixed: the goal's form (responsible, rationale), a new indicator, the
    first indicator's form (baseline) or figures (target)."""
    indicators = list(goal.indicators.all())
    first = indicators[0] if indicators else None
    edit = reverse("steering:goal_edit", args=[goal.pk])
    if finding.rule == rules.GOAL_RATIONALE:
        fix, url = _("Skriv en motivering"), f"{edit}#id_rationale"
    elif finding.rule == rules.GOAL_RESPONSIBLE and finding.is_error:
        fix, url = _("Ange ansvarigt organ"), f"{edit}#id_responsible_organ"
    elif finding.rule == rules.GOAL_RESPONSIBLE:
        fix, url = _("Ange ansvarig person eller roll"), f"{edit}#id_responsible_person"
    elif finding.rule == rules.GOAL_INDICATOR or first is None:
        fix, url = _("Lägg till ett nyckeltal"), reverse("steering:goal_indicator_create", args=[goal.pk])
    elif finding.rule == rules.GOAL_BASELINE:
        fix = _("Ange utgångsläge för %(indicator)s") % {"indicator": first.title}
        url = reverse("indicators:edit", args=[first.pk]) + "#id_baseline_year"
    else:
        fix = _("Ange målvärden för %(indicator)s") % {"indicator": first.title}
        url = reverse("indicators:figures", args=[first.pk])
    return Missing(finding=finding, fix=fix, url=url if may_edit else None)


def _organs(municipality: Municipality, user, wanted: MyWorkFilter) -> tuple[list[Organ], dict, bool]:
    """The organs the page covers, the user's roles by organ id, and whether the user is an
    administrator (who sees every organ, filtered by kind and name)."""
    index = organ_index(municipality)
    roles: dict[int, list[str]] = {}
    for organ_id, role in OrganRole.objects.filter(user=user, organ__municipality=municipality).values_list(
        "organ_id", "role"
    ):
        roles.setdefault(organ_id, []).append(role)
    everything = permissions.is_admin(user)
    if everything:
        organs = list(index.values())
        if wanted.kind:
            organs = [o for o in organs if o.kind == wanted.kind]
        if wanted.name:
            organs = [o for o in organs if wanted.name.casefold() in o.name.casefold()]
    else:
        organs = [index[pk] for pk in roles if pk in index]
    organs.sort(key=lambda o: (o.order, o.name))
    return organs, roles, everything


def my_work_page(municipality: Municipality, user, year: int, wanted: MyWorkFilter) -> MyWorkPage:
    organs, roles, everything = _organs(municipality, user, wanted)
    ids = [o.pk for o in organs]
    today = timezone.localdate()
    work = {
        o.pk: OrganWork(
            organ=o,
            roles=[OrganRole.Role(r).label for r in sorted(roles.get(o.pk, []))],
            may_edit=permissions.can_edit_organ(user, o),
            goal_limit=municipality.max_goals_per_organ,
        )
        for o in organs
    }

    # Goals of the year: every version counts against the limit once (a new version is no new goal);
    # the newest of each is shown.
    all_goals = list(
        Goal.objects.filter(organ__in=ids, year=year)
        .select_related("target_area")
        .prefetch_related(
            Prefetch(
                "indicators",
                queryset=Indicator.objects.prefetch_related(
                    Prefetch("targets", queryset=IndicatorTarget.objects.only("id", "indicator_id"))
                ),
            )
        )
    )
    for goal in all_goals:
        goal.organ = work[goal.organ_id].organ
        if goal.supersedes_id is None:
            work[goal.organ_id].goal_count += 1
    for goal in newest_versions(all_goals):
        entry = work[goal.organ_id]
        goal.missing = []
        if not goal.is_frozen:
            indicators = list(goal.indicators.all())
            goal.missing = [
                _fix_links(goal, f, entry.may_edit) for f in rules.goal_findings(goal, indicators)
            ]
        entry.goals.append(goal)

    # Own indicators (of the year's goals, or tied to no goal) without a value for the year before.
    last_year = year - 1
    shown_goals = [g.pk for w in work.values() for g in w.goals]
    indicators = (
        Indicator.objects.filter(organ__in=ids, source=Indicator.Source.OWN)
        .filter(Q(goal__in=shown_goals) | Q(goal__isnull=True))
        .exclude(Exists(IndicatorValue.objects.filter(indicator=OuterRef("pk"), year=last_year)))
        .order_by("organ_id", "goal_id", "order", "id")
    )
    for indicator in indicators:
        work[indicator.organ_id].indicators_without_value.append(indicator)

    # Assignments the organs were given that are not done, overdue first, then by deadline.
    assignments = newest(
        Assignment.objects.filter(receiver__in=ids, progress__in=OPEN_ASSIGNMENT),
        permissions.visibility(user),
    ).select_related("giver")
    far = datetime.date.max
    for a in sorted(assignments, key=lambda a: (not _overdue(a.deadline, today), a.deadline or far, a.pk)):
        a.overdue = _overdue(a.deadline, today)
        work[a.receiver_id].assignments.append(a)

    # Steering documents in force due for review.
    due = today + datetime.timedelta(days=REVIEW_NOTICE_DAYS)
    documents = newest(
        SteeringDocument.objects.filter(owner__in=ids, next_review__lte=due).exclude(
            validity=SteeringDocument.Validity.REPEALED
        ),
        permissions.visibility(user),
    ).order_by("next_review", "title")
    for document in documents:
        document.overdue = document.next_review < today
        work[document.owner_id].documents.append(document)

    # The rest of the rule findings (rules 1, 2 and 5) of these organs.
    by_slug = {o.slug: work[o.pk] for o in organs}
    if organs:
        for finding in rules.findings_for_year(municipality, year):
            if finding.organ in by_slug and finding.rule not in GOAL_RULES:
                by_slug[finding.organ].findings.append(finding)

    result = list(work.values())
    total = len(result)
    if wanted.problems:
        result = [w for w in result if w.has_problems]
    return MyWorkPage(year=year, everything=everything, organs=result, total=total)


def _overdue(deadline, today) -> bool:
    return deadline is not None and deadline < today
