"""The rules of the model (DOMAIN.md, rules 1-5) in one place.

Two kinds of rule: what may not exist is *refused* where it is written (a 4th goal: `goal_limit_error`),
and what must be complete before a decision is a *finding* (`findings_for_year`, `goal_findings`).
The limits are settings per municipality (Municipality.max_goals_per_organ, .min_target_areas)."""

from collections import defaultdict
from dataclasses import asdict, dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from styrkraft.core import validators
from styrkraft.core.words import genitive
from styrkraft.org.models import Municipality, Organ
from styrkraft.steering.models import Assignment, Goal

ERROR = "error"
WARNING = "warning"

# Rule identifiers, as printed by `styrkraft check` and shown on the pages.
GOAL_LIMIT = "goal_limit"  # rule 1
TARGET_AREA_COVERAGE = "target_area_coverage"  # rule 2
GOAL_RESPONSIBLE = "goal_responsible"  # rule 4
GOAL_INDICATOR = "goal_indicator"  # rule 4
GOAL_BASELINE = "goal_baseline"  # rule 4
GOAL_TARGET = "goal_target"  # rule 4
GOAL_RATIONALE = "goal_rationale"  # rule 4
NO_GOALS = "no_goals"  # rules 1-2: a goal-setting organ without goals for the year
ASSIGNMENT_RECEIVER = "assignment_receiver"  # rule 5
ASSIGNMENT_DEADLINE = "assignment_deadline"  # rule 5
ASSIGNMENT_REPORT_BACK = "assignment_report_back"  # rule 5


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    organ: str  # the organ's slug
    item: str  # what it concerns, in words
    message: str

    def as_dict(self) -> dict:
        return asdict(self)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def goal_limit_message(*, organ_name: str, year: int, limit: int) -> str:
    return ngettext(
        "%(organ)s har redan %(limit)s mål för %(year)s. En nämnd får ha högst %(limit)s mål per planår "
        "(styrmodellens regel 1).",
        "%(organ)s har redan %(limit)s mål för %(year)s. En nämnd får ha högst %(limit)s mål per planår "
        "(styrmodellens regel 1).",
        limit,
    ) % {"organ": organ_name, "year": year, "limit": limit}


def goal_limit_error(*, organ: Organ, year: int, existing: int) -> str | None:
    """The refusal message when adding one goal to `existing` would exceed the limit, else None."""
    limit = organ.municipality.max_goals_per_organ
    if existing >= limit:
        return goal_limit_message(organ_name=organ.name, year=year, limit=limit)
    return None


def goal_findings(goal, indicators=None) -> list[Finding]:
    """Rule 4: what a goal must have before it is ready for decision. `indicators` may be passed
    prefetched (each with `targets` prefetched) to avoid queries."""
    if indicators is None:
        indicators = list(goal.indicators.prefetch_related("targets"))
    return _goal_findings(
        goal,
        has_indicators=bool(indicators),
        has_baseline=any(ind.has_baseline for ind in indicators),
        has_target=any(len(ind.targets.all()) for ind in indicators),
    )


def _goal_findings(goal, *, has_indicators: bool, has_baseline: bool, has_target: bool) -> list[Finding]:
    """Rule 4 from what the goal's indicators have (any baseline, any target), however it was counted."""
    organ = goal.organ.slug
    item = _("Mål: %(title)s") % {"title": goal.title}
    found = []

    def add(rule, message, severity=ERROR):
        found.append(Finding(rule=rule, severity=severity, organ=organ, item=item, message=message))

    if not goal.responsible_organ_id:
        add(GOAL_RESPONSIBLE, _("Målet saknar ansvarigt organ."))
    if not goal.responsible_person.strip():
        add(GOAL_RESPONSIBLE, _("Målet saknar en namngiven ansvarig person eller roll."), WARNING)
    if not goal.rationale.strip():
        add(GOAL_RATIONALE, _("Målet saknar en motivering i klartext."))
    if not has_indicators:
        add(GOAL_INDICATOR, _("Målet saknar nyckeltal."))
    else:
        if not has_baseline:
            add(GOAL_BASELINE, _("Inget av målets nyckeltal har ett utgångsläge (år och värde)."))
        if not has_target:
            add(GOAL_TARGET, _("Inget av målets nyckeltal har ett målvärde."))
    return found


