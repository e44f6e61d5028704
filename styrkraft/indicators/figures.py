"""An indicator's figures year by year: its own value and target, the peer group's mean, Riket, the rank
among all municipalities, the women/men split, and the preliminary and deleted flags; plus its trend.

`figures_for()` reads them for any number of indicators in at most five queries (own values, targets,
and for Kolada indicators the KPI catalogue rows, the areas and the raw values); the computations are
in styrkraft.indicators.analysis. The rules (docs/kolada.md, section Analys):

- Own value: the indicator's own yearly value (IndicatorValue; the sync copies the municipality's own
  Kolada total there). Target: IndicatorTarget, those the user sees (styrkraft.indicators.targets).
  Trend: over the own values.
- Peer mean: Kolada's value for the group (area `G…`) when it has one, else the mean of the members'
  totals, computed by us and flagged (`peer_computed`). The group is the organ's peer group, else the
  municipality's (övergripande).
- Rank: the municipality's own Kolada total among the totals of all municipalities of that year.
  Municipalities are the areas of kind K; an area without a KoladaArea row counts as a municipality
  when its id has four digits and does not start with "00" (0000 is Riket, 0001-0025 are regions).
- Women/men: the municipality's own Kolada values of gender K and M.
- Preliminary: a year is preliminary when one of the municipality's own Kolada values for it has a
  non-empty status, or by the KPI's publication dates: a year after `publ_period` always, and the year
  `publ_period` itself until `publication_date` has passed (when the KPI has a publication date or a
  preliminary publication date at all).
- Deleted values (Kolada's `isdeleted`) are left out of every figure; the year is flagged.
"""

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from styrkraft.core.templatetags.styrkraft_tags import format_number
from styrkraft.indicators import analysis
from styrkraft.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from styrkraft.indicators.targets import visible_targets
from styrkraft.kolada.models import KoladaArea, KoladaKpi, KoladaValue
from styrkraft.org.permissions import Visibility

MUNICIPALITY_ID = re.compile(r"^(?!00)\d{4}$")
TOTAL, WOMEN, MEN = KoladaValue.Gender.TOTAL, KoladaValue.Gender.WOMEN, KoladaValue.Gender.MEN


@dataclass
class YearFigures:
    year: int
    own: Decimal | None = None
    target: Decimal | None = None
    peer: float | None = None
    peer_computed: analysis.MembersMean | None = None  # set when `peer` is our mean of the members
    riket: float | None = None
    rank: analysis.Rank | None = None
    women: float | None = None
    men: float | None = None
    preliminary: bool = False
    deleted: bool = False  # Kolada deleted a value of this year; it is left out


@dataclass
class PeerGroup:
    id: str
    title: str  # "" when the group is not in the local catalogue
    members: list[tuple[str, str]]  # (Kolada id, name)


@dataclass
class IndicatorFigures:
    indicator: Indicator
    years: list[YearFigures]
    trend: analysis.Trend
    trend_years: int
    area: str = ""  # the municipality's Kolada id
    kpi: KoladaKpi | None = None
    peer_group: PeerGroup | None = None
    has_kolada_data: bool = False  # any Kolada value of the KPI is stored
    has_own_kolada_data: bool = False  # any of them is the municipality's own

    @property
    def is_kolada(self) -> bool:
        return self.indicator.source == Indicator.Source.KOLADA and bool(self.indicator.kolada_id)

    def _any(self, name: str) -> bool:
        return any(getattr(y, name) for y in self.years)

    @property
    def has_peer(self) -> bool:
        return any(y.peer is not None for y in self.years)

    @property
    def has_computed_peer(self) -> bool:
        return self._any("peer_computed")

    @property
    def has_riket(self) -> bool:
        return any(y.riket is not None for y in self.years)

    @property
    def thinnest_peer_mean(self) -> analysis.MembersMean | None:
        """Our peer mean resting on the fewest members, when some members have no value."""
        means = [
            y.peer_computed for y in self.years if y.peer_computed and y.peer_computed.n < y.peer_computed.of
        ]
        return min(means, key=lambda m: m.n, default=None)

    @property
    def has_rank(self) -> bool:
        return self._any("rank")

    @property
    def has_gender(self) -> bool:
        return any(y.women is not None or y.men is not None for y in self.years)

    @property
    def has_preliminary(self) -> bool:
        return self._any("preliminary")

    @property
    def has_deleted(self) -> bool:
        return self._any("deleted")

    @property
    def trend_sentence(self) -> str:
        return trend_sentence(self.trend, self.indicator.unit, self.trend_years)


