"""The steering chain as a whole: Styrkedjan (the start page), Vem kör? and an organ's page.

Each view fetches its page's data through styrkraft.steering.queries (a fixed number of queries) and
precomputes what the user may edit through styrkraft.org.permissions, so templates run no queries."""

from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _

from styrkraft.core.templatetags.styrkraft_tags import format_quantity
from styrkraft.org import permissions
from styrkraft.org.queries import current_municipality
from styrkraft.org.web import municipality_or_404
from styrkraft.steering import queries, services
from styrkraft.steering.plan_year import latest_year_with_goals, year_for_request

# The start page lists some 2,000 indicators and 1,000 assignments on a large municipality. Their table
# rows are template partials (steering/_chain_indicator_rows.html, partials/assignment_table.html); what
# costs in a template loop is computed here once per page and per distinct value: the formatted
# figures, the trend and demo badge partials rendered once per kind, the addresses reversed once.


def _demo_badge():
    return render_to_string("partials/demo.html", {"item": {"is_demo": True}})


def _escaped(text, escaped: dict):
    """`text` escaped once per page: `escaped` keeps the escaped texts (the template does not escape
    them again); many rows share a year, a figure, an organ's name and address."""
    if text not in escaped:
        escaped[text] = escape(text)
    return escaped[text]


def _figure(value, unit, escaped: dict):
    """A value formatted with its unit and escaped, or None."""
    if value is None:
        return None
    key = (value, unit)
    if key not in escaped:
        escaped[key] = escape(format_quantity(value, unit))
    return escaped[key]


def _indicator_rows(goals, demo) -> None:
    """Attach to each goal its and its organ's addresses (`url`, `organ_url`) and `indicator_rows`: what
    steering/_chain_indicator_rows.html shows of each of its indicators (a dict, which the template reads
    faster than attributes): title, demo badge, the formatted latest value and target with their years,
    and the rendered trend."""
    trends = {}
    formatted = {}
    goal_url = _url_for("steering:goal")
    organ_urls = {}
    for goal in goals:
        goal.url = goal_url(goal.pk)
        if goal.organ_id not in organ_urls:
            organ_urls[goal.organ_id] = reverse("steering:organ", args=[goal.organ.slug])
        goal.organ_url = organ_urls[goal.organ_id]
        rows = []
        for indicator in goal.chain_indicators:
            s = indicator.summary
            key = (s.trend, s.change)
            if key not in trends:
                trends[key] = render_to_string("partials/trend.html", {"indicator": indicator})
            rows.append(
                {
                    "title": indicator.title,
                    "demo": demo if indicator.is_demo else "",
                    "latest": _figure(s.latest_value, indicator.unit, formatted),
                    "latest_year": _escaped(s.latest_year, formatted),
                    "trend": trends[key],
                    "target": _figure(s.target_value, indicator.unit, formatted),
                    "target_year": _escaped(s.target_year, formatted),
                }
            )
        goal.indicator_rows = rows


URL_MARKER = 987654321987


def _url_for(name: str):
    """A function pk -> the URL of `name` for that pk, reversing once: the marker pk in the reversed URL
    is replaced (reverse() costs tens of microseconds, and a page lists up to a thousand items)."""
    pattern = reverse(name, args=[URL_MARKER])
    return lambda pk: pattern.replace(str(URL_MARKER), str(pk))


