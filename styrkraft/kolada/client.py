"""A small typed client for Kolada's API v3 (docs/kolada.md, "Klient").

Id lists are chunked to at most 25 per request, every request asks `per_page=5000` and follows
`next_url` until it is null; 429, 5xx and network errors are retried with bounded exponential backoff;
any other failure raises `KoladaError` naming the request."""

import itertools
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from urllib.parse import urljoin

import httpx
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MAX_IDS = 25  # Kolada answers 422 for longer lists
PER_PAGE = 5000  # the largest page Kolada allows
MAX_BACKOFF_SECONDS = 16.0
GENDERS = ("T", "K", "M")


class KoladaError(Exception):
    """A request to Kolada failed: the message names the request (URL), the status and the reason."""

    def __init__(self, message: str, *, url: str = "", status: int | None = None):
        super().__init__(message)
        self.url = url
        self.status = status


@dataclass(frozen=True, slots=True)
class KoladaRow:
    """One value: a KPI for an area (municipality, group or organisational unit), a year and a gender."""

    kpi: str
    area: str
    year: int
    gender: str
    value: float | None
    count: int | None = None
    status: str = ""
    is_deleted: bool = False

    @property
    def key(self) -> tuple[str, str, int, str]:
        return (self.kpi, self.area, self.year, self.gender)


def chunks(ids: Iterable, size: int = MAX_IDS) -> list[list[str]]:
    """The ids (deduplicated, order kept) as lists of at most `size`."""
    unique = list(dict.fromkeys(str(i) for i in ids))
    return [unique[i : i + size] for i in range(0, len(unique), size)]


def parse_rows(items, *, where: str, area_key: str = "municipality") -> list[KoladaRow]:
    """Kolada's value items (`{"kpi", "municipality" or "ou", "period", "values": [...]}`) as rows;
    `where` names the source (a URL or a file) in the error for a malformed item."""
    rows = []
    for position, item in enumerate(items):
        try:
            area = item[area_key]
            for entry in item["values"]:
                gender = entry.get("gender") or "T"
                if gender not in GENDERS:
                    raise ValueError(_("okänt kön ”%(gender)s”") % {"gender": gender})
                value = entry.get("value")
                count = entry.get("count")
                rows.append(
                    KoladaRow(
                        kpi=str(item["kpi"]),
                        area=str(area),
                        year=int(item["period"]),
                        gender=gender,
                        value=None if value is None else float(value),
                        count=None if count is None else int(count),
                        status=str(entry.get("status") or ""),
                        is_deleted=bool(entry.get("isdeleted", False)),
                    )
                )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            reason = _("saknar %(key)s") % {"key": exc} if isinstance(exc, KeyError) else str(exc)
            raise KoladaError(
                _("Felaktigt värde i svaret från %(where)s, post %(position)s: %(reason)s")
                % {"where": where, "position": position + 1, "reason": reason},
                url=where,
            ) from exc
    return rows


def _reason(response: httpx.Response) -> str:
    """The reason Kolada gives in an error body (`detail`, `message` or `error`), else the start of it."""
    try:
        body = response.json()
    except ValueError:
        return response.text.strip()[:200] or response.reason_phrase
    if isinstance(body, dict):
        for key in ("detail", "message", "error"):
            detail = body.get(key)
            if isinstance(detail, list):
                detail = "; ".join(str(d.get("msg", d)) if isinstance(d, dict) else str(d) for d in detail)
            if detail:
                return str(detail)[:300]
    return str(body)[:200]


