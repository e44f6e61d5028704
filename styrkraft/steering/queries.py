"""Reads for the pages of the steering chain, each in a fixed number of SQL queries however large the
municipality is (tests/steering/test_queries.py holds them to that)."""

from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce

from styrkraft.indicators.models import Indicator
from styrkraft.indicators.summaries import IndicatorSummary, attach_summaries
from styrkraft.org.models import Municipality, Organ
from styrkraft.org.permissions import Visibility
from styrkraft.steering import rules
from styrkraft.steering.models import (
    Assignment,
    CouncilGoal,
    Goal,
    PoliticalIntent,
    SteeringDocument,
    TargetArea,
    Vision,
)
from styrkraft.steering.versions import newest

# ---------------------------------------------------------------------------------------------------
# Organs


def organ_index(municipality: Municipality) -> dict[int, Organ]:
    """All organs of the municipality by id, each `parent` pointing at the object in the same index, so
    walking up the chain (as the permission checks do) costs no query. One query."""
    organs = {o.pk: o for o in Organ.objects.filter(municipality=municipality)}
    for organ in organs.values():
        if organ.parent_id:
            organ.parent = organs[organ.parent_id]
    return organs


def _attach_organs(items, index: dict[int, Organ], *fields: str):
    for item in items:
        for name in fields:
            organ_id = getattr(item, f"{name}_id")
            if organ_id is not None:
                setattr(item, name, index[organ_id])
    return items


@dataclass
class Findings:
    items: list
    errors: int = 0
    warnings: int = 0

    @classmethod
    def of(cls, items: list) -> "Findings":
        errors = sum(1 for f in items if f.is_error)
        return cls(items=items, errors=errors, warnings=len(items) - errors)


def _findings(municipality, year, index, visible, organ=None) -> Findings:
    """The rule findings the user may see: those about organs whose drafts they see (a finding
    speaks of work in progress)."""
    by_slug = {o.slug: o for o in index.values()}
    if not visible.sees_any_drafts:
        return Findings.of([])
    found = [
        f
        for f in rules.findings_for_year(municipality, year, organ=organ)
        if visible.sees_drafts_of(by_slug[f.organ].pk if f.organ in by_slug else None)
    ]
    items = [
        {"finding": f, "organ": by_slug.get(f.organ)}
        for f in sorted(found, key=lambda f: (not f.is_error, f.organ, f.item, f.rule))
    ]
    result = Findings.of(found)
    result.items = items
    return result


def newest_versions(goals: list) -> list:
    """Leave out a goal whose newer version is in the list too: the chain shows each goal once, as its
    newest version the user may see (the decided version's own page links to the new one)."""
    replaced = {goal.supersedes_id for goal in goals if goal.supersedes_id}
    return [goal for goal in goals if goal.pk not in replaced]


# ---------------------------------------------------------------------------------------------------
# Styrkedjan


@dataclass
class TargetAreaSection:
    target_area: TargetArea
    council_goals: list = field(default_factory=list)
    goals: list = field(default_factory=list)


@dataclass
class ChainPage:
    municipality: Municipality
    year: int
    years: list[int]
    vision: Vision | None
    intent: PoliticalIntent | None
    sections: list[TargetAreaSection]
    council_goals: list
    goal_count: int
    assignments: list
    findings: Findings
    organs: dict[int, Organ]


@dataclass
class ChainIndicator:
    """What the start page shows of one of its (thousands of) indicators: read as plain rows, which
    costs a fraction of building Indicator objects. `summary` is set by attach_summaries()."""

    pk: int
    title: str
    unit: str
    direction: str
    is_demo: bool
    organ_id: int  # these four: which targets the user sees (styrkraft.indicators.targets)
    goal_id: int | None
    targets_state: str
    decided_targets: dict
    summary: IndicatorSummary | None = None


CHAIN_ASSIGNMENT_FIELDS = ("id", "title", "giver_id", "receiver_id", "deadline", "progress", "is_demo")


