"""The Kolada part of `make bench` (docs/bench.md, "Kolada"): the real recorded values file
(styrkraft/kolada/data/hoor-kommunval-kolada.json: 25 KPIs, 66 municipalities, 2018-2025) imported

- through the code path of `styrkraft kolada sync`: a local Kolada (styrkraft.kolada.server) serves the
  recorded data over HTTP and `values_sync` fetches and stores it, and
- as a plain file import (`import_files`, the path of `styrkraft kolada import`),

each timed once without and once under tracemalloc (the peak of Python's own allocations during the
run; tracemalloc slows allocation down, so the timing run is separate). The file import is measured
inside a transaction that is rolled back, so the sync afterwards starts from the same empty tables.

The recorded data has no values for the generated municipality's Kolada id (1480), so the bench gives
it Höör's (1267) and Höör's peer group, and turns one indicator of each of the first 25 goals into a
Kolada indicator, one per KPI of the file; the sync then copies Höör's values into them."""

import json
import time
import tracemalloc
from dataclasses import dataclass

# The project's modules are imported inside the functions: they need django.setup() (bench.main) first.
KOLADA_AREA = "1267"  # Höör: the municipality whose own values the recorded file holds
KOLADA_PEER_GROUP = "G37411"  # Liknande kommuner, övergripande, Höör, 2025
YEAR_FROM = 2018  # the file's first year
ACTOR = "bench"


def with_kolada_indicators(model: dict) -> dict:
    """The generated model (styrkraft.steering.demo.large) with Höör's Kolada id and peer group and
    one Kolada indicator per KPI of the recorded file (the first indicator of the first 25 goals, with
    Kolada's title and unit). The number of organs, goals, indicators and values stays the same."""
    from styrkraft.kolada.recorded import HOOR_FILE

    kpis = json.loads(HOOR_FILE.read_text(encoding="utf-8"))["nyckeltal"]
    model["municipality"]["kolada_id"] = KOLADA_AREA
    model["municipality"]["kolada_peer_group"] = KOLADA_PEER_GROUP
    goals = [goal for board in model["boards"] for goal in board["goals"]]
    if len(goals) < len(kpis):
        raise ValueError(f"{len(kpis)} KPIs need as many goals; the model has {len(goals)}")
    for kpi, goal in zip(kpis, goals, strict=False):
        goal["indicators"][0].update(kolada=kpi["kpi_id"], title=kpi["kolada_titel"], unit=kpi["enhet"])
    return model


@dataclass(frozen=True)
class ImportRun:
    """One way of importing the recorded values: how many, how long, the peak of Python's memory."""

    label: str
    values: int  # values written (added + changed + deleted + unchanged)
    added: int
    seconds: float
    peak_mb: float  # tracemalloc peak during a second, identical run
    requests: int = 0

    @property
    def per_second(self) -> float:
        return self.values / self.seconds


def _timed(run) -> tuple[object, float]:
    start = time.perf_counter()
    record = run()
    return record, time.perf_counter() - start


def _peak_mb(run) -> float:
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def _rolled_back(run):
    """`run` inside a transaction that is then rolled back (what it wrote is gone afterwards)."""
    from django.db import transaction

    def inner():
        with transaction.atomic():
            result = run()
            transaction.set_rollback(True)
        return result

    return inner


def import_runs() -> list[ImportRun]:
    """The plain file import (rolled back), then the sync against a local Kolada (kept, so the
    indicator pages measured afterwards show the values), then the same sync again (nothing changes)."""
    from styrkraft.kolada.client import KoladaClient
    from styrkraft.kolada.recorded import HOOR_FILE
    from styrkraft.kolada.server import KoladaServer
    from styrkraft.kolada.sync import import_files, values_sync

    def file_import():
        return import_files([HOOR_FILE], actor=ACTOR)

    runs = []
    record, seconds = _timed(_rolled_back(file_import))
    runs.append(_run("File import (kolada import)", record, seconds, _peak_mb(_rolled_back(file_import))))

    server = KoladaServer().start()
    try:
        with KoladaClient(server.url, timeout=30) as client:

            def sync():
                return values_sync(client, actor=ACTOR, year_from=YEAR_FROM, full=True)

            peak = _peak_mb(_rolled_back(sync))
            record, seconds = _timed(sync)
            runs.append(_run("Sync from a local Kolada (kolada sync --full)", record, seconds, peak))
            again, seconds = _timed(sync)
            runs.append(_run("The same sync again (nothing changes)", again, seconds, peak_mb=float("nan")))
    finally:
        server.stop()
    return runs


def _run(label: str, record, seconds: float, peak_mb: float) -> ImportRun:
    values = record.added + record.changed + record.deleted + record.unchanged
    return ImportRun(label, values, record.added, seconds, peak_mb, record.requests)


def import_table(runs: list[ImportRun]) -> str:
    header = ("Import", "values", "added", "requests", "seconds", "values/s", "peak MB (tracemalloc)")
    lines = [header]
    for r in runs:
        peak = "–" if r.peak_mb != r.peak_mb else f"{r.peak_mb:.1f}"  # NaN: not measured
        lines.append(
            (
                r.label,
                f"{r.values:,}".replace(",", " "),
                f"{r.added:,}".replace(",", " "),
                str(r.requests),
                f"{r.seconds:.2f}",
                f"{r.per_second:,.0f}".replace(",", " "),
                peak,
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    out = []
    for i, line in enumerate(lines):
        out.append(
            "  ".join(c.ljust(widths[n]) if n == 0 else c.rjust(widths[n]) for n, c in enumerate(line))
        )
        if i == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in out)


def indicator_pages() -> list[tuple[str, str]]:
    """(label, URL) of two indicator pages of the large municipality: a Kolada indicator with the
    recorded values (N00097, 66 municipalities, peers, rank) and an own one with 15 years of values."""
    from styrkraft.indicators.models import Indicator

    kolada = Indicator.objects.get(organ__municipality__slug="storstad", kolada_id="N00097")
    own = (
        Indicator.objects.filter(organ__municipality__slug="storstad", source=Indicator.Source.OWN)
        .order_by("id")
        .first()
    )
    return [
        ("Indicator page: Kolada N00097", f"/nyckeltal/{kolada.pk}/"),
        ("Indicator page: own indicator", f"/nyckeltal/{own.pk}/"),
    ]
