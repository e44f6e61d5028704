"""The local Kolada's routes and shapes, asked directly over HTTP."""

import httpx
import pytest


@pytest.fixture
def http(kolada_server):
    with httpx.Client(base_url=kolada_server.url) as client:
        yield client


def test_paging_gives_absolute_next_and_previous_urls(http, kolada_server):
    first = http.get("/data/kpi/N00901/year/2024", params={"per_page": 50}).json()
    second = httpx.get(first["next_url"]).json()

    assert (first["count"], first["previous_url"]) == (50, None)
    assert first["next_url"] == f"{kolada_server.url}/data/kpi/N00901/year/2024?per_page=50&page=2"
    assert (second["count"], second["next_url"]) == (16, None)
    assert second["previous_url"] == f"{kolada_server.url}/data/kpi/N00901/year/2024?per_page=50&page=1"
    assert len({v["municipality"] for v in first["values"] + second["values"]}) == 66


def test_value_shape_is_v3(http):
    body = http.get("/data/kpi/N00901/municipality/1267/year/2024").json()

    assert body == {
        "values": [
            {
                "kpi": "N00901",
                "municipality": "1267",
                "period": 2024,
                "values": [{"gender": "T", "count": None, "status": "", "value": 21.75, "isdeleted": False}],
            }
        ],
        "count": 1,
        "next_url": None,
        "previous_url": None,
    }


@pytest.mark.parametrize(
    "path",
    [
        "/data/kpi/N00901/municipality/1267",
        "/data/municipality/1267/year/2024",
        "/data/kpi/N00901/year/2024",
    ],
)
def test_two_of_three_dimensions(http, path):
    body = http.get(path).json()

    assert body["count"] >= 1
    assert all(v["kpi"] == "N00901" or "kpi" not in path for v in body["values"])


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/data/kpi/N00901", 404),
        ("/data/kpi/N00901/kommun/1267", 404),
        ("/nyckeltal", 404),
        ("/data/kpi/N00901/year/" + ",".join(str(y) for y in range(1990, 2016)), 422),
        ("/municipality/" + ",".join(f"{i:04}" for i in range(26)), 422),
        ("/kpi?per_page=5001", 422),
        ("/data/kpi/N00901/year/tjugo", 400),
        ("/data/kpi/N00901/year/2024?from_date=igår", 400),
    ],
)
def test_errors(http, path, status):
    response = http.get(path)

    assert response.status_code == status
    assert response.json()["detail"]


def test_unknown_ids_give_an_empty_list(http):
    assert http.get("/kpi/N99999").json()["values"] == []
    assert http.get("/data/kpi/N99999/year/2024").json()["values"] == []


def test_title_filter(http):
    titles = [m["title"] for m in http.get("/municipality", params={"title": "västerås"}).json()["values"]]

    assert titles == ["Västerås"]


def test_reset_restores_the_recorded_data(kolada_server, http):
    kolada_server.put("N00901", "1267", 2024, 99.0)
    kolada_server.reset()

    body = http.get("/data/kpi/N00901/municipality/1267/year/2024").json()

    assert body["values"][0]["values"][0]["value"] == 21.75
    assert kolada_server.requests == ["/v3/data/kpi/N00901/municipality/1267/year/2024"]