def _chain_indicators(goals, scope, year: int, visible: Visibility) -> None:
    """Attach `goal.chain_indicators` (ChainIndicator, in the indicators' order, with summaries) to each
    goal. Three queries."""
    by_goal: dict[int, list[ChainIndicator]] = {goal.pk: [] for goal in goals}
    rows = scope.order_by("goal_id", "order", "id").values_list(
        "pk",
        "title",
        "unit",
        "direction",
        "is_demo",
        "organ_id",
        "goal_id",
        "targets_state",
        "decided_targets",
    )
    for row in rows:
        indicator = ChainIndicator(*row)
        if indicator.goal_id in by_goal:
            by_goal[indicator.goal_id].append(indicator)
    attach_summaries([i for items in by_goal.values() for i in items], year, scope, visible)
    for goal in goals:
        goal.chain_indicators = by_goal[goal.pk]


def chain_page(municipality: Municipality, year: int, years: list[int], visible: Visibility) -> ChainPage:
    index = organ_index(municipality)
    vision = Vision.objects.filter(municipality=municipality).first()
    intent = (
        PoliticalIntent.objects.filter(
            term__municipality=municipality, term__start_year__lte=year, term__end_year__gte=year
        )
        .select_related("term", "decision__body")
        .prefetch_related(
            Prefetch(
                "target_areas",
                queryset=TargetArea.objects.prefetch_related("commitments", "sdg_goals"),
            )
        )
        .first()
    )
    council_goals = list(
        CouncilGoal.objects.filter(municipality=municipality, year=year).select_related("target_area")
    )
    goals = list(
        visible.goals(Goal.objects.filter(organ__municipality=municipality, year=year))
        .select_related("target_area")
        .prefetch_related("council_goals")
    )
    goals = newest_versions(goals)
    _attach_organs(goals, index, "organ", "responsible_organ")
    _chain_indicators(
        goals,
        visible.indicators(Indicator.objects.filter(goal__organ__municipality=municipality, goal__year=year)),
        year,
        visible,
    )

    sections: dict[int, TargetAreaSection] = {}
    if intent is not None:
        for area in intent.target_areas.all():
            sections[area.pk] = TargetAreaSection(target_area=area)
    for cg in council_goals:
        if cg.target_area_id in sections:
            sections[cg.target_area_id].council_goals.append(cg)
    for goal in sorted(goals, key=lambda g: (g.organ.order, g.organ.name, g.order, g.pk)):
        if goal.target_area_id not in sections:
            sections[goal.target_area_id] = TargetAreaSection(target_area=goal.target_area)
        sections[goal.target_area_id].goals.append(goal)

    assignments = list(
        newest(
            visible.assignments(Assignment.objects.filter(municipality=municipality, year=year)), visible
        ).only(*CHAIN_ASSIGNMENT_FIELDS)
    )
    _attach_organs(assignments, index, "giver", "receiver")
    return ChainPage(
        municipality=municipality,
        year=year,
        years=years,
        vision=vision,
        intent=intent,
        sections=list(sections.values()),
        council_goals=council_goals,
        goal_count=len(goals),
        assignments=assignments,
        findings=_findings(municipality, year, index, visible),
        organs=index,
    )


# ---------------------------------------------------------------------------------------------------
# Organ page


@dataclass
class OrganPage:
    organ: Organ
    year: int
    years: list[int]
    children: list[Organ]
    goals: list
    indicators: list
    assignments_given: list
    assignments_received: list
    documents: list
    findings: Findings
    organs: dict[int, Organ]


def _year_indicators(year: int) -> Q:
    """The indicators that belong to a plan year: those of its goals (not of a replaced version of one)
    and those tied to no goal."""
    return (Q(goal__year=year) & ~Goal.replaced_q("goal__")) | Q(goal__isnull=True)


