"""A local Kolada for tests, the offline demo and `make bench` (docs/kolada.md, "Lokalt testserver").

`KoladaServer().start()` serves recorded data (by default styrkraft/kolada/data/) on 127.0.0.1 at a free
port, in the real v3 shape and routes: `/kpi[/ids]`, `/kpi_groups[/ids]`, `/municipality[/ids]`,
`/municipality_groups[/ids]` (`?title=` filters), `/ou`, and values in path form
`/data/kpi/{k}/municipality/{m}/year/{y}` with any two of the three (comma lists), `/oudata/...` (no
recorded unit data: always empty). `per_page` (at most 5000) and `page` with absolute `next_url` /
`previous_url`; `from_date` answers what changed since that date, deleted values flagged `isdeleted`. A
group id (`G…`) as municipality answers the unweighted mean of its members. A list longer than 25 or
`per_page` above 5000 answers 422, an unknown route 404.

Scenario hooks for tests: `fail_next(n, status)`, `slow_next(seconds)`, `malformed_next(body)`,
`put(...)` (add or revise a value, e.g. null, K/M, status "Missing"), `delete(...)` (Kolada removed it),
`reset()`; `requests` lists the paths asked for. Run it alone with
`python -m styrkraft.kolada.server [PORT]`."""

import json
import threading
from collections import defaultdict, deque
from dataclasses import dataclass, replace
from datetime import date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit
from zoneinfo import ZoneInfo

from styrkraft.kolada.recorded import DATA_DIR, HOOR_FILE, Recorded, read_file

DEFAULT_FILES = [
    DATA_DIR / "municipality.json",
    DATA_DIR / "municipality_groups.json",
    DATA_DIR / "kpi_groups.json",
    HOOR_FILE,  # after municipality_groups.json: its Höör groups are the vintage its values belong to
]
PREFIX = "/v3"
MAX_IDS = 25
MAX_PER_PAGE = 5000
DIMENSIONS = {"data": ("kpi", "municipality", "year"), "oudata": ("kpi", "ou", "year")}


def today() -> date:
    """Kolada's today: the date in Sweden, whatever the clock of the machine says (a value changed at
    00:30 in Stockholm changed "today" there while UTC still says yesterday)."""
    return datetime.now(ZoneInfo("Europe/Stockholm")).date()


@dataclass(frozen=True)
class Entry:
    value: float | None
    count: int | None = None
    status: str = ""
    is_deleted: bool = False
    changed: date = date(2024, 1, 1)


class HttpError(Exception):
    def __init__(self, status: int, detail: str):
        super().__init__(detail)
        self.status = status