def is_preliminary_by_dates(kpi: KoladaKpi | None, year: int, today: date) -> bool:
    """The KPI's publication dates say the year's values are not final yet (see the module's rule)."""
    if kpi is None or not kpi.publ_period.strip().isdigit():
        return False
    if kpi.publication_date is None and kpi.prel_publication_date is None:
        return False
    period = int(kpi.publ_period)
    if year > period:
        return True
    if year < period:
        return False
    return kpi.publication_date is None or kpi.publication_date > today


def indicator_trend(indicator: Indicator, points=None) -> analysis.Trend:
    """The trend of the indicator's own values (its prefetched `values` unless `points` are given)."""
    if points is None:
        points = [(v.year, v.value) for v in indicator.values.all()]
    return analysis.trend(points, direction=indicator.direction, years=settings.KOLADA_TREND_YEARS)


def _signed(value: float, digits: int = 2) -> str:
    """The number rounded to `digits` decimals (no trailing zeros), with a plus sign when above zero."""
    rounded = Decimal(str(round(value, digits)))
    text = format_number(rounded)
    return f"+{text}" if rounded > 0 else text


def trend_sentence(trend: analysis.Trend, unit: str, years: int) -> str:
    """The trend in words, e.g. "Förbättras: +1,2 procentenheter per år (+5,3 % från 2020 till 2024)"."""
    if not trend.is_judged:
        return ngettext(
            "För få värden för att bedöma: %(n)s värde under de senaste %(years)s åren.",
            "För få värden för att bedöma: %(n)s värden under de senaste %(years)s åren.",
            trend.n,
        ) % {"n": trend.n, "years": years}
    per_year = _signed(trend.slope)
    if unit == "%":
        per_year = _("%(number)s procentenheter") % {"number": per_year}
    elif unit:
        per_year = f"{per_year}\xa0{unit}"
    values = {
        "verdict": trend.label[:1].upper() + trend.label[1:],
        "slope": per_year,
        "first": trend.first_year,
        "last": trend.last_year,
    }
    if trend.change_percent is None:
        return _("%(verdict)s: %(slope)s per år (från %(first)s till %(last)s)") % values
    values["percent"] = _signed(trend.change_percent, 1)
    return _("%(verdict)s: %(slope)s per år (%(percent)s %% från %(first)s till %(last)s)") % values


def _peer_group_id(indicator: Indicator) -> str:
    return indicator.organ.kolada_peer_group or indicator.organ.municipality.kolada_peer_group


def figures_for(
    indicators, *, visible: Visibility, today: date | None = None, ranks: bool = True
) -> dict[int, IndicatorFigures]:
    """The figures of each indicator by its pk, with the targets `visible` sees. The indicators need
    `organ__municipality` selected. `ranks=False` (the nulägeskoll's key figures) leaves the rank out
    and reads only the values of the areas shown (the municipality, its peers and Riket), not every
    municipality's."""
    indicators = list(indicators)
    today = today or timezone.localdate()
    pks = [i.pk for i in indicators]
    own: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for pk, year, value in IndicatorValue.objects.filter(indicator__in=pks).values_list(
        "indicator_id", "year", "value"
    ):
        own[pk][year] = value
    stored: dict[int, list[tuple[int, Decimal]]] = defaultdict(list)
    for pk, year, value in IndicatorTarget.objects.filter(indicator__in=pks).values_list(
        "indicator_id", "year", "value"
    ):
        stored[pk].append((year, value))
    targets = {i.pk: dict(visible_targets(i, stored[i.pk], visible)) for i in indicators}

    kolada = [i for i in indicators if i.source == Indicator.Source.KOLADA and i.kolada_id]
    kolada_pks = {i.pk for i in kolada}
    kpis, areas, raw = _kolada_rows(kolada, ranks=ranks)
    result = {}
    for indicator in indicators:
        rows = {
            year: YearFigures(year=year) for year in own[indicator.pk].keys() | targets[indicator.pk].keys()
        }
        for year, value in own[indicator.pk].items():
            rows[year].own = value
        for year, value in targets[indicator.pk].items():
            rows[year].target = value
        figures = IndicatorFigures(
            indicator=indicator,
            years=[],
            trend=indicator_trend(indicator, own[indicator.pk].items()),
            trend_years=settings.KOLADA_TREND_YEARS,
        )
        if indicator.pk in kolada_pks:
            _add_kolada(
                figures,
                rows,
                kpis.get(indicator.kolada_id),
                areas,
                raw[indicator.kolada_id],
                today,
                ranks=ranks,
            )
        figures.years = [rows[y] for y in sorted(rows)]
        result[indicator.pk] = figures
    return result


