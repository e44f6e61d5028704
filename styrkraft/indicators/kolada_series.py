"""The indicators' side of Kolada: a Kolada indicator follows its KPI for its municipality (compared
with its organ's peer group, else the municipality's), and after every sync or import the municipality's
own values are copied into its yearly outcomes. Registered with styrkraft.kolada.followers when the app is
ready, so that Kolada itself knows nothing of indicators."""

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from styrkraft.indicators.models import Indicator, IndicatorValue
from styrkraft.indicators.services import indicator_value_set
from styrkraft.kolada.followers import Followed
from styrkraft.kolada.models import KoladaValue

CENT = Decimal("0.01")


def _kolada_indicators() -> list[Indicator]:
    """The Kolada indicators that take values: not those of a replaced version of a goal (read-only; the
    version in force has its own copy), with the goal the value service checks."""
    return list(
        Indicator.objects.filter(source=Indicator.Source.KOLADA)
        .exclude(kolada_id="")
        .exclude(Indicator.replaced_q())
        .select_related("organ__municipality", "goal")
    )


def copy_to_indicators(indicators: Iterable[Indicator], *, actor) -> int:
    """Copy each Kolada indicator's municipality's own values (gender T, not deleted, not null) into
    its yearly outcomes through the indicator service, only where they differ. Returns how many."""
    written = 0
    for indicator in indicators:
        area = indicator.organ.municipality.kolada_id
        if not area or indicator.source != Indicator.Source.KOLADA:
            continue
        stored = dict(IndicatorValue.objects.filter(indicator=indicator).values_list("year", "value"))
        for year, value in KoladaValue.objects.filter(
            kpi=indicator.kolada_id,
            area=area,
            gender=KoladaValue.Gender.TOTAL,
            is_deleted=False,
            value__isnull=False,
        ).values_list("year", "value"):
            decimal = Decimal(repr(value)).quantize(CENT, rounding=ROUND_HALF_UP)
            if stored.get(year) != decimal:
                indicator_value_set(actor=actor, indicator=indicator, year=year, value=decimal)
                written += 1
    return written


class IndicatorSeries:
    """The Kolada indicators as a follower of Kolada's figures (styrkraft.kolada.followers)."""

    def followed(self) -> list[Followed]:
        return [
            Followed(
                kpi=i.kolada_id,
                area=i.organ.municipality.kolada_id,
                peer_group=i.organ.kolada_peer_group or i.organ.municipality.kolada_peer_group,
            )
            for i in _kolada_indicators()
        ]

    def copy_values(self, *, actor) -> int:
        return copy_to_indicators(_kolada_indicators(), actor=actor)
