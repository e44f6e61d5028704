"""`make bench`: how fast the start page, an organ page and indicator pages render on a Göteborg-size
municipality, and how fast the real recorded Kolada values are imported (styrkraft/bench_kolada.py).

Run as `python -m styrkraft.bench [--requests N] [--database-url URL]`. It builds a fresh database
(SQLite: var/bench.sqlite3, deleted and recreated; another database URL: Django's test database
`test_<name>` beside it, dropped and recreated, the named database itself is not touched), migrates
it, loads the generated municipality of styrkraft/steering/demo/large.py through the model-file
loader (with 25 Kolada indicators, see bench_kolada), imports the recorded Kolada values (a plain file
import, then a sync from a local Kolada server), and requests each page through the whole middleware stack with Django's test Client: warm-up
requests first, then N timed ones. It prints the median time per request, the SQL queries per
request, and the same for a trivial view measured in the same run, so the ratio can be read.
docs/bench.md explains the figures.
"""

import argparse
import os
import platform
import resource
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

# The project's modules are imported inside the functions: they need django.setup() (main) first.
DEFAULT_REQUESTS = 30
WARMUP_REQUESTS = 3
BENCH_SQLITE = Path(__file__).resolve().parent.parent / "var" / "bench.sqlite3"
TRIVIAL_PATH = "/bench-trivial/"


@dataclass(frozen=True)
class Measurement:
    """Timings of repeated requests to one URL, and the SQL queries one request makes."""

    url: str
    times_ms: tuple[float, ...]
    queries: int
    status: int
    size_bytes: int

    @property
    def median_ms(self) -> float:
        return statistics.median(self.times_ms)


