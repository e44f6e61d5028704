"""The Kolada client against the real local server serving recorded v3 data."""

import socket
import time

import pytest

from styrkraft.kolada.client import KoladaClient, KoladaError, KoladaRow, chunks
from styrkraft.kolada.recorded import HOOR_FILE, read_file
from styrkraft.kolada.server import today

HOOR = read_file(HOOR_FILE)
HOOR_KPIS = sorted({row.kpi for row in HOOR.rows})
YEARS = list(range(2018, 2026))


def test_data_follows_next_url_across_pages(kolada, kolada_server):
    rows = list(kolada.data(HOOR_KPIS, years=YEARS))

    assert len(rows) == 13032
    assert {r.key for r in rows} == {r.key for r in HOOR.rows}
    assert kolada.requests == 3  # 13,032 items at 5,000 a page
    assert [p.split("?")[1] for p in kolada_server.requests] == [
        "per_page=5000",
        "per_page=5000&page=2",
        "per_page=5000&page=3",
    ]


def test_data_one_value_is_the_recorded_one(kolada):
    rows = list(kolada.data(["N00097"], ["1267"], [2024]))

    assert rows == [KoladaRow(kpi="N00097", area="1267", year=2024, gender="T", value=-2.581)]


def test_data_thirty_municipalities_become_two_requests_without_422(kolada, kolada_server):
    municipalities = sorted({row.area for row in HOOR.rows})[:30]

    rows = list(kolada.data(["N00901"], municipalities, [2023]))

    assert len(rows) == 30
    assert kolada.requests == 2
    assert [p.split("/")[6].count(",") + 1 for p in kolada_server.requests] == [25, 5]


def test_data_paths_iterate_the_product_of_chunks():
    paths = KoladaClient.data_paths([f"N{i:05}" for i in range(30)], None, range(2000, 2027))

    assert len(paths) == 4  # 2 KPI chunks x 2 year chunks
    assert paths[0].startswith("/data/kpi/N00000,") and "/year/2000," in paths[0]
    assert max(len(chunk) for chunk in chunks(range(60))) == 25


def test_data_needs_two_dimensions(kolada):
    with pytest.raises(ValueError):
        list(kolada.data(["N00901"]))


def test_group_id_answers_the_mean_of_its_members(kolada):
    members = ["0582", "0665", "0884", "1291", "1462", "1495", "1984"]  # G37411, Höör övergripande
    own = [r.value for r in HOOR.rows if r.kpi == "N00901" and r.year == 2024 and r.area in members]

    [row] = kolada.data(["N00901"], ["G37411"], [2024])

    assert row.value == round(sum(own) / 7, 4)
    assert row.count == 7


def test_422_is_raised_with_the_url_status_and_reason(kolada):
    ids = ",".join(f"{i:04}" for i in range(26))

    with pytest.raises(KoladaError) as error:
        list(kolada.pages(f"/data/kpi/N00901/municipality/{ids}"))

    assert error.value.status == 422
    assert error.value.url.startswith(f"{kolada.base_url}/data/kpi/N00901/municipality/0000,")
    assert "422" in str(error.value) and error.value.url in str(error.value)
    assert "Too many ids: 26" in str(error.value)
    assert kolada.requests == 1  # a 4xx is not retried


def test_404_is_raised_for_an_unknown_route(kolada):
    with pytest.raises(KoladaError) as error:
        kolada.pages("/nyckeltal").__next__()

    assert error.value.status == 404


def test_503_then_success_is_retried_with_backoff(kolada, kolada_server, sleeps):
    kolada_server.fail_next(2, status=503)

    rows = list(kolada.data(["N00901"], ["1267"], [2024]))

    assert [r.value for r in rows] == [21.75]
    assert kolada.requests == 3
    assert sleeps == [0.5, 1.0]


def test_429_is_retried(kolada, kolada_server, sleeps):
    kolada_server.fail_next(1, status=429)

    assert len(list(kolada.data(["N00901"], ["1267"], [2024]))) == 1
    assert sleeps == [0.5]


def test_retries_are_bounded(kolada, kolada_server, sleeps):
    kolada_server.fail_next(10, status=503)

    with pytest.raises(KoladaError) as error:
        list(kolada.data(["N00901"], ["1267"], [2024]))

    assert kolada.requests == 4  # the first try and 3 retries
    assert sleeps == [0.5, 1.0, 2.0]
    assert error.value.status == 503
    assert "efter 4 försök" in str(error.value)
    assert "/data/kpi/N00901/municipality/1267/year/2024" in str(error.value)