class KoladaServer:
    """Recorded Kolada data behind a real HTTP server in a background thread."""

    def __init__(self, files: list[Path] | None = None):
        recorded = Recorded()
        for path in files or DEFAULT_FILES:
            one = read_file(path)
            recorded.extend(one)
            recorded.fetched = one.fetched or recorded.fetched
        self.recorded_date = date.fromisoformat(recorded.fetched) if recorded.fetched else date(2024, 1, 1)
        self.kpis = {k["id"]: k for k in recorded.kpis}
        for group in recorded.kpi_groups:  # KPIs known only from their groups: id and title
            for member in group["members"]:
                self.kpis.setdefault(
                    member["member_id"], {"id": member["member_id"], "title": member["member_title"]}
                )
        self.kpi_groups = {g["id"]: g for g in recorded.kpi_groups}
        self.municipalities = {m["id"]: m for m in recorded.municipalities}
        self.groups = {g["id"]: g for g in recorded.groups}
        self._base = {
            row.key: Entry(row.value, row.count, row.status, row.is_deleted, self.recorded_date)
            for row in recorded.rows
        }
        self._lock = threading.Lock()
        self._httpd = None
        self.reset()

    # --- scenario hooks ---------------------------------------------------------------------------

    def reset(self) -> None:
        """Back to the recorded data, no faults queued, no requests logged."""
        with self._lock:
            self.values = dict(self._base)
            self.faults: deque = deque()
            self.requests: list[str] = []

    def fail_next(self, n: int = 1, status: int = 503) -> None:
        """The next `n` requests answer `status` (503, 429, 500, …)."""
        self.faults.extend([("status", status)] * n)

    def slow_next(self, seconds: float, n: int = 1) -> None:
        """The next `n` requests wait `seconds` before answering (for timeouts)."""
        self.faults.extend([("slow", seconds)] * n)

    def malformed_next(self, body: bytes = b"<html>Bad gateway</html>", n: int = 1) -> None:
        """The next `n` requests answer 200 with `body` (not JSON, or JSON without `values`)."""
        self.faults.extend([("body", body)] * n)

    def put(self, kpi, area, year, value, *, gender="T", count=None, status="", changed: date | None = None):
        """Add or revise a value, changed today unless `changed` says otherwise."""
        self.values[(kpi, area, int(year), gender)] = Entry(value, count, status, False, changed or today())

    def delete(self, kpi, area, year, *, gender="T", changed: date | None = None) -> None:
        """Kolada removed the value: gone from ordinary answers, flagged `isdeleted` for `from_date`."""
        key = (kpi, area, int(year), gender)
        self.values[key] = replace(self.values[key], is_deleted=True, changed=changed or today())

    # --- running ----------------------------------------------------------------------------------

    def start(self, port: int = 0) -> "KoladaServer":
        """Serve on 127.0.0.1:`port` (0: a free one) in a background thread."""
        self._httpd = ThreadingHTTPServer(("127.0.0.1", port), _handler(self))
        self._httpd.daemon_threads = True
        self._stopping = threading.Event()
        threading.Thread(target=self._httpd.serve_forever, daemon=True, name="kolada-server").start()
        return self

    def stop(self) -> None:
        if self._httpd:
            self._stopping.set()
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    @property
    def url(self) -> str:
        """The base URL to give the client, e.g. http://127.0.0.1:40123/v3."""
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}{PREFIX}"

    # --- answering --------------------------------------------------------------------------------

    def answer(self, path: str, query: dict[str, str]) -> tuple[list[dict], int | None]:
        """The items for a route, and the page size asked for."""
        if not path.startswith(PREFIX + "/"):
            raise HttpError(404, "Not Found")
        parts = [p for p in path[len(PREFIX) :].split("/") if p]
        per_page = _int(query.get("per_page", str(MAX_PER_PAGE)), "per_page")
        if per_page > MAX_PER_PAGE or per_page < 1:
            raise HttpError(422, f"per_page must be between 1 and {MAX_PER_PAGE}")
        entity = parts[0] if parts else ""
        if entity in DIMENSIONS:
            return self._data(entity, parts[1:], query.get("from_date")), per_page
        tables = {
            "kpi": self.kpis,
            "kpi_groups": self.kpi_groups,
            "municipality": self.municipalities,
            "municipality_groups": self.groups,
            "ou": {},
        }
        if entity not in tables or len(parts) > 2:
            raise HttpError(404, "Not Found")
        table = tables[entity]
        items = [table[i] for i in _ids(parts[1]) if i in table] if len(parts) == 2 else list(table.values())
        if "title" in query:
            items = [i for i in items if query["title"].lower() in i["title"].lower()]
        return items, per_page

    def _data(self, entity: str, parts: list[str], from_date: str | None) -> list[dict]:
        names = DIMENSIONS[entity]
        if len(parts) % 2 or not parts:
            raise HttpError(404, "Not Found")
        asked = {}
        for name, ids in zip(parts[::2], parts[1::2], strict=True):
            if name not in names or name in asked:
                raise HttpError(404, "Not Found")
            asked[name] = _ids(ids)
        if len(asked) < 2:
            raise HttpError(404, "Not Found")
        years = {_int(y, "year") for y in asked["year"]} if "year" in asked else None
        since = _date(from_date) if from_date else None
        if entity == "oudata":
            return []  # no recorded unit data
        kpis = set(asked["kpi"]) if "kpi" in asked else None
        areas = asked.get("municipality")
        with self._lock:
            values = dict(self.values)
        found = {
            key: entry
            for key, entry in values.items()
            if (kpis is None or key[0] in kpis)
            and (years is None or key[2] in years)
            and (areas is None or key[1] in areas)
        }
        for group_id in areas or []:
            if group_id in self.groups:
                found.update(self._group_means(values, self.groups[group_id], kpis, years))
        items: dict[tuple, list] = defaultdict(list)
        for (kpi, area, year, gender), entry in sorted(found.items()):
            if since and entry.changed < since or (entry.is_deleted and not since):
                continue
            items[(kpi, area, year)].append(
                {
                    "gender": gender,
                    "count": entry.count,
                    "status": entry.status,
                    "value": entry.value,
                    "isdeleted": entry.is_deleted,
                }
            )
        return [{"kpi": k, "municipality": a, "period": y, "values": v} for (k, a, y), v in items.items()]

    @staticmethod
    def _group_means(values: dict, group: dict, kpis, years) -> dict:
        members = {m["member_id"] for m in group["members"]}
        sums: dict[tuple, list] = defaultdict(list)
        for (kpi, area, year, gender), entry in values.items():
            wanted = area in members and (kpis is None or kpi in kpis) and (years is None or year in years)
            if wanted and entry.value is not None and not entry.is_deleted:
                sums[(kpi, group["id"], year, gender)].append(entry)
        return {
            key: Entry(
                round(sum(e.value for e in entries) / len(entries), 4),
                len(entries),
                changed=max(e.changed for e in entries),
            )
            for key, entries in sums.items()
        }


