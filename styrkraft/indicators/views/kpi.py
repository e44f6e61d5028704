"""The Kolada catalogue search of the new-indicator form: `/nyckeltal/kolada-sok/?q=…` answers htmx with
the list of hits (a partial) and a plain request with a page of its own; without JavaScript the form's
search reloads the new-indicator page itself with the hits (create_form_context). Choosing a hit reloads
the form with `?kpi=N15419`, filled from the catalogue."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from styrkraft.core.fields import id_from_text
from styrkraft.core.web import require
from styrkraft.indicators import kpi_search
from styrkraft.org import permissions


def _not_allowed() -> str:
    return _("Du har inte behörighet att söka i Koladas katalog; det gör den som redigerar nyckeltal.")


@login_required
def kpi_search_view(request):
    require(permissions.can_search_kpi_catalogue(request.user), _not_allowed())
    # The goal whose new indicator the search is for (?mal=): its hits link back to that form, which
    # checks the goal and who may add to it.
    goal_pk = id_from_text(request.GET.get("mal", ""))
    context = {"search": kpi_search.search_kpis(request.GET.get("q", "")), "goal_pk": goal_pk}
    template = "indicators/_kpi_results.html" if request.htmx else "indicators/kpi_search.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def create_form_context(request) -> dict:
    """What the new-indicator page shows of the catalogue: the hits of `?q=` (the search without
    JavaScript), and the KPI chosen with `?kpi=` (or that it was not found)."""
    if request.method != "GET" or not permissions.can_search_kpi_catalogue(request.user):
        return {}
    chosen_id = request.GET.get("kpi", "").strip()
    chosen = kpi_search.find_kpi(chosen_id)
    return {
        "search": kpi_search.search_kpis(request.GET.get("q", "")),
        "chosen_kpi": chosen,
        "chosen_kpi_missing": chosen_id if chosen_id and chosen is None else "",
        "form_kwargs": {"initial": kpi_search.kpi_initial(chosen)} if chosen else {},
    }
