"""The public indicator page: an indicator's values year by year against its target, its peers and
Riket, its rank and trend, with the chart, the table and the attribution Kolada's terms ask for.

Reads in a fixed number of queries whatever the number of years or municipalities: the municipality,
the indicator, and styrkraft.kolada.figures (at most five)."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from styrkraft.core.charts import Series, comparison_chart
from styrkraft.core.refusals import refuse_unseen
from styrkraft.indicators.models import Indicator
from styrkraft.kolada.figures import IndicatorFigures, figures_for
from styrkraft.org import permissions
from styrkraft.steering import queries


def _chart(figures: IndicatorFigures):
    indicator = figures.indicator
    years = figures.years
    series = [
        Series(
            "values",
            _("Utfall"),
            [(y.year, y.own) for y in years],
            preliminary=frozenset(y.year for y in years if y.preliminary),
        ),
        Series("target", _("Målvärde"), [(y.year, y.target) for y in years]),
    ]
    if figures.is_kolada:
        series += [
            Series("peer", _("Liknande kommuner (medel)"), [(y.year, y.peer) for y in years]),
            Series("country", _("Riket"), [(y.year, y.riket) for y in years]),
        ]
    return comparison_chart(
        series,
        title=_("%(indicator)s: utveckling och jämförelse") % {"indicator": indicator.title},
        unit=indicator.unit,
        direction=indicator.direction,
        chart_id=f"diagram-{indicator.pk}",
    )


def indicator_page(request, pk):
    municipality = queries.current_municipality(request)
    if municipality is None:
        raise Http404(_("Ingen kommun är inläst."))
    in_municipality = Indicator.objects.filter(organ__municipality=municipality, pk=pk)
    indicator = (
        permissions.visibility(request.user)
        .indicators(in_municipality)
        .select_related("organ__municipality", "organ__parent", "goal__target_area")
        .first()
    )
    if indicator is None:
        if in_municipality.exists():
            return refuse_unseen(request)  # its goal is a draft or not public
        raise Http404(_("Nyckeltalet finns inte."))
    figures = figures_for([indicator])[indicator.pk]
    context = {
        "indicator": indicator,
        "figures": figures,
        "chart": _chart(figures),
        "year": indicator.goal.year if indicator.goal_id else None,
        "may_edit": permissions.can_edit_indicator(request.user, indicator),
    }
    return render(request, "indicators/indicator.html", context)