def _ids(text: str) -> list[str]:
    ids = [i for i in text.split(",") if i]
    if len(ids) > MAX_IDS:
        raise HttpError(422, f"Too many ids: {len(ids)}, at most {MAX_IDS} are allowed")
    return ids


def _int(text: str, name: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise HttpError(400, f"{name} must be a whole number, not {text!r}") from None


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise HttpError(400, f"from_date must be YYYY-MM-DD, not {text!r}") from None


def _handler(kolada: KoladaServer):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            split = urlsplit(self.path)
            kolada.requests.append(self.path)
            fault = kolada.faults.popleft() if kolada.faults else None
            if fault and fault[0] == "slow":
                kolada._stopping.wait(fault[1])
            elif fault and fault[0] == "status":
                return self._send(fault[1], {"detail": "Simulated fault"})
            elif fault and fault[0] == "body":
                return self._send(200, fault[1])
            query = {k: v[-1] for k, v in parse_qs(split.query).items()}
            try:
                items, per_page = kolada.answer(split.path, query)
                page = _int(query.get("page", "1"), "page")
            except HttpError as exc:
                return self._send(exc.status, {"detail": str(exc)})
            start = (page - 1) * per_page
            shown = items[start : start + per_page]
            base = f"http://{self.headers.get('Host') or self.server.server_address[0]}{split.path}"

            def link(number):
                return f"{base}?{urlencode({**query, 'page': number})}"

            return self._send(
                200,
                {
                    "values": shown,
                    "count": len(shown),
                    "next_url": link(page + 1) if start + per_page < len(items) else None,
                    "previous_url": link(page - 1) if page > 1 else None,
                },
            )

        def _send(self, status: int, body) -> None:
            data = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout test)

        def log_message(self, format, *args):
            pass

    return Handler


if __name__ == "__main__":
    import sys
    import time

    server = KoladaServer().start(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
    print(f"Kolada (inspelad data) på {server.url}; KOLADA_BASE_URL={server.url}", flush=True)
    while True:
        time.sleep(3600)
