"""Rows from the real recorded Kolada file (Höör, its 65 neighbours and peers, 2018-2025), written
straight through the ORM: KoladaValue, KoladaArea and KoladaKpi are plain data rows."""

import datetime
import json
from decimal import Decimal
from pathlib import Path

from django.utils import timezone

from styrkraft.kolada.models import KoladaArea, KoladaKpi, KoladaValue

HOOR_FILE = (
    Path(__file__).resolve().parents[2] / "styrkraft" / "kolada" / "data" / "hoor-kommunval-kolada.json"
)
HOOR = "1267"
PEERS = "G37411"  # Liknande kommuner, övergripande, Höör, 2025
FETCHED = timezone.make_aware(datetime.datetime(2026, 8, 16, 12, 0))


def _date(text):
    return datetime.date.fromisoformat(text) if text else None


def load_hoor(*kpi_ids: str) -> dict:
    """The areas (municipalities and Höör's groups), the KPIs and their total values; the file's data."""
    data = json.loads(HOOR_FILE.read_text(encoding="utf-8"))
    areas = [KoladaArea(id=i, title=t, kind="K", fetched_at=FETCHED) for i, t in data["kommuner"].items()]
    areas += [
        KoladaArea(id=g["grupp_id"], title=g["titel"], kind="G", members=g["medlemmar"], fetched_at=FETCHED)
        for g in data["grupper"]
    ]
    KoladaArea.objects.bulk_create(areas)
    for kpi in data["nyckeltal"]:
        if kpi["kpi_id"] not in kpi_ids:
            continue
        dates = kpi["publicering"]
        KoladaKpi.objects.create(
            id=kpi["kpi_id"],
            title=kpi["kolada_titel"],
            unit=kpi["enhet"],
            operating_area=kpi["operating_area"],
            prel_publication_date=_date(dates["prel_publication_date"]),
            publication_date=_date(dates["publication_date"]),
            publ_period=dates["publ_period"] or "",
            fetched_at=FETCHED,
        )
        KoladaValue.objects.bulk_create(
            KoladaValue(
                kpi=kpi["kpi_id"],
                area=area,
                year=int(year),
                value=value,
                fetched_at=FETCHED,
                changed_at=FETCHED,
            )
            for area, years in kpi["varden"].items()
            for year, value in years.items()
        )
    return data


def own_values(data: dict, kpi_id: str, area: str = HOOR) -> dict[int, Decimal]:
    """The municipality's totals as the sync copies them into IndicatorValue (two decimals)."""
    kpi = next(k for k in data["nyckeltal"] if k["kpi_id"] == kpi_id)
    return {int(y): Decimal(str(round(v, 2))) for y, v in kpi["varden"][area].items()}
