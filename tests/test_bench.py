"""The bench's measuring function (styrkraft/bench.py) on a tiny municipality, and its Kolada part
(styrkraft/bench_kolada.py) on the real recorded file."""

import statistics

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import include, path

from styrkraft import bench, bench_kolada
from styrkraft.kolada.models import KoladaSync, KoladaValue
from styrkraft.org.models import Municipality, Organ
from tests.factories import IndicatorFactory


def two_queries(request):
    return HttpResponse(f"{Municipality.objects.count()} {Organ.objects.count()}")


# This module doubles as a URLconf for the test of the query count.
urlpatterns = [path("tva-fragor/", two_queries), path("", include("styrkraft.bench"))]


def test_measure_trivial_view_times_n_requests_without_queries(db, settings):
    settings.ROOT_URLCONF = "styrkraft.bench"
    m = bench.measure(bench.bench_client(), "/bench-trivial/", 5)
    assert m.url == "/bench-trivial/"
    assert len(m.times_ms) == 5
    assert all(t > 0 for t in m.times_ms)
    assert m.median_ms == statistics.median(m.times_ms)
    assert m.queries == 0
    assert m.status == 200
    assert m.size_bytes == 2


def test_measure_counts_the_queries_of_one_request(db, settings):
    settings.ROOT_URLCONF = "tests.test_bench"
    m = bench.measure(bench.bench_client(), "/tva-fragor/", 2, warmup=1)
    assert m.queries == 2
    assert len(m.times_ms) == 2


def test_measure_refuses_an_answer_other_than_200(db, settings):
    settings.ROOT_URLCONF = "styrkraft.bench"
    with pytest.raises(RuntimeError) as raised:
        bench.measure(bench.bench_client(), "/finns-inte/", 1)
    assert str(raised.value) == "GET /finns-inte/ answered 404, not 200"


def test_measure_refuses_zero_requests(db):
    with pytest.raises(ValueError):
        bench.measure(bench.bench_client(), "/bench-trivial/", 0)


def test_measure_organ_page_counts_the_same_queries_as_one_request(settings, board_a, target_areas):
    settings.ROOT_URLCONF = "styrkraft.bench"
    client = bench.bench_client()
    url = "/organ/namnd-a/?year=2024"
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    m = bench.measure(client, url, 3)
    assert m.queries == len(captured.captured_queries)
    assert m.queries > 0
    assert m.status == 200


def test_median_of_an_even_number_of_timings():
    m = bench.Measurement(url="/", times_ms=(3.0, 1.0, 2.0, 10.0), queries=0, status=200, size_bytes=0)
    assert m.median_ms == 2.5


def test_table_shows_medians_queries_and_ratio_to_the_trivial_view():
    trivial = bench.Measurement(url="/t/", times_ms=(0.5, 0.5, 0.5), queries=0, status=200, size_bytes=2)
    page = bench.Measurement(
        url="/?year=2024", times_ms=(40.0, 50.0, 1234.5), queries=12, status=200, size_bytes=20480
    )
    assert bench._table([("Trivial", trivial), ("Start", page)], trivial).splitlines() == [
        "Page     URL          median ms  min ms   max ms  queries  KiB  × trivial",
        "-------  -----------  ---------  ------  -------  -------  ---  ---------",
        "Trivial  /t/                0.5     0.5      0.5        0    0          1",
        "Start    /?year=2024       50.0    40.0  1 234.5       12   20        100",
    ]


def test_main_refuses_fewer_than_one_request(capsys):
    with pytest.raises(SystemExit) as raised:
        bench.main(["--requests", "0"])
    assert raised.value.code == 2
    assert "--requests must be at least 1" in capsys.readouterr().err


def test_large_model_gets_one_kolada_indicator_per_recorded_kpi_and_keeps_its_counts():
    from styrkraft.steering.demo.large import build_large_model

    plain = build_large_model()
    model = bench_kolada.with_kolada_indicators(build_large_model())
    indicators = [i for board in model["boards"] for goal in board["goals"] for i in goal["indicators"]]
    kolada = [i for i in indicators if i.get("kolada")]
    assert len(kolada) == 25 and len({i["kolada"] for i in kolada}) == 25
    assert kolada[0]["title"] == "Nettokostnadsavvikelse totalt (exkl. LSS), andel (%)"
    assert (model["municipality"]["kolada_id"], model["municipality"]["kolada_peer_group"]) == (
        "1267",
        "G37411",
    )
    assert len(indicators) == sum(len(g["indicators"]) for b in plain["boards"] for g in b["goals"])


def test_kolada_import_runs_through_file_import_and_sync_from_a_local_server(
    municipality, board_a, target_areas
):
    municipality.kolada_id = "1267"
    municipality.save(update_fields=["kolada_id"])
    indicator = IndicatorFactory(
        goal__organ=board_a, goal__target_area=target_areas[0], source="kolada", kolada_id="N00097"
    )
    file_import, synced, again = bench_kolada.import_runs()
    # The file import is rolled back: only the sync's values (one KPI, 66 municipalities) stay.
    assert (file_import.values, file_import.added) == (13032, 13032)
    stored = KoladaValue.objects.count()
    assert stored == KoladaValue.objects.filter(kpi="N00097").count() > 500
    assert (synced.values, synced.added, synced.requests > 0) == (stored, stored, True)
    assert (again.values, again.added) == (stored, 0)
    assert synced.peak_mb > 0 and file_import.peak_mb > 0
    assert KoladaSync.objects.filter(kind="import").count() == 0
    assert indicator.values.count() == 8  # Höör's values copied, 2018-2025


def test_import_table_shows_values_per_second_and_peak():
    runs = [
        bench_kolada.ImportRun("File", 13032, 13032, 2.0, 7.25),
        bench_kolada.ImportRun("Again", 100, 0, 0.5, float("nan"), requests=6),
    ]
    assert bench_kolada.import_table(runs).splitlines() == [
        "Import  values   added  requests  seconds  values/s  peak MB (tracemalloc)",
        "------  ------  ------  --------  -------  --------  ---------------------",
        "File    13 032  13 032         0     2.00     6 516                    7.2",
        "Again      100       0         6     0.50       200                      –",
    ]
