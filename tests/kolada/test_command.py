"""`styrkraft kolada sync` and `styrkraft kolada import`."""

import io
import re

import pytest
from django.core.management import CommandError, call_command

from styrkraft.indicators.models import Indicator
from styrkraft.kolada.models import KoladaKpi, KoladaSync, KoladaValue
from styrkraft.kolada.recorded import HOOR_FILE
from tests import factories as f

SUMMARY = re.compile(
    r"^Klart på \d+,\d s: (?P<added>[\d\xa0 ]+) tillagda, (?P<changed>\d+) ändrade, (?P<deleted>\d+) borttagna, "
    r"(?P<unchanged>[\d\xa0 ]+) oförändrade \((?P<requests>\d+) anrop\)\.$"
)


class Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.fixture
def local_kolada(settings, kolada_server):
    settings.KOLADA_BASE_URL = kolada_server.url
    settings.KOLADA_RETRIES = 0
    return kolada_server


@pytest.fixture
def tax_rate(municipality, board_a):
    municipality.kolada_id = "1267"
    municipality.save(update_fields=["kolada_id"])
    return f.IndicatorFactory(goal__organ=board_a, source=Indicator.Source.KOLADA, kolada_id="N00901")


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("kolada", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_sync_prints_a_summary_and_no_progress_bar_off_a_terminal(local_kolada, tax_rate):
    out, err = run("sync", "--year-from", "2018")

    numbers = SUMMARY.match(out.strip()).groupdict()
    assert {k: int(re.sub(r"\D", "", v)) for k, v in numbers.items()} == {
        "added": 66 * 8,
        "changed": 0,
        "deleted": 0,
        "unchanged": 0,
        "requests": 3,
    }
    assert err == ""
    assert tax_rate.values.count() == 8


def test_sync_draws_a_progress_bar_on_a_terminal(local_kolada, tax_rate):
    err = Terminal()

    call_command("kolada", "sync", "--year-from", "2018", stdout=io.StringIO(), stderr=err)

    assert err.getvalue().endswith(f"\r[{'#' * 30}] 2/2\n")


def test_second_sync_reports_unchanged(local_kolada, tax_rate):
    run("sync", "--year-from", "2018")

    incremental, _err = run("sync", "--year-from", "2018")
    full, _err = run("sync", "--year-from", "2018", "--full")

    assert ": 0 tillagda, 0 ändrade, 0 borttagna, 0 oförändrade (4 anrop)." in incremental  # nothing new
    assert ": 0 tillagda, 0 ändrade, 0 borttagna, 528 oförändrade (" in full


def test_sync_with_catalogue(local_kolada, tax_rate):
    out, _err = run("sync", "--catalogue", "--year-from", "2024")

    assert out.splitlines()[0] == "Katalogen: 3\xa0334 nya, 0 ändrade."
    assert KoladaKpi.objects.get(id="N00901").title == "Skattesats till kommun (%)"
    assert KoladaValue.objects.filter(year__lt=2024).count() == 0


def test_failed_sync_exits_1_and_changes_nothing(local_kolada, tax_rate):
    local_kolada.fail_next(5, status=503)

    with pytest.raises(CommandError) as error:
        run("sync")

    assert error.value.returncode == 1
    assert str(error.value).startswith("Inget ändrades: Kolada svarade 503 på http://127.0.0.1:")
    assert KoladaValue.objects.count() == 0
    assert KoladaSync.objects.get().ok is False


def test_import_command(db):
    out, _err = run("import", str(HOOR_FILE))

    assert ": 13\xa0032 tillagda, 0 ändrade, 0 borttagna, 0 oförändrade (0 anrop)." in out
    assert KoladaValue.objects.count() == 13032


def test_import_of_a_bad_file_exits_1(db, tmp_path):
    bad = tmp_path / "trasig.json"
    bad.write_text("[{")

    with pytest.raises(CommandError) as error:
        run("import", str(HOOR_FILE), str(bad))

    assert error.value.returncode == 1
    assert (
        str(error.value)
        == "Inget ändrades: trasig.json: inte giltig JSON på rad 1, kolumn 3 (Expecting property name enclosed in double quotes)"
    )
    assert KoladaValue.objects.count() == 0
