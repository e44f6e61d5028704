"""The commands around the model file: `styrkraft load`, `dump` and `load_demo`."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from styrkraft.core.models import AuditRecord
from styrkraft.org.models import Municipality, Organ
from styrkraft.steering.demo.large import build_large_model
from styrkraft.steering.management.commands.load_demo import DEMO_FILE
from styrkraft.steering.modelfile import model_file_load, parse_model_file, validate_model_file
from styrkraft.steering.models import Goal

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "liten-kommun.yaml"


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def counts() -> tuple[int, int, int, int]:
    return (
        Municipality.objects.count(),
        Organ.objects.count(),
        Goal.objects.count(),
        AuditRecord.objects.count(),
    )


def test_load_writes_the_file_and_prints_a_summary(db):
    out, err = run("load", str(EXAMPLE))
    assert out == "Inläst: Liten kommun (liten): 3 organ, 2 mål, 2 nyckeltal, 4 utfall, 1 uppdrag.\n"
    assert err == ""
    assert counts() == (1, 3, 2, 1)
    assert AuditRecord.objects.get().actor_label == "styrkraft load"


def test_load_of_a_bad_file_prints_every_problem_and_changes_nothing(db, tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace("target_area: social", "target_area: x").replace("kind: board", "kind: namnd")
    path = tmp_path / "fel.yaml"
    path.write_text(text, encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError) as excinfo:
        call_command("load", str(path), stdout=StringIO(), stderr=err)
    assert err.getvalue().splitlines() == [
        "boards[1].kind: ogiltigt värde 'namnd' (tillåtna värden: ks, board, company); "
        "organ som inte sätter mål står under organs",
        "boards[1].goals[0].target_area: okänt målområde 'x'",
    ]
    assert str(excinfo.value) == f"{path} lästes inte in: 2 problem; inget ändrades."
    assert excinfo.value.returncode == 1
    assert counts() == (0, 0, 0, 0)


def test_load_of_a_file_with_a_syntax_error_names_the_line(db, tmp_path):
    path = tmp_path / "fel.yaml"
    path.write_text("schema: 1\nmunicipality:\n  id: liten\n   name: x\n", encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("load", str(path), stdout=StringIO(), stderr=err)
    assert err.getvalue().splitlines() == [
        "rad 4, kolumn 8: YAML-syntaxfel: ett kolon följt av mellanslag får inte stå här "
        "(skriv texten inom citattecken)"
    ]
    assert counts() == (0, 0, 0, 0)


def test_load_refuses_an_existing_municipality_unless_replace(db):
    run("load", str(EXAMPLE))
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("load", str(EXAMPLE), stdout=StringIO(), stderr=err)
    assert (
        err.getvalue()
        == "municipality.id: kommunen 'liten' finns redan; använd --replace för att ersätta den\n"
    )
    assert counts() == (1, 3, 2, 1)
    out, _err = run("load", str(EXAMPLE), "--replace")
    assert out.startswith("Inläst: Liten kommun (liten)")
    assert counts() == (1, 3, 2, 2)


def test_load_of_a_missing_file_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError) as excinfo:
        call_command("load", str(tmp_path / "saknas.yaml"))
    assert str(excinfo.value) == f"Filen finns inte: {tmp_path / 'saknas.yaml'}"


def test_dump_writes_the_format_load_reads(db, tmp_path):
    run("load", str(EXAMPLE))
    out, _err = run("dump")
    assert out.startswith("schema: 1\nmunicipality:\n  id: liten\n")
    assert validate_model_file(parse_model_file(out)) == []
    target = tmp_path / "ut.yaml"
    assert run("dump", "--year", "2025", "-o", str(target)) == ("", "")
    dumped = parse_model_file(target.read_text(encoding="utf-8"))
    assert [b["goals"] for b in dumped["boards"]] == [[], []]
    assert (dumped["council_goals"], dumped["assignments"]) == ([], [])


def test_dump_needs_a_municipality_when_there_are_several(db):
    data = parse_model_file(EXAMPLE.read_text(encoding="utf-8"))
    model_file_load(actor="test", data=data)
    data["municipality"]["id"] = "annan"
    model_file_load(actor="test", data=data)
    with pytest.raises(CommandError) as excinfo:
        call_command("dump", stdout=StringIO())
    assert str(excinfo.value) == "Det finns flera kommuner; välj en med --municipality (annan, liten)."
    out, _err = run("dump", "--municipality", "annan")
    assert "  id: annan\n" in out
    with pytest.raises(CommandError) as excinfo:
        call_command("dump", "--municipality", "okand", stdout=StringIO())
    assert str(excinfo.value) == "Okänd kommun: 'okand'."


def test_dump_of_an_empty_database_is_an_error(db):
    with pytest.raises(CommandError) as excinfo:
        call_command("dump", stdout=StringIO())
    assert str(excinfo.value) == "Det finns ingen kommun att skriva ut."


def test_load_demo_if_empty_leaves_an_existing_municipality_alone(db):
    run("load", str(EXAMPLE))
    out, _err = run("load_demo", "--if-empty")
    assert out == "Det finns redan en kommun i databasen; ingen demo lästes in.\n"
    assert list(Municipality.objects.values_list("slug", flat=True)) == ["liten"]


@pytest.mark.skipif(not DEMO_FILE.exists(), reason="the Västerås demo file is written in parallel")
def test_load_demo_loads_vasteras_through_the_loader(db):
    out, err = run("load_demo", "--if-empty")
    municipality = Municipality.objects.get()
    assert (out.startswith(f"Inläst: {municipality.name} ({municipality.slug}): "), err) == (True, "")
    # The model file's one record, and the Kolada import's (tests/steering/test_demo.py checks its data).
    assert list(AuditRecord.objects.order_by("id").values_list("action", flat=True)) == ["load", "create"]
    out, _err = run("load_demo", "--if-empty")
    assert out == "Det finns redan en kommun i databasen; ingen demo lästes in.\n"


def test_load_demo_large_loads_the_generated_municipality(db):
    data = build_large_model()
    boards = data["boards"]
    goals = [goal for board in boards for goal in board["goals"]]
    indicators = [indicator for goal in goals for indicator in goal["indicators"]]
    out, err = run("load_demo", "--large")
    loaded, kolada = out.splitlines()
    assert (loaded, err) == (
        f"Inläst: {data['municipality']['name']} ({data['municipality']['id']}): "
        f"{len(data['organs']) + len(boards)} organ, {len(goals)} mål, {len(indicators)} nyckeltal, "
        f"{sum(len(i['values']) for i in indicators)} utfall, {len(data['assignments'])} uppdrag.",
        "",
    )
    assert kolada.startswith("Kolada-data (inspelad): Klart på ")
    assert Goal.objects.count() == len(goals)
    assert AuditRecord.objects.filter(action="load").count() == 1