def assignment_findings(assignment) -> list[Finding]:
    """Rule 5: every assignment has a receiver, a deadline and a report-back; a deadline before the plan
    year cannot be right (an error; the services refuse it too, this catches what was stored earlier),
    one years after it may not be (a warning)."""
    complete = assignment.receiver_id and assignment.deadline and assignment.report_back.strip()
    impossible = validators.deadline_error(assignment.deadline, year=assignment.year)
    odd = validators.deadline_is_odd(assignment.deadline, year=assignment.year)
    if complete and not (impossible or odd):
        return []  # the common case on a large municipality: nothing to word
    organ = assignment.giver.slug
    item = _("Uppdrag: %(title)s") % {"title": assignment.title}
    found = []
    if not assignment.receiver_id:
        found.append(Finding(ASSIGNMENT_RECEIVER, ERROR, organ, item, _("Uppdraget saknar mottagare.")))
    if not assignment.deadline:
        found.append(Finding(ASSIGNMENT_DEADLINE, ERROR, organ, item, _("Uppdraget saknar slutdatum.")))
    elif impossible:
        found.append(Finding(ASSIGNMENT_DEADLINE, ERROR, organ, item, impossible))
    elif odd:
        message = _(
            "Slutdatumet %(date)s ligger mer än %(years)s år efter planåret %(year)s. Stämmer det?"
        ) % {
            "date": assignment.deadline.isoformat(),
            "years": validators.DEADLINE_YEARS_AFTER_PLAN_YEAR,
            "year": assignment.year,
        }
        found.append(Finding(ASSIGNMENT_DEADLINE, WARNING, organ, item, message))
    if not assignment.report_back.strip():
        found.append(
            Finding(
                ASSIGNMENT_REPORT_BACK, WARNING, organ, item, _("Uppdraget saknar krav på återrapportering.")
            )
        )
    return found


def organ_goal_set_findings(
    organ: Organ, goals: list, *, year: int, municipality: Municipality
) -> list[Finding]:
    """Rules 1-2 over one organ's goals for a year."""
    found = []
    item = _("Målen för %(year)s") % {"year": year}
    if not goals:
        found.append(
            Finding(
                NO_GOALS,
                WARNING,
                organ.slug,
                item,
                _("%(organ)s har inga mål för %(year)s.")
                % {
                    "organ": organ.name,
                    "year": year,
                },
            )
        )
        return found
    if len(goals) > municipality.max_goals_per_organ:
        found.append(
            Finding(
                GOAL_LIMIT,
                ERROR,
                organ.slug,
                item,
                ngettext(
                    "%(organ)s har %(count)s mål för %(year)s; högst %(limit)s är tillåtna (regel 1).",
                    "%(organ)s har %(count)s mål för %(year)s; högst %(limit)s är tillåtna (regel 1).",
                    len(goals),
                )
                % {
                    "organ": organ.name,
                    "count": len(goals),
                    "year": year,
                    "limit": municipality.max_goals_per_organ,
                },
            )
        )
    areas = {g.target_area_id for g in goals}
    if len(areas) < municipality.min_target_areas:
        found.append(
            Finding(
                TARGET_AREA_COVERAGE,
                ERROR,
                organ.slug,
                item,
                ngettext(
                    "%(organs)s mål för %(year)s täcker %(count)s målområde; minst %(min)s krävs (regel 2).",
                    "%(organs)s mål för %(year)s täcker %(count)s målområden; minst %(min)s krävs (regel 2).",
                    len(areas),
                )
                % {
                    "organs": genitive(organ.name),
                    "year": year,
                    "count": len(areas),
                    "min": municipality.min_target_areas,
                },
            )
        )
    return found


def findings_for_year(municipality: Municipality, year: int, *, organ: Organ | None = None) -> list[Finding]:
    """Every finding for a municipality's plan year (or one organ's), in a fixed number of queries."""
    organs = municipality.organs.filter(kind__in=Organ.GOAL_SETTING_KINDS)
    # What rule 4 needs of a goal's indicators, counted in SQL rather than fetched (thousands of them).
    baseline = Q(indicators__baseline_year__isnull=False, indicators__baseline_value__isnull=False)
    # A goal with a newer version (a draft beside it, or a decided one that replaced it) is counted
    # once, as its newest version.
    newer = Goal.objects.filter(supersedes=OuterRef("pk"))
    goals = (
        Goal.objects.filter(organ__municipality=municipality, year=year)
        .exclude(Exists(newer))
        .select_related("organ")
        .annotate(
            n_indicators=Count("indicators", distinct=True),
            n_with_baseline=Count("indicators", filter=baseline, distinct=True),
            n_targets=Count("indicators__targets", distinct=True),
        )
    )
    assignments = (
        Assignment.objects.filter(municipality=municipality, year=year)
        .select_related("giver")
        .only("id", "title", "year", "giver__slug", "receiver_id", "deadline", "report_back")
    )
    if organ is not None:
        organs = organs.filter(pk=organ.pk)
        goals = goals.filter(organ=organ)
        assignments = assignments.filter(Q(giver=organ) | Q(receiver=organ))
    by_organ = defaultdict(list)
    for goal in goals:
        by_organ[goal.organ_id].append(goal)
    found: list[Finding] = []
    for o in organs:
        found += organ_goal_set_findings(o, by_organ.get(o.pk, []), year=year, municipality=municipality)
        for goal in by_organ.get(o.pk, []):
            found += _goal_findings(
                goal,
                has_indicators=goal.n_indicators > 0,
                has_baseline=goal.n_with_baseline > 0,
                has_target=goal.n_targets > 0,
            )
    for a in assignments:
        found += assignment_findings(a)
    return found


def has_errors(findings: list[Finding]) -> bool:
    return any(f.is_error for f in findings)
