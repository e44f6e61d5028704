"""The public indicator page: an indicator's values year by year against its target, its peers and
Riket, its rank and trend, with the chart, the table and the attribution Kolada's terms ask for.

Reads in a fixed number of queries whatever the number of years or municipalities: the municipality,
the indicator, and styrkraft.indicators.figures (at most five)."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from styrkraft.core.refusals import refuse_unseen
from styrkraft.indicators.charts import figures_chart
from styrkraft.indicators.figures import figures_for
from styrkraft.indicators.models import Indicator
from styrkraft.indicators.targets import targets_state
from styrkraft.org import permissions
from styrkraft.org.queries import current_municipality


def indicator_page(request, pk):
    municipality = current_municipality(request)
    if municipality is None:
        raise Http404(_("Ingen kommun är inläst."))
    in_municipality = Indicator.objects.filter(organ__municipality=municipality, pk=pk)
    visible = permissions.visibility(request.user)
    indicator = (
        visible.indicators(in_municipality)
        .select_related("organ__municipality", "organ__parent", "goal__target_area", "targets_decision__body")
        .first()
    )
    if indicator is None:
        if in_municipality.exists():
            return refuse_unseen(request)  # its goal is a draft or not public
        raise Http404(_("Nyckeltalet finns inte."))
    figures = figures_for([indicator], visible=visible)[indicator.pk]
    context = {
        "indicator": indicator,
        "figures": figures,
        "chart": figures_chart(figures),
        "year": indicator.goal.year if indicator.goal_id else None,
        "may_edit": permissions.can_edit_indicator(request.user, indicator),
        "targets_state": targets_state(indicator, visible),
    }
    return render(request, "indicators/indicator.html", context)