def test_timeout_is_retried_then_raised(kolada_server, sleeps):
    kolada_server.slow_next(2.0, n=2)
    client = KoladaClient(kolada_server.url, timeout=0.2, retries=1, sleep=sleeps.append)

    started = time.monotonic()
    with pytest.raises(KoladaError) as error:
        list(client.data(["N00901"], ["1267"], [2024]))

    assert time.monotonic() - started < 1.5
    assert client.requests == 2
    assert "svarade inte" in str(error.value) and "/year/2024" in str(error.value)
    client.close()


def test_network_error_is_retried_then_raised(sleeps):
    with socket.socket() as sock:  # a port where nothing listens: take a free one and close it
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    client = KoladaClient(f"http://127.0.0.1:{port}/v3", timeout=1, retries=2, sleep=sleeps.append)

    with pytest.raises(KoladaError) as error:
        client.municipalities()

    assert client.requests == 3
    assert f"127.0.0.1:{port}/v3/municipality" in str(error.value)
    client.close()


def test_deleted_null_and_gender_rows(kolada, kolada_server):
    kolada_server.put("N00901", "1267", 2030, None, status="Missing")
    kolada_server.put("N00901", "1267", 2031, 40.0, gender="K", count=3)
    kolada_server.put("N00901", "1267", 2031, 38.0, gender="M", count=4)
    kolada_server.put("N00901", "1267", 2031, 39.0)
    kolada_server.delete("N00901", "1267", 2024)

    current = list(kolada.data(["N00901"], ["1267"], [2024, 2030, 2031]))
    changed = list(kolada.data(["N00901"], ["1267"], [2024, 2030, 2031], from_date=today()))

    assert [(r.year, r.gender, r.value, r.count, r.status, r.is_deleted) for r in current] == [
        (2030, "T", None, None, "Missing", False),
        (2031, "K", 40.0, 3, "", False),
        (2031, "M", 38.0, 4, "", False),
        (2031, "T", 39.0, None, "", False),
    ]
    assert [(r.year, r.gender, r.is_deleted) for r in changed] == [
        (2024, "T", True),
        (2030, "T", False),
        (2031, "K", False),
        (2031, "M", False),
        (2031, "T", False),
    ]
    assert "from_date=" + today().isoformat() in kolada_server.requests[-1]


def test_from_date_leaves_out_what_did_not_change(kolada, kolada_server):
    kolada_server.put("N00901", "1267", 2024, 22.0)

    rows = list(kolada.data(HOOR_KPIS, years=YEARS, from_date=today()))

    assert [(r.area, r.year, r.value) for r in rows] == [("1267", 2024, 22.0)]


def test_malformed_body_not_json(kolada, kolada_server):
    kolada_server.malformed_next(b"<html>Bad gateway</html>")

    with pytest.raises(KoladaError) as error:
        kolada.municipalities()

    assert "inte är JSON" in str(error.value) and "/v3/municipality" in str(error.value)


def test_malformed_body_without_values(kolada, kolada_server):
    kolada_server.malformed_next(b'{"items": []}')

    with pytest.raises(KoladaError) as error:
        kolada.kpis(["N00901"])

    assert "utan ”values”" in str(error.value) and "/v3/kpi/N00901" in str(error.value)


def test_malformed_value_item(kolada, kolada_server):
    kolada_server.malformed_next(b'{"values": [{"kpi": "N00901", "period": 2024, "values": []}]}')

    with pytest.raises(KoladaError) as error:
        list(kolada.data(["N00901"], ["1267"], [2024]))

    assert "post 1" in str(error.value) and "municipality" in str(error.value)


def test_metadata(kolada):
    [kpi] = kolada.kpis(["N00901"])
    groups = kolada.municipality_groups(["G37588", "G36128"])

    assert kpi["title"] == "Skattesats till kommun (%)"
    assert [m["title"] for m in kolada.municipalities(["1980", "0000"])] == ["Västerås", "Riket"]
    assert len(kolada.municipalities()) == 312
    assert [g["id"] for g in groups] == ["G37588", "G36128"]
    assert len(groups[0]["members"]) == 7
    assert len(kolada.kpi_groups()) == 117
    assert kolada.ous("1980") == []


def test_base_url_and_settings_by_default(settings):
    settings.KOLADA_BASE_URL = "http://kolada.invalid/v3"
    settings.KOLADA_RETRIES = 7

    client = KoladaClient()

    assert (client.base_url, client.retries) == ("http://kolada.invalid/v3", 7)
    client.close()