def measure(client, url: str, n: int, *, warmup: int = WARMUP_REQUESTS) -> Measurement:
    """Request `url` `warmup` times untimed, then `n` times timed (without query capturing, which
    slows every query down), then once more inside CaptureQueriesContext to count the queries.
    Raises RuntimeError unless every answer is 200."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if n < 1:
        raise ValueError("n must be at least 1")

    def get():
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} answered {response.status_code}, not 200")
        return response

    for _ in range(warmup):
        get()
    times = []
    for _ in range(n):
        start = time.perf_counter()
        get()
        times.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as captured:
        response = get()
    return Measurement(
        url=url,
        times_ms=tuple(times),
        queries=len(captured.captured_queries),
        status=response.status_code,
        size_bytes=len(response.content),
    )


def trivial_view(request):
    from django.http import HttpResponse

    return HttpResponse("ok")


def __getattr__(name: str):
    """The bench's URLconf (ROOT_URLCONF = "styrkraft.bench"): the product's URLs plus one trivial
    view. Built on first access, since config.urls can only be imported once Django is set up."""
    if name == "urlpatterns":
        from django.urls import include, path

        return [path(TRIVIAL_PATH.strip("/") + "/", trivial_view), path("", include("config.urls"))]
    raise AttributeError(name)


def bench_client():
    """A test Client whose host is one the settings allow (without setup_test_environment, which would
    also instrument template rendering and distort the timings)."""
    from django.test import Client

    return Client(SERVER_NAME="localhost")


def peak_rss_mb() -> float:
    """The process's peak resident memory so far (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _prepare_database(database_url: str | None) -> tuple[str, str | None]:
    """Point Django at a fresh database, set it up, migrate. Returns a description of the database and,
    for a database server, the original database name (to hand to destroy_test_db at the end)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if database_url is None:
        BENCH_SQLITE.parent.mkdir(parents=True, exist_ok=True)
        BENCH_SQLITE.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{BENCH_SQLITE}"
    else:
        os.environ["DATABASE_URL"] = database_url

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if database_url is None:
        call_command("migrate", verbosity=0, interactive=False)
        return f"SQLite {BENCH_SQLITE}", None
    # Django's own test-database creation: drops and recreates test_<name>, then migrates it.
    original = connection.settings_dict["NAME"]
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    return f"{connection.vendor} {name}", original


def _load_large(seed: int) -> tuple[float, float, str]:
    """Generate and load the large municipality; (generation seconds, load seconds, its name)."""
    from styrkraft.bench_kolada import with_kolada_indicators
    from styrkraft.steering.demo.large import build_large_model
    from styrkraft.steering.modelfile.load import model_file_load

    start = time.perf_counter()
    model = with_kolada_indicators(build_large_model(seed))
    generated = time.perf_counter()
    municipality = model_file_load(actor="bench", data=model)
    return generated - start, time.perf_counter() - generated, str(municipality)


def _count_rows() -> dict[str, int]:
    from styrkraft.indicators.models import Indicator, IndicatorTarget, IndicatorValue
    from styrkraft.org.models import Organ
    from styrkraft.steering.models import Assignment, Goal

    return {
        "organ": Organ.objects.count(),
        "mål": Goal.objects.count(),
        "nyckeltal": Indicator.objects.count(),
        "utfall": IndicatorValue.objects.count(),
        "målvärden": IndicatorTarget.objects.count(),
        "uppdrag": Assignment.objects.count(),
    }


def _fmt_ms(value: float) -> str:
    return f"{value:,.1f}".replace(",", " ")


def _table(rows: list[tuple[str, Measurement]], trivial: Measurement) -> str:
    header = ("Page", "URL", "median ms", "min ms", "max ms", "queries", "KiB", "× trivial")
    lines = [header]
    for label, m in rows:
        lines.append(
            (
                label,
                m.url,
                _fmt_ms(m.median_ms),
                _fmt_ms(min(m.times_ms)),
                _fmt_ms(max(m.times_ms)),
                str(m.queries),
                f"{m.size_bytes / 1024:.0f}",
                f"{m.median_ms / trivial.median_ms:.0f}",
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    out = []
    for i, line in enumerate(lines):
        cells = [cell.ljust(widths[c]) if c < 2 else cell.rjust(widths[c]) for c, cell in enumerate(line)]
        out.append("  ".join(cells).rstrip())
        if i == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def run(*, requests: int, database_url: str | None, seed: int, out=sys.stdout) -> None:
    load_at_start = os.getloadavg()[0]
    described, original_name = _prepare_database(database_url)
    import django
    from django.test.utils import override_settings

    from styrkraft import bench_kolada

    generate_s, load_s, name = _load_large(seed)
    counts = _count_rows()
    rss_after_load = peak_rss_mb()
    imports = bench_kolada.import_runs()

    pages = [
        ("Trivial view", TRIVIAL_PATH),
        ("Start page (Styrkedjan)", "/?year=2024"),
        ("Organ page: Kommunstyrelsen", "/organ/ks/?year=2024"),
        ("Organ page: Grundskolenämnden", "/organ/grundskolenamnden/?year=2024"),
        *bench_kolada.indicator_pages(),
    ]
    # DEBUG off as in production: with DEBUG on, Django keeps every query's SQL, which costs time.
    with override_settings(ROOT_URLCONF="styrkraft.bench", STYRKRAFT_MUNICIPALITY="storstad", DEBUG=False):
        client = bench_client()
        results = [(label, measure(client, url, requests)) for label, url in pages]
    trivial = results[0][1]

    print(f"Styrkraft bench: {name}", file=out)
    print(
        f"Python {platform.python_version()}, Django {django.get_version()}, {os.cpu_count()} CPU(s), "
        f"database: {described}",
        file=out,
    )
    print("Rows: " + ", ".join(f"{v:,} {k}".replace(",", " ") for k, v in counts.items()), file=out)
    print(f"Generate the model: {generate_s:.2f} s; load it (validate + write): {load_s:.1f} s", file=out)
    print(
        f"Requests per page: {WARMUP_REQUESTS} warm-up, then {requests} timed; "
        "time = the whole request through the middleware (test Client), medians",
        file=out,
    )
    print("", file=out)
    print(_table(results, trivial), file=out)
    print("", file=out)
    print(
        "Kolada: the recorded values file (25 KPIs, 66 municipalities, 2018-2025) imported; "
        "peak = tracemalloc's peak of Python allocations in a separate identical run",
        file=out,
    )
    print(bench_kolada.import_table(imports), file=out)
    print("", file=out)
    print(
        f"Peak memory (max RSS): {rss_after_load:.0f} MB after the load, {peak_rss_mb():.0f} MB at the end",
        file=out,
    )
    print(
        "Load average (1 min) at the start and the end: "
        f"{load_at_start:.1f} and {os.getloadavg()[0]:.1f} (figures are only comparable on a quiet machine)",
        file=out,
    )
    if original_name is not None:
        from django.db import connection

        connection.creation.destroy_test_db(original_name, verbosity=0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m styrkraft.bench", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--requests", type=int, default=DEFAULT_REQUESTS, help="timed requests per page (default 30)"
    )
    parser.add_argument(
        "--database-url",
        default=None,
        help="bench on this database server instead of var/bench.sqlite3 (its test_<name> database "
        "is dropped and recreated), e.g. postgres://postgres@127.0.0.1:5432/bench",
    )
    parser.add_argument("--seed", type=int, default=2026, help="seed of the generated municipality")
    args = parser.parse_args(argv)
    if args.requests < 1:
        parser.error("--requests must be at least 1")
    run(requests=args.requests, database_url=args.database_url, seed=args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
