"""Syncing values from the local Kolada into the database, through the services."""

from decimal import Decimal

import pytest
from django.utils import timezone

from styrkraft.core.models import AuditRecord
from styrkraft.indicators.models import Indicator
from styrkraft.kolada.client import KoladaError
from styrkraft.kolada.models import KoladaArea, KoladaKpi, KoladaSync, KoladaValue
from styrkraft.kolada.sync import catalogue_sync, values_sync
from styrkraft.steering.models import Goal, RecordState
from tests import factories as f

HOOR = "1267"
PEERS = "G37411"  # Liknande kommuner, övergripande, Höör
PEERS_SCHOOL = "G35951"  # Liknande kommuner grundskola, Höör
YEARS = {"year_from": 2018}


@pytest.fixture
def hoor(municipality):
    municipality.kolada_id = HOOR
    municipality.kolada_peer_group = PEERS
    municipality.save(update_fields=["kolada_id", "kolada_peer_group"])
    return municipality


@pytest.fixture
def tax_rate(hoor, board_a):
    return f.IndicatorFactory(
        goal__organ=board_a, source=Indicator.Source.KOLADA, kolada_id="N00901", title="Skattesats", unit="%"
    )


def table():
    """Everything stored about values, to compare before and after."""
    return list(
        KoladaValue.objects.order_by("kpi", "area", "year", "gender").values_list(
            "kpi", "area", "year", "gender", "value", "count", "status", "is_deleted", "changed_at"
        )
    )


def test_full_sync_stores_own_peers_riket_and_all_municipalities(kolada, kolada_server, tax_rate):
    kolada_server.put("N00901", "0000", 2024, 32.37)

    record = values_sync(kolada, actor="test", **YEARS)

    stored = KoladaValue.objects.filter(kpi="N00901")
    assert stored.filter(year=2024).exclude(area__startswith="G").count() == 67  # 66 and Riket
    assert stored.get(area=HOOR, year=2024).value == 21.75
    assert stored.get(area=PEERS, year=2024).count == 7
    assert stored.get(area="0000", year=2024).value == 32.37
    assert stored.count() == 66 * 8 + 8 + 1
    assert (record.ok, record.added, record.changed, record.deleted, record.unchanged) == (True, 537, 0, 0, 0)
    assert record.requests == kolada.requests == 4  # municipalities, the group, all, own+peers+Riket
    assert KoladaArea.objects.get(id=PEERS).members == [
        "0582",
        "0665",
        "0884",
        "1291",
        "1462",
        "1495",
        "1984",
    ]
    assert KoladaArea.objects.get(id=HOOR).title == "Höör"
    assert AuditRecord.objects.filter(item_type="kolada.koladasync").count() == 1
    assert AuditRecord.objects.filter(item_type="kolada.koladavalue").count() == 0


def test_sync_copies_own_values_into_the_indicator(kolada, tax_rate):
    values_sync(kolada, actor="test", **YEARS)

    assert dict(tax_rate.values.values_list("year", "value")) == {
        year: Decimal(str(v))
        for year, v in KoladaValue.objects.filter(kpi="N00901", area=HOOR).values_list("year", "value")
    }
    assert tax_rate.values.get(year=2024).value == Decimal("21.75")


def test_indicator_of_a_decided_goal_still_gets_values(kolada, tax_rate):
    Goal.objects.filter(pk=tax_rate.goal_id).update(record_state=RecordState.DECIDED)

    values_sync(kolada, actor="test", **YEARS)

    assert tax_rate.values.count() == 8


def test_a_replaced_goals_indicator_takes_no_values_and_the_sync_succeeds(kolada, tax_rate, board_a):
    """A new version of a goal copies its indicators; once it is decided, the replaced version's copy is
    read-only. The sync fills the copy in force and leaves the replaced one as it was (before, the
    refusal of the replaced one failed every sync)."""
    old = tax_rate.goal
    Goal.objects.filter(pk=old.pk).update(record_state=RecordState.SUPERSEDED)
    in_force = f.IndicatorFactory(
        goal__organ=board_a, goal__supersedes=old, source=Indicator.Source.KOLADA, kolada_id="N00901"
    )

    values_sync(kolada, actor="test", **YEARS)

    assert (tax_rate.values.count(), in_force.values.count()) == (0, 8)


