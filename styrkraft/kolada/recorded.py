"""Readers for recorded Kolada data: the v3 envelope (`{"values": [...], ...}`) or a bare `values`
array of data items, KPIs, municipalities, municipality groups or KPI groups, and the hoor-kommunval
file (`nyckeltal[i].varden[<municipality>][<year>]`). They give the client's `KoladaRow`s and the
API's metadata dicts, so a file goes through the same code as a response."""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from styrkraft.kolada.client import KoladaError, KoladaRow, parse_rows

DATA_DIR = Path(__file__).resolve().parent / "data"
HOOR_FILE = DATA_DIR / "hoor-kommunval-kolada.json"
KPI_ID = re.compile(r"^[A-Z]\d{5}$")
MUNICIPALITY_GROUP_ID = re.compile(r"^G\d+$")


class RecordedFileError(ValueError):
    """A recorded file that cannot be read; the message names the file and the position."""


@dataclass
class Recorded:
    """What one or more files hold."""

    rows: list[KoladaRow] = field(default_factory=list)
    kpis: list[dict] = field(default_factory=list)
    municipalities: list[dict] = field(default_factory=list)
    groups: list[dict] = field(default_factory=list)  # municipality groups, `members` as in the API
    kpi_groups: list[dict] = field(default_factory=list)
    fetched: str = ""  # the date the file says it was fetched, if it says

    def extend(self, other: "Recorded") -> None:
        self.rows += other.rows
        self.kpis += other.kpis
        self.municipalities += other.municipalities
        self.groups += other.groups
        self.kpi_groups += other.kpi_groups


def read_file(path: str | Path) -> Recorded:
    """Read one recorded file of any of the three formats."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RecordedFileError(
            _("%(file)s: kan inte läsas (%(reason)s)") % {"file": path, "reason": exc}
        ) from exc
    try:
        body = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RecordedFileError(
            _("%(file)s: inte giltig JSON på rad %(line)s, kolumn %(column)s (%(reason)s)")
            % {"file": path.name, "line": exc.lineno, "column": exc.colno, "reason": exc.msg}
        ) from exc
    if isinstance(body, dict) and "nyckeltal" in body:
        return read_hoor(body, name=path.name)
    if isinstance(body, dict) and isinstance(body.get("values"), list):
        return read_items(body["values"], name=path.name)
    if isinstance(body, list):
        return read_items(body, name=path.name)
    raise RecordedFileError(
        _(
            "%(file)s: känns inte igen: varken ett Kolada-svar (”values”), en lista eller en hoor-kommunval-fil"
        )
        % {"file": path.name}
    )


def read_items(items: list, *, name: str) -> Recorded:
    """A `values` array: each item is a data item, a KPI, a municipality or a group."""
    recorded = Recorded()
    for position, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not item:
            raise _item_error(name, position, _("posten är inte ett objekt"))
        if "period" in item:
            area_key = "ou" if "ou" in item else "municipality"
            try:
                recorded.rows += parse_rows([item], where=name, area_key=area_key)
            except KoladaError as exc:
                raise _item_error(name, position, str(exc).rsplit(": ", 1)[-1]) from exc
            continue
        item_id = str(item.get("id", ""))
        if not item_id or not isinstance(item.get("title"), str):
            raise _item_error(name, position, _("saknar ”id” och ”title” (eller ”period” för ett värde)"))
        if "members" in item:
            if not isinstance(item["members"], list) or not all(
                isinstance(m, dict) and "member_id" in m for m in item["members"]
            ):
                raise _item_error(
                    name, position, _("”members” ska vara en lista av {member_id, member_title}")
                )
            target = recorded.groups if MUNICIPALITY_GROUP_ID.match(item_id) else recorded.kpi_groups
            target.append(item)
        elif "type" in item:
            recorded.municipalities.append(item)
        elif KPI_ID.match(item_id):
            recorded.kpis.append(item)
        else:
            raise _item_error(name, position, _("okänd sorts post med id ”%(id)s”") % {"id": item_id})
    return recorded


def _item_error(name: str, position: int, reason: str) -> RecordedFileError:
    return RecordedFileError(
        _("%(file)s, post %(position)s: %(reason)s") % {"file": name, "position": position, "reason": reason}
    )


def read_hoor(body: dict, *, name: str = HOOR_FILE.name) -> Recorded:
    """The hoor-kommunval file: `nyckeltal[i].varden[<municipality>][<year>] = value` (gender T, a
    missing value is a missing key), its KPI metadata, municipalities and `grupper`."""
    try:
        names = {str(k): str(v) for k, v in body["kommuner"].items()}
        recorded = Recorded(fetched=str(body.get("hamtad", "")))
        recorded.municipalities = [{"id": k, "title": v, "type": "K"} for k, v in names.items()]
        for index, group in enumerate(body.get("grupper", [])):
            where = f"grupper[{index}]"
            recorded.groups.append(
                {
                    "id": _text(group, "grupp_id", where),
                    "title": _text(group, "titel", where),
                    "members": [
                        {"member_id": m, "member_title": names.get(m, m)} for m in group["medlemmar"]
                    ],
                }
            )
        for index, kpi in enumerate(body["nyckeltal"]):
            where = f"nyckeltal[{index}]"
            kpi_id = _text(kpi, "kpi_id", where)
            publication = kpi.get("publicering") or {}
            recorded.kpis.append(
                {
                    "id": kpi_id,
                    "title": kpi.get("kolada_titel") or _text(kpi, "titel", where),
                    "description": kpi.get("beskrivning", ""),
                    "operating_area": kpi.get("operating_area", ""),
                    "has_ou_data": bool(kpi.get("has_ou_data", False)),
                    "prel_publication_date": publication.get("prel_publication_date"),
                    "publication_date": publication.get("publication_date"),
                    "publ_period": publication.get("publ_period", ""),
                    "unit": kpi.get("enhet", ""),
                }
            )
            for area, years in kpi["varden"].items():
                for year, value in years.items():
                    at = f"{where}.varden[{area}][{year}]"
                    if (
                        not isinstance(value, int | float)
                        or isinstance(value, bool)
                        or not str(year).isdigit()
                    ):
                        raise RecordedFileError(
                            _("%(file)s, %(at)s: ”%(value)s” är inget värde för ett år")
                            % {"file": name, "at": at, "value": value}
                        )
                    recorded.rows.append(
                        KoladaRow(kpi=kpi_id, area=str(area), year=int(year), gender="T", value=float(value))
                    )
    except (KeyError, TypeError, AttributeError) as exc:
        raise RecordedFileError(
            _("%(file)s: känns inte igen som hoor-kommunval-fil (%(reason)s)")
            % {"file": name, "reason": repr(exc)}
        ) from exc
    return recorded


def _text(item: dict, key: str, where: str) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value:
        raise KeyError(f"{where}.{key}")
    return value