class KoladaClient:
    """Reads Kolada. `requests` counts the HTTP requests made (retries included)."""

    def __init__(
        self,
        base_url: str | None = None,
        *,
        timeout: float | None = None,
        retries: int | None = None,
        sleep: Callable[[float], None] = time.sleep,
        transport: httpx.BaseTransport | None = None,
    ):
        self.base_url = (base_url or settings.KOLADA_BASE_URL).rstrip("/")
        self.retries = settings.KOLADA_RETRIES if retries is None else retries
        self.sleep = sleep
        self.requests = 0
        self._http = httpx.Client(
            timeout=settings.KOLADA_TIMEOUT_SECONDS if timeout is None else timeout,
            transport=transport,
            headers={"Accept": "application/json", "User-Agent": "Styrkraft (kolada client)"},
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # --- metadata -------------------------------------------------------------------------------

    def kpis(self, ids: Iterable[str] | None = None) -> list[dict]:
        return self._entities("kpi", ids)

    def kpi_groups(self) -> list[dict]:
        return self._entities("kpi_groups", None)

    def municipalities(self, ids: Iterable[str] | None = None) -> list[dict]:
        return self._entities("municipality", ids)

    def municipality_groups(self, ids: Iterable[str] | None = None) -> list[dict]:
        return self._entities("municipality_groups", ids)

    def ous(self, municipality: str) -> list[dict]:
        return list(self.pages("/ou", {"municipality": municipality}))

    def _entities(self, entity: str, ids: Iterable[str] | None) -> list[dict]:
        if ids is None:
            return list(self.pages(f"/{entity}"))
        return [item for chunk in chunks(ids) for item in self.pages(f"/{entity}/{','.join(chunk)}")]

    # --- values ---------------------------------------------------------------------------------

    def data(
        self, kpis, municipalities=None, years=None, from_date: date | None = None
    ) -> Iterator[KoladaRow]:
        """Values of the KPIs for the municipalities (or groups) and years; at least two of the three."""
        for path in self.data_paths(kpis, municipalities, years):
            yield from self.rows(path, from_date=from_date)

    def oudata(self, kpis, ous=None, years=None, from_date: date | None = None) -> Iterator[KoladaRow]:
        """Values of the KPIs for organisational units (single schools, say) and years."""
        for path in self.data_paths(kpis, ous, years, kind="oudata", area="ou"):
            yield from self.rows(path, from_date=from_date, area_key="ou")

    @staticmethod
    def data_paths(
        kpis, areas=None, years=None, *, kind: str = "data", area: str = "municipality"
    ) -> list[str]:
        """The request paths (path form, every list chunked to 25 ids) that together ask for the values."""
        dimensions = [
            (name, chunks(ids)) for name, ids in (("kpi", kpis), (area, areas), ("year", years)) if ids
        ]
        if len(dimensions) < 2:
            raise ValueError("Kolada needs at least two of kpi, municipality/ou and year.")
        paths = []
        for combination in itertools.product(*(lists for _name, lists in dimensions)):
            parts = [
                f"{name}/{','.join(ids)}" for (name, _lists), ids in zip(dimensions, combination, strict=True)
            ]
            paths.append(f"/{kind}/" + "/".join(parts))
        return paths

    def rows(
        self, path: str, *, from_date: date | None = None, area_key: str = "municipality"
    ) -> Iterator[KoladaRow]:
        """The value rows of one data path, every page."""
        params = {"from_date": from_date.isoformat()} if from_date else {}
        for url, items in self._pages_with_url(path, params):
            yield from parse_rows(items, where=url, area_key=area_key)

    # --- HTTP -----------------------------------------------------------------------------------

    def pages(self, path: str, params: dict | None = None) -> Iterator[dict]:
        """Every item of every page of `path`, following `next_url` until it is null."""
        for _url, items in self._pages_with_url(path, params or {}):
            yield from items

    def _pages_with_url(self, path: str, params: dict) -> Iterator[tuple[str, list]]:
        url = str(httpx.URL(self.base_url + path, params={**params, "per_page": PER_PAGE}))
        seen = set()
        while url:
            if url in seen:
                raise KoladaError(_("Kolada skickade samma sida två gånger: %(url)s") % {"url": url}, url=url)
            seen.add(url)
            body = self._get_json(url)
            yield url, body["values"]
            next_url = body.get("next_url")
            url = urljoin(url, next_url) if next_url else None

    def _get_json(self, url: str) -> dict:
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            self.requests += 1
            try:
                response = self._http.get(url)
            except httpx.TransportError as exc:
                if last:
                    raise KoladaError(
                        _("Kolada svarade inte på %(url)s: %(reason)s")
                        % {"url": url, "reason": str(exc) or type(exc).__name__},
                        url=url,
                    ) from exc
            else:
                status = response.status_code
                if status == 200:
                    return self._decode(url, response)
                if not (status == 429 or status >= 500):
                    raise KoladaError(
                        _("Kolada svarade %(status)s på %(url)s: %(reason)s")
                        % {"status": status, "url": url, "reason": _reason(response)},
                        url=url,
                        status=status,
                    )
                if last:
                    raise KoladaError(
                        ngettext(
                            "Kolada svarade %(status)s på %(url)s efter %(attempts)s försök: %(reason)s",
                            "Kolada svarade %(status)s på %(url)s efter %(attempts)s försök: %(reason)s",
                            attempt + 1,
                        )
                        % {
                            "status": status,
                            "url": url,
                            "attempts": attempt + 1,
                            "reason": _reason(response),
                        },
                        url=url,
                        status=status,
                    )
            self.sleep(min(MAX_BACKOFF_SECONDS, 0.5 * 2**attempt))
        raise AssertionError("unreachable")  # pragma: no cover

    @staticmethod
    def _decode(url: str, response: httpx.Response) -> dict:
        try:
            body = response.json()
        except ValueError as exc:
            raise KoladaError(
                _("Kolada skickade ett svar som inte är JSON från %(url)s: %(start)s")
                % {"url": url, "start": response.text[:80]},
                url=url,
                status=200,
            ) from exc
        if not isinstance(body, dict) or not isinstance(body.get("values"), list):
            raise KoladaError(
                _("Kolada skickade ett svar utan ”values” från %(url)s") % {"url": url}, url=url, status=200
            )
        return body
