"""Reading pages of the steering chain: Styrkedjan, Vem kör?, the organ, goal and assignment pages.

Each view fetches its page's data through styrkraft.steering.queries (a fixed number of queries) and
precomputes what the user may edit through styrkraft.org.permissions, so templates run no queries."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from styrkraft.core.charts import line_chart
from styrkraft.org import permissions
from styrkraft.steering import queries, rules


def _municipality_or_404(request):
    municipality = queries.current_municipality(request)
    if municipality is None:
        raise Http404(_("Ingen kommun är inläst."))
    return municipality


def _year(request, municipality) -> tuple[int, list[int]]:
    try:
        return queries.resolve_year(municipality, request.GET.get("year"))
    except queries.UnknownYear:
        raise Http404(_("Planåret finns inte. Välj ett av kommunens planår.")) from None


def chain(request):
    municipality = queries.current_municipality(request)
    if municipality is None:
        return render(request, "steering/empty.html", {"nav": "chain"})
    year, years = _year(request, municipality)
    page = queries.chain_page(municipality, year, years)
    return render(
        request, "steering/chain.html", {"page": page, "year": year, "years": years, "nav": "chain"}
    )


def responsibility(request):
    municipality = queries.current_municipality(request)
    if municipality is None:
        return render(request, "steering/empty.html", {"nav": "responsibility"})
    year, years = _year(request, municipality)
    rows = queries.responsibility_rows(municipality, year)
    totals = {
        key: sum(getattr(row, key) for row in rows)
        for key in ("n_goals", "n_indicators", "n_given", "n_received", "n_documents")
    }
    context = {"rows": rows, "totals": totals, "year": year, "years": years, "nav": "responsibility"}
    return render(request, "steering/responsibility.html", context)


def organ(request, slug):
    municipality = _municipality_or_404(request)
    year, years = _year(request, municipality)
    page = queries.organ_page(municipality, slug, year, years)
    if page is None:
        raise Http404(_("Organet finns inte."))
    user = request.user
    assignments = page.assignments_given + page.assignments_received
    may = {
        "add_goal": permissions.can_add_goal(user, page.organ),
        "create_assignment": permissions.can_create_assignment(user, page.organ),
        "edit_goals": {g.pk for g in page.goals if permissions.can_edit_goal(user, g)},
        "edit_indicators": {i.pk for i in page.indicators if permissions.can_edit_indicator(user, i)},
        "edit_assignments": {a.pk for a in assignments if permissions.can_edit_assignment(user, a)},
    }
    context = {"page": page, "organ": page.organ, "year": year, "years": years, "may": may}
    return render(request, "steering/organ.html", context)


def _figure_rows(indicator) -> list[tuple[int, object, object]]:
    values = {v.year: v.value for v in indicator.values.all()}
    targets = {t.year: t.value for t in indicator.targets.all()}
    return [(year, values.get(year), targets.get(year)) for year in sorted(values.keys() | targets.keys())]


def goal(request, pk):
    municipality = _municipality_or_404(request)
    page = queries.goal_page(municipality, pk)
    if page is None:
        raise Http404(_("Målet finns inte."))
    for indicator in page.indicators:
        indicator.figure_rows = _figure_rows(indicator)
        indicator.chart = line_chart(
            [(v.year, v.value) for v in indicator.values.all()],
            [(t.year, t.value) for t in indicator.targets.all()],
            title=_("%(indicator)s: utfall och målvärden") % {"indicator": indicator.title},
            unit=indicator.unit,
            direction=indicator.direction,
            chart_id=f"diagram-{indicator.pk}",
        )
    user = request.user
    may = {
        "edit_goal": permissions.can_edit_goal(user, page.goal),
        "edit_indicators": {i.pk for i in page.indicators if permissions.can_edit_indicator(user, i)},
        "edit_assignments": {a.pk for a in page.assignments if permissions.can_edit_assignment(user, a)},
    }
    context = {"page": page, "goal": page.goal, "year": page.goal.year, "may": may}
    return render(request, "steering/goal.html", context)


def assignment(request, pk):
    municipality = _municipality_or_404(request)
    item = queries.assignment_page(municipality, pk)
    if item is None:
        raise Http404(_("Uppdraget finns inte."))
    context = {
        "assignment": item,
        "year": item.year,
        "findings": rules.assignment_findings(item),
        "may": {"edit_assignment": permissions.can_edit_assignment(request.user, item)},
    }
    return render(request, "steering/assignment.html", context)
