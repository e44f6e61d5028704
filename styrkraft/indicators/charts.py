"""The comparison chart of an indicator's figures (styrkraft.indicators.figures): own values (preliminary
years hollow) and targets, and for a Kolada indicator the peer mean and Riket. The indicator page and
the goal page draw the same chart."""

from django.utils.translation import gettext as _

from styrkraft.core.charts import Series, comparison_chart
from styrkraft.indicators.figures import IndicatorFigures


def figures_chart(figures: IndicatorFigures):
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