def assignment_rows(assignments, year, may=None) -> list[dict]:
    """The rows of partials/assignment_table.html (dicts, which the template reads faster than
    attributes): each assignment's title and address, its giver's and receiver's names and addresses for
    `year`, its deadline, its progress badge (partials/state_badge.html), the demo badge, and with `may`
    its edit address (for those in may["edit_assignments"])."""
    demo = _demo_badge()
    assignment_url = _url_for("steering:assignment")
    edit_url = _url_for("steering:assignment_edit")
    organ_urls = {}
    progress_badges = {}
    escaped = {}

    def organ_url(organ) -> str:
        if organ.pk not in organ_urls:
            organ_urls[organ.pk] = escape(f"{reverse('steering:organ', args=[organ.slug])}?year={year}")
        return organ_urls[organ.pk]

    rows = []
    for a in assignments:
        if a.progress not in progress_badges:
            badge = {"state": a.progress, "label": a.get_progress_display()}
            progress_badges[a.progress] = render_to_string("partials/state_badge.html", badge)
        rows.append(
            {
                "title": a.title,
                "url": assignment_url(a.pk),
                "demo": demo if a.is_demo else "",
                "giver": _escaped(a.giver.name, escaped),
                "giver_url": organ_url(a.giver),
                "receiver": _escaped(a.receiver.name, escaped) if a.receiver else "",
                "receiver_url": organ_url(a.receiver) if a.receiver else "",
                "deadline": _escaped(a.deadline.isoformat(), escaped) if a.deadline else "",
                "progress": progress_badges[a.progress],
                "edit_url": edit_url(a.pk) if may and a.pk in may["edit_assignments"] else "",
            }
        )
    return rows


def _empty_year(municipality, year: int, *, organ=None) -> dict:
    """For a page whose year has no content: the latest year that has some (the page links to it), or
    None when no year has; one query, only on an empty page."""
    return {"empty_year": True, "latest_year": latest_year_with_goals(municipality, organ=organ)}


def chain(request):
    municipality = current_municipality(request)
    if municipality is None:
        return render(request, "steering/empty.html", {"nav": "chain"})
    year, years = year_for_request(request, municipality)
    page = queries.chain_page(municipality, year, years, permissions.visibility(request.user))
    demo = _demo_badge()
    _indicator_rows((goal for section in page.sections for goal in section.goals), demo)
    context = {"page": page, "year": year, "years": years, "nav": "chain", "demo_badge": demo}
    context["assignment_rows"] = assignment_rows(page.assignments, year)
    if not (page.goal_count or page.council_goals or page.assignments):
        context |= _empty_year(municipality, year)
    return render(request, "steering/chain.html", context)


def responsibility(request):
    municipality = current_municipality(request)
    if municipality is None:
        return render(request, "steering/empty.html", {"nav": "responsibility"})
    year, years = year_for_request(request, municipality)
    rows = queries.responsibility_rows(municipality, year, permissions.visibility(request.user))
    totals = {
        key: sum(getattr(row, key) for row in rows)
        for key in ("n_goals", "n_indicators", "n_given", "n_received", "n_documents")
    }
    context = {"rows": rows, "totals": totals, "year": year, "years": years, "nav": "responsibility"}
    if not (totals["n_goals"] or totals["n_given"]):
        context |= _empty_year(municipality, year)
    return render(request, "steering/responsibility.html", context)


def organ(request, slug):
    municipality = municipality_or_404(request)
    year, years = year_for_request(request, municipality)
    page = queries.organ_page(municipality, slug, year, years, permissions.visibility(request.user))
    if page is None:
        raise Http404(_("Organet finns inte."))
    user = request.user
    assignments = page.assignments_given + page.assignments_received
    # At the goal limit (rule 1), "Lägg till mål" gives way to why not and how (a goal deleted first).
    full = (
        permissions.can_add_goal(user, page.organ)
        and services.goal_lineages(page.organ, year) >= municipality.max_goals_per_organ
    )
    may = {
        "add_goal": permissions.can_add_goal(user, page.organ) and not full,
        "goal_limit_reached": full,
        "goal_limit": municipality.max_goals_per_organ,
        "create_assignment": permissions.can_create_assignment(user, page.organ),
        "create_document": permissions.can_create_document(user, page.organ),
        "edit_goals": {g.pk for g in page.goals if permissions.can_edit_goal(user, g)},
        "edit_indicators": {i.pk for i in page.indicators if permissions.can_edit_indicator(user, i)},
        "edit_assignments": {a.pk for a in assignments if permissions.can_edit_assignment(user, a)},
    }
    context = {"page": page, "organ": page.organ, "year": year, "years": years, "may": may}
    context["given_rows"] = assignment_rows(page.assignments_given, year, may)
    context["received_rows"] = assignment_rows(page.assignments_received, year, may)
    if not (page.goals or assignments):
        context |= _empty_year(municipality, year, organ=page.organ)
    return render(request, "steering/organ.html", context)
