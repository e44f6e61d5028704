"""Importing recorded Kolada files: each format, and bad files (a clear error, nothing changed)."""

import json

import httpx
import pytest

from styrkraft.core.models import AuditRecord
from styrkraft.indicators.models import Indicator
from styrkraft.kolada.models import KoladaArea, KoladaKpi, KoladaSync, KoladaValue
from styrkraft.kolada.recorded import DATA_DIR, HOOR_FILE, RecordedFileError
from styrkraft.kolada.server import today
from styrkraft.kolada.sync import import_file, import_files
from tests import factories as f


def test_import_hoor_file(db):
    record = import_file(HOOR_FILE, actor="test")

    assert (record.kind, record.ok, record.added, record.source) == ("import", True, 13032, HOOR_FILE.name)
    assert KoladaValue.objects.count() == 13032
    assert KoladaValue.objects.get(kpi="N00901", area="1267", year=2024).value == 21.75
    assert KoladaKpi.objects.get(id="U23401").unit == "dagar"
    assert KoladaArea.objects.get(id="G37411").members[0] == "0582"
    assert KoladaArea.objects.filter(kind=KoladaArea.Kind.MUNICIPALITY).count() == 66
    assert AuditRecord.objects.filter(item_type="kolada.koladasync").count() == 1
    assert AuditRecord.objects.count() == 1  # the creates summed up in the run's record


def test_import_twice_changes_nothing(db):
    import_file(HOOR_FILE, actor="test")

    record = import_file(HOOR_FILE, actor="test")

    assert (record.added, record.changed, record.unchanged) == (0, 0, 13032)


def test_import_fills_kolada_indicators(municipality, board_a):
    municipality.kolada_id = "1267"
    municipality.save(update_fields=["kolada_id"])
    indicator = f.IndicatorFactory(goal__organ=board_a, source=Indicator.Source.KOLADA, kolada_id="N15507")

    import_file(HOOR_FILE, actor="test")

    assert indicator.values.count() == 8


def test_import_bare_values_arrays(db):
    record = import_files(
        [DATA_DIR / "municipality.json", DATA_DIR / "municipality_groups.json", DATA_DIR / "kpi_groups.json"],
        actor="test",
    )

    assert record.source == "municipality.json, municipality_groups.json, kpi_groups.json"
    assert KoladaArea.objects.get(id="1980").title == "Västerås"
    assert KoladaArea.objects.get(id="0000").kind == KoladaArea.Kind.COUNTRY
    assert KoladaArea.objects.get(id="G37588").kind == KoladaArea.Kind.GROUP
    assert KoladaKpi.objects.count() == 2998  # every KPI named in a KPI group
    assert record.added == 0  # no values in these files


def test_import_v3_envelope_with_deleted_null_and_genders(db, kolada_server, tmp_path):
    kolada_server.put("N00901", "1267", 2026, None, status="Missing")
    kolada_server.put("N00901", "1267", 2026, 20.0, gender="K")
    path = tmp_path / "svar.json"
    path.write_bytes(httpx.get(f"{kolada_server.url}/data/kpi/N00901/municipality/1267").content)
    import_file(path, actor="test")
    kolada_server.delete("N00901", "1267", 2024)
    changed = tmp_path / "ändrat.json"
    changed.write_bytes(
        httpx.get(f"{kolada_server.url}/data/kpi/N00901/municipality/1267?from_date={today()}").content
    )

    record = import_file(changed, actor="test")

    assert KoladaValue.objects.count() == 10
    assert KoladaValue.objects.get(year=2026, gender="T").status == "Missing"
    assert KoladaValue.objects.get(year=2026, gender="K").value == 20.0
    assert KoladaValue.objects.get(year=2024).is_deleted is True
    assert (record.deleted, record.unchanged) == (1, 2)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"values": [\n  {"kpi": "N00901",, }\n]}', "svar.json: inte giltig JSON på rad 2, kolumn 20"),
        (
            '{"values": [{"kpi": "N00901", "municipality": "1267", "period": 2024}]}',
            "svar.json, post 1: saknar",
        ),
        (
            '[{"id": "1980", "title": "Västerås", "type": "K"}, 7]',
            "svar.json, post 2: posten är inte ett objekt",
        ),
        ('[{"id": "X1", "title": "Vad?"}]', "svar.json, post 1: okänd sorts post"),
        (
            '{"values": [{"kpi": "N00901", "municipality": "1267", "period": 2024, '
            '"values": [{"gender": "X", "value": 1}]}]}',
            "svar.json, post 1: okänt kön ”X”",
        ),
        ('{"rows": []}', "svar.json: känns inte igen"),
    ],
)
def test_bad_file_is_refused_and_changes_nothing(db, tmp_path, content, message):
    import_file(DATA_DIR / "municipality.json", actor="test")
    good = tmp_path / "bra.json"
    good.write_text('[{"kpi": "N00901", "municipality": "1267", "period": 2024, "values": []}]')
    bad = tmp_path / "svar.json"
    bad.write_text(content)
    areas = list(KoladaArea.objects.values_list("id", "title"))

    with pytest.raises(RecordedFileError) as error:
        import_files([good, bad], actor="test")

    assert message in str(error.value)
    assert list(KoladaArea.objects.values_list("id", "title")) == areas
    assert KoladaValue.objects.count() == 0
    failed = KoladaSync.objects.order_by("-id").first()
    assert (failed.ok, failed.message, failed.source) == (False, str(error.value), "bra.json, svar.json")


def test_bad_hoor_value_names_the_position(db, tmp_path):
    body = json.loads(HOOR_FILE.read_text(encoding="utf-8"))
    body["nyckeltal"][3]["varden"]["1214"]["2019"] = "fyra"
    path = tmp_path / "hoor.json"
    path.write_text(json.dumps(body), encoding="utf-8")

    with pytest.raises(RecordedFileError) as error:
        import_file(path, actor="test")

    assert str(error.value) == "hoor.json, nyckeltal[3].varden[1214][2019]: ”fyra” är inget värde för ett år"
    assert KoladaValue.objects.count() == 0


def test_missing_file(db, tmp_path):
    with pytest.raises(RecordedFileError) as error:
        import_file(tmp_path / "finns-inte.json", actor="test")

    assert "finns-inte.json: kan inte läsas" in str(error.value)
