"""The steering chain as a whole: Styrkedjan (the start page), Vem kör? and an organ's page.

Each view fetches its page's data through styrkraft.steering.queries (a fixed number of queries) and
precomputes what the user may edit through styrkraft.org.permissions, so templates run no queries."""

from html import escape

from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from styrkraft.core.templatetags.styrkraft_tags import format_quantity
from styrkraft.org import permissions
from styrkraft.org.queries import current_municipality
from styrkraft.org.web import municipality_or_404
from styrkraft.steering import queries, services
from styrkraft.steering.plan_year import latest_year_with_goals, year_for_request

# The start page lists some 2,000 indicators and 1,000 assignments on a large municipality. Their table
# rows are built here, with html.escape (what Django's escape does, without its lazy-string wrapper)
# and the partials' own markup for the demo badge and the trend rendered once per kind: a template
# loop over them costs about ten times as much.


def _demo_badge() -> str:
    return " " + render_to_string("partials/demo.html", {"item": {"is_demo": True}})


def _figure(value, year, unit, formatted: dict) -> str:
    """A value with its unit and year; `formatted` keeps the formatted numbers of one page (many
    indicators share a value or a target)."""
    if value is None:
        return '<span class="muted">–</span>'
    key = (value, unit)
    if key not in formatted:
        formatted[key] = escape(format_quantity(value, unit))
    return f'{formatted[key]} <span class="muted">({year})</span>'


def _indicator_rows(goals) -> None:
    """Attach `goal.indicator_rows`: the table rows (name, latest value, trend, target) of each goal's
    indicators as one safe string, and the goal's and its organ's addresses (`url`, `organ_url`)."""
    demo = _demo_badge()
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
                f'<tr><th scope="row">{escape(indicator.title)}{demo if indicator.is_demo else ""}</th>'
                f'<td class="num">{_figure(s.latest_value, s.latest_year, indicator.unit, formatted)}</td>'
                f"<td>{trends[key]}</td>"
                f'<td class="num">{_figure(s.target_value, s.target_year, indicator.unit, formatted)}</td></tr>\n'
            )
        goal.indicator_rows = mark_safe("".join(rows))


URL_MARKER = 987654321987


def _url_for(name: str):
    """A function pk -> the URL of `name` for that pk, reversing once: the marker pk in the reversed URL
    is replaced (reverse() costs tens of microseconds, and a page lists up to a thousand items)."""
    pattern = reverse(name, args=[URL_MARKER])
    return lambda pk: pattern.replace(str(URL_MARKER), str(pk))


def assignment_rows(assignments, year, may=None) -> None:
    """Attach `a.row` to each assignment: its row in partials/assignment_table.html (title, giver,
    receiver, deadline, progress, and with `may` the edit link, for those in may["edit_assignments"])."""
    demo = _demo_badge()
    missing = f'<span class="muted">{escape(_("saknas"))}</span>'
    change = escape(_("Ändra"))
    assignment_url = _url_for("steering:assignment")
    edit_url = _url_for("steering:assignment_edit")
    organ_links = {}
    status_labels = {}

    def organ_link(organ) -> str:
        if organ.pk not in organ_links:
            url = reverse("steering:organ", args=[organ.slug])
            organ_links[organ.pk] = f'<a href="{escape(url)}?year={year}">{escape(organ.name)}</a>'
        return organ_links[organ.pk]

    for a in assignments:
        if a.progress not in status_labels:
            status_labels[a.progress] = escape(a.get_progress_display())
        title = escape(a.title)
        edit = ""
        if may:
            link = ""
            if a.pk in may["edit_assignments"]:
                link = (
                    f'<a class="edit-link" href="{edit_url(a.pk)}">{change}'
                    f'<span class="visually-hidden"> {title}</span></a>'
                )
            edit = f"\n      <td>{link}</td>"
        row = (
            f'<tr>\n      <th scope="row"><a href="{assignment_url(a.pk)}">{title}</a>'
            f"{demo if a.is_demo else ''}</th>\n"
            f"      <td>{organ_link(a.giver)}</td>\n"
            f"      <td>{organ_link(a.receiver) if a.receiver else missing}</td>\n"
            f'      <td class="nowrap">{a.deadline.isoformat() if a.deadline else missing}</td>\n'
            f'      <td><span class="status status-{escape(a.progress)}">{status_labels[a.progress]}</span></td>'
            f"{edit}\n    </tr>\n"
        )
        a.row = mark_safe(row)


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
    _indicator_rows(goal for section in page.sections for goal in section.goals)
    assignment_rows(page.assignments, year)
    context = {
        "page": page,
        "year": year,
        "years": years,
        "nav": "chain",
        "demo_badge": mark_safe(_demo_badge()),
    }
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
    assignment_rows(assignments, year, may)
    context = {"page": page, "organ": page.organ, "year": year, "years": years, "may": may}
    if not (page.goals or assignments):
        context |= _empty_year(municipality, year, organ=page.organ)
    return render(request, "steering/organ.html", context)
