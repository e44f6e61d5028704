"""The plan year: one rule for every page, form and command.

The default plan year is the municipality's *current* plan year, the year being planned or followed
up. Once the municipality has an årshjul (yearly cycle) it will say which year that is; until then it is
the latest year that has goals (not the calendar year: in the autumn the boards plan next year, and in
the spring the council follows up last year). A municipality without goals starts at this year when it
is a plan year of a term, else at the plan year closest to it.

Pages take the year from ?year= (resolve_year, year_for_request); commands from --year, defaulting to
current_plan_year."""

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from styrkraft.core.fields import whole_number
from styrkraft.org.models import Municipality, Term
from styrkraft.steering.models import Goal


class UnknownYear(Exception):
    """A ?year= that is not a number or not a plan year of the municipality."""


def _term_years(municipality: Municipality) -> set[int]:
    years = set()
    for start, end in Term.objects.filter(municipality=municipality).values_list("start_year", "end_year"):
        years.update(range(start, end + 1))
    return years


def years_with_goals(municipality: Municipality) -> set[int]:
    return set(
        Goal.objects.filter(organ__municipality=municipality)
        .order_by()
        .values_list("year", flat=True)
        .distinct()
    )


def latest_year_with_goals(municipality: Municipality, *, organ=None) -> int | None:
    """The latest plan year that has goals (of `organ`, when given), None when none has: where a page
    for an empty year points. One query."""
    goals = Goal.objects.filter(organ__municipality=municipality)
    if organ is not None:
        goals = goals.filter(organ=organ)
    return goals.order_by("-year").values_list("year", flat=True).first()


def _default(term_years: set[int], goal_years: set[int]) -> int:
    if goal_years:
        return max(goal_years)
    this_year = timezone.localdate().year
    if not term_years or this_year in term_years:
        return this_year
    earlier = [y for y in term_years if y < this_year]
    return max(earlier) if earlier else min(term_years)


def plan_years(municipality: Municipality) -> tuple[list[int], int]:
    """The plan years one may choose (those of the terms and those that have goals) and the current
    plan year (the default). Two queries."""
    term_years, goal_years = _term_years(municipality), years_with_goals(municipality)
    default = _default(term_years, goal_years)
    return sorted(term_years | goal_years | {default}), default


def current_plan_year(municipality: Municipality) -> int:
    """The municipality's current plan year: the year a page, form or command shows when none is
    asked for."""
    return plan_years(municipality)[1]


def resolve_year(municipality: Municipality, raw: str | None) -> tuple[int, list[int]]:
    """The plan year asked for by ?year= (or the current plan year) and the years one may choose.
    UnknownYear when `raw` is not a number or not one of those years."""
    years, default = plan_years(municipality)
    if raw is None or raw.strip() == "":
        return default, years
    year = whole_number(raw.strip(), max_digits=4)  # ASCII digits only, as every number in a URL
    if year not in years:
        raise UnknownYear(raw)
    return year, years


def year_for_request(request, municipality: Municipality) -> tuple[int, list[int]]:
    """resolve_year for a view: ?year= or the current plan year; 404 with a message for a year that is
    not a plan year."""
    try:
        return resolve_year(municipality, request.GET.get("year"))
    except UnknownYear:
        raise Http404(_("Planåret finns inte. Välj ett av kommunens planår.")) from None