def organ_page(
    municipality: Municipality, slug: str, year: int, years: list[int], visible: Visibility
) -> OrganPage | None:
    index = organ_index(municipality)
    organ = next((o for o in index.values() if o.slug == slug), None)
    if organ is None:
        return None
    children = sorted((o for o in index.values() if o.parent_id == organ.pk), key=lambda o: (o.order, o.name))
    goals = newest_versions(
        list(visible.goals(Goal.objects.filter(organ=organ, year=year)).select_related("target_area"))
    )
    _attach_organs(goals, index, "organ", "responsible_organ")
    scope = visible.indicators(Indicator.objects.filter(_year_indicators(year), organ=organ))
    indicators = attach_summaries(list(scope.select_related("goal")), year, scope, visible)
    _attach_organs(indicators, index, "organ")
    given = list(
        newest(
            visible.assignments(Assignment.objects.filter(giver=organ, year=year)), visible
        ).select_related("goal")
    )
    received = list(
        newest(
            visible.assignments(Assignment.objects.filter(receiver=organ, year=year)), visible
        ).select_related("goal")
    )
    _attach_organs(given + received, index, "giver", "receiver")
    documents = list(
        newest(visible.documents(SteeringDocument.objects.filter(owner=organ)), visible).select_related(
            "decision__body"
        )
    )
    _attach_organs(documents, index, "owner")
    return OrganPage(
        organ=organ,
        year=year,
        years=years,
        children=children,
        goals=goals,
        indicators=indicators,
        assignments_given=given,
        assignments_received=received,
        documents=documents,
        findings=_findings(municipality, year, index, visible, organ=organ),
        organs=index,
    )


# ---------------------------------------------------------------------------------------------------
# Goal and assignment pages


@dataclass
class GoalPage:
    goal: Goal
    indicators: list
    assignments: list
    findings: list
    organs: dict[int, Organ]


def goal_page(municipality: Municipality, pk: int, visible: Visibility) -> GoalPage | None:
    goal = (
        visible.goals(Goal.objects.filter(organ__municipality=municipality, pk=pk))
        .select_related("target_area__intent__term", "decision__body")
        .prefetch_related(
            "commitments",
            Prefetch("council_goals", queryset=CouncilGoal.objects.select_related("target_area")),
            "sdg_goals",
            "sdg_targets__goal",
        )
        .first()
    )
    if goal is None:
        return None
    index = organ_index(municipality)
    _attach_organs([goal], index, "organ", "responsible_organ")
    scope = Indicator.objects.filter(goal=goal)
    indicators = attach_summaries(
        list(scope.prefetch_related("values", "targets")), goal.year, scope, visible
    )
    for indicator in indicators:
        indicator.organ = goal.organ
        indicator.goal = goal
    assignments = list(newest(visible.assignments(Assignment.objects.filter(goal=goal)), visible))
    _attach_organs(assignments, index, "giver", "receiver")
    return GoalPage(
        goal=goal,
        indicators=indicators,
        assignments=assignments,
        findings=rules.goal_findings(goal, indicators) if visible.sees_drafts_of(goal.organ_id) else [],
        organs=index,
    )


def assignment_page(municipality: Municipality, pk: int, visible: Visibility) -> Assignment | None:
    assignment = (
        visible.assignments(Assignment.objects.filter(municipality=municipality, pk=pk))
        .select_related(
            "giver__parent", "receiver__parent", "goal__organ", "goal__target_area", "decision__body"
        )
        .first()
    )
    return assignment


# ---------------------------------------------------------------------------------------------------
# Vem kör? — the responsibility matrix


def _count(model, organ_field: str, scope=None, **filters) -> Coalesce:
    counted = (
        (scope if scope is not None else model.objects.all())
        .filter(**{organ_field: OuterRef("pk")}, **filters)
        .order_by()
        .values(organ_field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def responsibility_rows(municipality: Municipality, year: int, visible: Visibility) -> list[Organ]:
    """Every organ with the counts of what it drives in `year` (of what the user may see). One query."""
    indicator_filter = visible.indicators(Indicator.objects.filter(_year_indicators(year))).filter(
        organ=OuterRef("pk")
    )
    return list(
        Organ.objects.filter(municipality=municipality)
        .select_related("parent")
        .annotate(
            n_goals=_count(Goal, "organ", visible.goals(Goal.objects.all()), year=year),
            n_indicators=Coalesce(
                Subquery(
                    indicator_filter.order_by().values("organ").annotate(n=Count("pk")).values("n"),
                    output_field=IntegerField(),
                ),
                0,
            ),
            n_given=_count(
                Assignment, "giver", newest(visible.assignments(Assignment.objects.all()), visible), year=year
            ),
            n_received=_count(
                Assignment,
                "receiver",
                newest(visible.assignments(Assignment.objects.all()), visible),
                year=year,
            ),
            n_documents=_count(
                SteeringDocument, "owner", newest(visible.documents(SteeringDocument.objects.all()), visible)
            ),
        )
    )
