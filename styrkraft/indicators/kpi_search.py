"""Searching the locally stored Kolada catalogue (KoladaKpi, filled by `styrkraft kolada sync
--catalogue`) when an editor adds an indicator, and taking a KPI's metadata into the new indicator.
Reads only; at most three queries per search."""

import re
from dataclasses import dataclass, field
from functools import reduce
from operator import and_, or_

from django.db.models import Q

from styrkraft.indicators.models import Indicator
from styrkraft.kolada.models import KoladaKpi

SEARCH_LIMIT = 30
MAX_QUERY_LENGTH = 100
MAX_TERMS = 8
MIN_QUERY_LENGTH = 2
KPI_ID = re.compile(r"^[NU]\d{5}$", re.IGNORECASE)


@dataclass
class KpiSearch:
    """The outcome of a search: the first `limit` KPIs that match and how many match in all."""

    query: str = ""
    kpis: list = field(default_factory=list)
    total: int = 0
    limit: int = SEARCH_LIMIT
    catalogue_empty: bool = False
    too_short: bool = False

    @property
    def searched(self) -> bool:
        return bool(self.query) and not (self.too_short or self.catalogue_empty)

    @property
    def more(self) -> bool:
        return self.total > len(self.kpis)


def _term_matches(term: str) -> Q:
    """A term matches the start of an id (N154) or any part of the title, in any case. SQLite's LIKE
    folds only ASCII letters, so å, ä and ö are also tried lower-case, upper-case and capitalised."""
    variants = {term, term.lower(), term.upper(), term.capitalize()}
    return reduce(or_, (Q(title__icontains=v) for v in variants), Q(id__istartswith=term))


def search_kpis(query: str, *, limit: int = SEARCH_LIMIT) -> KpiSearch:
    """KPIs whose id starts with the query, or whose title holds every word of it."""
    query = " ".join(query.split())[:MAX_QUERY_LENGTH]
    search = KpiSearch(query=query, limit=limit)
    if query and len(query) < MIN_QUERY_LENGTH:
        search.too_short = True
        return search
    if query:
        terms = query.split()[:MAX_TERMS]
        matching = KoladaKpi.objects.filter(reduce(and_, (_term_matches(t) for t in terms)))
        search.total = matching.count()
        search.kpis = list(matching.order_by("id").only("id", "title", "unit", "operating_area")[:limit])
    if not search.total:
        search.catalogue_empty = not KoladaKpi.objects.exists()
    return search


def find_kpi(kpi_id: str | None) -> KoladaKpi | None:
    """The catalogue's KPI with this id (N15419), or None."""
    if not kpi_id or not KPI_ID.match(kpi_id.strip()):
        return None
    return KoladaKpi.objects.filter(pk=kpi_id.strip().upper()).first()


def kpi_initial(kpi: KoladaKpi) -> dict:
    """The new indicator's form filled from a KPI: source Kolada, its id, title and unit."""
    return {
        "source": Indicator.Source.KOLADA,
        "kolada_id": kpi.id,
        "title": kpi.title[: Indicator._meta.get_field("title").max_length],
        "unit": kpi.unit[: Indicator._meta.get_field("unit").max_length],
        "direction": Indicator.Direction.HIGHER,
    }