def _kolada_rows(indicators, *, ranks: bool):
    """Three queries: the KPIs, the areas (every non-group area and the peer groups) and the raw values
    (all areas' totals, or without `ranks` only the shown areas', and the own municipalities' women/men)."""
    if not indicators:
        return {}, {}, defaultdict(list)
    kpi_ids = {i.kolada_id for i in indicators}
    groups = {_peer_group_id(i) for i in indicators} - {""}
    own_areas = {i.organ.municipality.kolada_id for i in indicators} - {""}
    kpis = {k.id: k for k in KoladaKpi.objects.filter(id__in=kpi_ids)}
    areas = {
        a.id: a
        for a in KoladaArea.objects.filter(~Q(kind=KoladaArea.Kind.GROUP) | Q(id__in=groups)).only(
            "id", "title", "kind", "members"
        )
    }
    raw = defaultdict(list)
    values = KoladaValue.objects.filter(kpi__in=kpi_ids).filter(Q(gender=TOTAL) | Q(area__in=own_areas))
    if not ranks:
        members = {m for g in groups if g in areas for m in areas[g].members}
        values = values.filter(area__in=own_areas | groups | members | {KoladaArea.RIKET})
    for row in values.values_list("kpi", "area", "year", "gender", "value", "status", "is_deleted"):
        raw[row[0]].append(row[1:])
    return kpis, areas, raw


def _is_municipality(area: str, areas: dict[str, KoladaArea]) -> bool:
    if area in areas:
        return areas[area].kind == KoladaArea.Kind.MUNICIPALITY
    return bool(MUNICIPALITY_ID.match(area))


def _add_kolada(figures: IndicatorFigures, rows, kpi, areas, raw, today: date, *, ranks: bool) -> None:
    indicator = figures.indicator
    own_area = indicator.organ.municipality.kolada_id
    figures.area, figures.kpi, figures.has_kolada_data = own_area, kpi, bool(raw)
    group_id = _peer_group_id(indicator)
    group = areas.get(group_id)
    members = list(group.members) if group else []
    if group_id:
        figures.peer_group = PeerGroup(
            id=group_id,
            title=group.title if group else "",
            members=[(m, areas[m].title if m in areas else m) for m in members],
        )

    totals: dict[int, dict[str, float | None]] = defaultdict(dict)  # year -> area -> value
    gender: dict[int, dict[str, float | None]] = defaultdict(dict)  # year -> K/M -> value
    status: set[int] = set()
    deleted: set[int] = set()
    shown = {own_area, group_id, KoladaArea.RIKET, *members}
    for area, year, sex, value, state, is_deleted in raw:
        if is_deleted:
            deleted.add(year)
            continue
        if area == own_area:
            figures.has_own_kolada_data = figures.has_own_kolada_data or value is not None
            if state:
                status.add(year)
        if sex == TOTAL:
            totals[year][area] = value
        elif area == own_area:
            gender[year][sex] = value
        if area in shown and value is not None:
            rows.setdefault(year, YearFigures(year=year))
    for year in deleted:
        rows.setdefault(year, YearFigures(year=year))

    for year, row in rows.items():
        year_totals = totals.get(year, {})
        if year_totals.get(group_id) is not None:
            row.peer = year_totals[group_id]
        elif members:
            row.peer_computed = analysis.members_mean(year_totals, members)
            row.peer = row.peer_computed.value if row.peer_computed else None
        row.riket = year_totals.get(KoladaArea.RIKET)
        if own_area and ranks:
            municipalities = {a: v for a, v in year_totals.items() if _is_municipality(a, areas)}
            row.rank = analysis.rank(municipalities, own_area, direction=indicator.direction)
        row.women = gender.get(year, {}).get(WOMEN)
        row.men = gender.get(year, {}).get(MEN)
        has_values = row.own is not None or bool(year_totals) or bool(gender.get(year))
        row.preliminary = has_values and (year in status or is_preliminary_by_dates(kpi, year, today))
        row.deleted = year in deleted