def test_organ_peer_group_wins_over_the_municipality(kolada, kolada_server, tax_rate, board_a):
    board_a.kolada_peer_group = PEERS_SCHOOL
    board_a.save(update_fields=["kolada_peer_group"])

    values_sync(kolada, actor="test", **YEARS)

    assert KoladaValue.objects.filter(area=PEERS_SCHOOL).count() == 8
    assert not KoladaValue.objects.filter(area=PEERS).exists()
    assert "municipality/0000,1267,G35951/" in kolada_server.requests[-1]


def test_second_run_changes_nothing(kolada, tax_rate):
    values_sync(kolada, actor="test", **YEARS)
    before = table()
    audits = AuditRecord.objects.count()

    record = values_sync(kolada, actor="test", **YEARS)

    assert (record.added, record.changed, record.deleted) == (0, 0, 0)
    assert table() == before
    assert AuditRecord.objects.count() == audits + 1  # the run's own record


def test_incremental_sync_asks_from_date_and_updates_revisions(kolada, kolada_server, tax_rate):
    first = values_sync(kolada, actor="test", **YEARS)
    kolada_server.requests.clear()
    kolada_server.put("N00901", HOOR, 2024, 21.5)  # Kolada revised it

    record = values_sync(kolada, actor="test", **YEARS)

    since = timezone.localdate(first.started_at).isoformat()  # the municipality's day, not UTC's
    data_requests = [r for r in kolada_server.requests if r.startswith("/v3/data/")]
    assert [r.split("/year/")[0] for r in data_requests] == [
        "/v3/data/kpi/N00901",
        "/v3/data/kpi/N00901/municipality/1267,G37411",
        "/v3/data/kpi/N00901/municipality/0000",  # nothing stored for Riket yet: asked whole
    ]
    assert [f"from_date={since}" in r for r in data_requests] == [True, True, False]
    assert (record.added, record.changed, record.deleted, record.from_date) == (
        0,
        1,
        0,
        timezone.localdate(first.started_at),
    )
    assert KoladaValue.objects.get(kpi="N00901", area=HOOR, year=2024).value == 21.5
    revision = AuditRecord.objects.get(item_type="kolada.koladavalue", item_label__contains=f"{HOOR} 2024")
    assert (revision.action, revision.changes) == ("update", {"value": [21.75, 21.5]})
    assert tax_rate.values.get(year=2024).value == Decimal("21.50")


def test_full_sync_ignores_the_last_sync(kolada, kolada_server, tax_rate):
    values_sync(kolada, actor="test", **YEARS)
    kolada_server.requests.clear()

    record = values_sync(kolada, actor="test", full=True, **YEARS)

    assert not any("from_date" in r for r in kolada_server.requests)
    assert (record.full, record.unchanged, record.from_date) == (True, 66 * 8 + 8, None)


def test_new_indicator_is_fetched_whole_in_an_incremental_sync(kolada, kolada_server, tax_rate):
    values_sync(kolada, actor="test", **YEARS)
    f.IndicatorFactory(goal=tax_rate.goal, source=Indicator.Source.KOLADA, kolada_id="N15507")
    kolada_server.requests.clear()

    record = values_sync(kolada, actor="test", **YEARS)

    assert KoladaValue.objects.filter(kpi="N15507", area=HOOR).count() == 8
    assert record.added == 66 * 8 + 8
    assert any("/kpi/N15507/" in r and "from_date" not in r for r in kolada_server.requests)


def test_deleted_value_is_marked_not_dropped(kolada, kolada_server, tax_rate):
    values_sync(kolada, actor="test", **YEARS)
    kolada_server.delete("N00901", "1214", 2019)

    record = values_sync(kolada, actor="test", **YEARS)
    again = values_sync(kolada, actor="test", **YEARS)

    value = KoladaValue.objects.get(kpi="N00901", area="1214", year=2019)
    assert (value.is_deleted, value.value) == (True, 20.74)
    assert (record.deleted, again.deleted, again.changed) == (1, 0, 0)
    deletion = AuditRecord.objects.get(item_type="kolada.koladavalue")
    assert (deletion.action, deletion.changes) == ("delete", {"is_deleted": [False, True]})


def test_null_status_and_genders_are_stored(kolada, kolada_server, tax_rate):
    kolada_server.put("N00901", HOOR, 2026, None, status="Missing")
    kolada_server.put("N00901", HOOR, 2025, 10.0, gender="K", count=3)

    values_sync(kolada, actor="test", year_from=2018)

    missing = KoladaValue.objects.get(kpi="N00901", area=HOOR, year=2026)
    assert (missing.value, missing.status) == (None, "Missing")
    assert KoladaValue.objects.get(kpi="N00901", area=HOOR, year=2025, gender="K").count == 3
    assert not tax_rate.values.filter(year=2026).exists()
    assert tax_rate.values.get(year=2025).value == Decimal("21.75")  # the total, not the women's value


@pytest.mark.parametrize(
    ("fault", "expected"),
    [
        (lambda s: s.fail_next(10, status=503), "503"),
        (lambda s: s.malformed_next(b"<html>oj</html>"), "inte är JSON"),
        (lambda s: s.fail_next(1, status=422), "422"),
    ],
)
def test_failed_sync_changes_nothing_and_names_the_request(kolada, kolada_server, tax_rate, fault, expected):
    values_sync(kolada, actor="test", **YEARS)
    kolada_server.put("N00901", HOOR, 2024, 1.0)
    kolada_server.put("N00901", HOOR, 2030, 2.0)
    before, outcomes = table(), list(tax_rate.values.values_list("year", "value"))
    kolada_server.requests.clear()
    kolada_server.faults.extend([("ok", None)] * 2)  # the metadata requests pass; a data request fails
    fault(kolada_server)

    with pytest.raises(KoladaError) as error:
        values_sync(kolada, actor="test", **YEARS)

    assert table() == before
    assert list(tax_rate.values.values_list("year", "value")) == outcomes
    assert "/v3/data/kpi/N00901/year/2018," in str(error.value) and expected in str(error.value)
    failed = KoladaSync.objects.order_by("-id").first()
    assert (failed.ok, failed.message, failed.added) == (False, str(error.value), 0)


def test_failure_while_writing_rolls_back(kolada, kolada_server, tax_rate):
    kolada_server.put("N00901", HOOR, 2024, 1.0)
    kolada_server.put("N00901", HOOR, 2025, 2.0, status="x" * 41)  # longer than the field allows

    with pytest.raises(ValueError):
        values_sync(kolada, actor="test", **YEARS)

    assert table() == []
    assert not tax_rate.values.exists()
    assert KoladaSync.objects.get().ok is False


def test_no_kolada_indicators_makes_no_requests(kolada, hoor):
    record = values_sync(kolada, actor="test")

    assert (record.ok, record.requests, record.added) == (True, 0, 0)


def test_catalogue_sync(kolada, kolada_server, db):
    record = catalogue_sync(kolada, actor="test")

    tax = KoladaKpi.objects.get(id="N00901")
    assert (tax.title, tax.unit, tax.publ_period) == ("Skattesats till kommun (%)", "%", "2027")
    assert tax.publication_date.isoformat() == "2026-12-15"
    assert KoladaKpi.objects.count() == 3000
    assert KoladaArea.objects.get(id="0000").kind == KoladaArea.Kind.COUNTRY
    assert KoladaArea.objects.get(id="1980").kind == KoladaArea.Kind.MUNICIPALITY
    assert KoladaArea.objects.get(id="0010").kind == KoladaArea.Kind.REGION
    assert len(KoladaArea.objects.get(id="G37588").members) == 7
    assert (record.kind, record.ok, record.added, record.requests) == ("catalogue", True, 3000 + 312 + 22, 4)
    assert catalogue_sync(kolada, actor="test").added == 0
