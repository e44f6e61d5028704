import json
import os
import subprocess
import sys

from django.core.management import call_command

from tests import factories as f


def _run(*args, capsys):
    code = 0
    try:
        call_command("check", *args)
    except SystemExit as exc:
        code = exc.code
    return code, capsys.readouterr().out


def test_check_json_lists_findings_and_exits_1_on_error(board_a, board_b, target_areas, capsys):
    f.GoalFactory(organ=board_a, target_area=target_areas[0], responsible_organ=None, title="Mål utan ansvar")
    code, out = _run("--year", "2024", "--format", "json", capsys=capsys)
    data = json.loads(out)
    assert code == 1
    assert data["year"] == 2024
    assert {
        "rule": "goal_responsible",
        "severity": "error",
        "organ": "namnd-a",
        "item": "Mål: Mål utan ansvar",
        "message": "Målet saknar ansvarigt organ.",
    } in data["findings"]
    assert {
        "rule": "no_goals",
        "severity": "warning",
        "organ": "namnd-b",
        "item": "Målen för 2024",
        "message": "Nämnd B har inga mål för 2024.",
    } in data["findings"]


def test_check_text_exits_0_with_only_warnings(board_a, board_b, target_areas, capsys):
    for board in (board_a, board_b):
        for area in target_areas[:2]:
            goal = f.GoalFactory(organ=board, target_area=area)
            f.IndicatorTargetFactory(indicator=f.IndicatorFactory(goal=goal))
    code, out = _run("--year", "2024", capsys=capsys)
    assert code == 0
    assert out.splitlines()[-1] == "Planår 2024: 0 fel, 0 varningar."


def test_check_without_year_is_djangos_system_check(db, capsys):
    call_command("check")
    assert "System check identified no issues" in capsys.readouterr().out


def test_check_console_command_on_a_fresh_database(tmp_path):
    # The console command as a newcomer runs it: its own process, its own empty database.
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}"}
    styrkraft = [sys.executable, "-m", "styrkraft"]
    subprocess.run([*styrkraft, "migrate", "-v0"], env=env, check=True)
    result = subprocess.run(
        [*styrkraft, "check", "--year", "2024", "--format", "json"], env=env, capture_output=True, text=True
    )
    assert (result.returncode, json.loads(result.stdout)) == (0, {"year": 2024, "findings": []})


def test_without_year_the_rules_check_the_current_plan_year(board_a, board_b, target_areas, capsys):
    """One plan-year rule for commands too: the latest year with goals (2025 here), not the calendar
    year; --rules, --format json and --municipality each ask for the rules."""
    f.GoalFactory(organ=board_a, target_area=target_areas[0], year=2025, responsible_organ=None, title="Utan")
    code, out = _run("--rules", capsys=capsys)
    assert (code, out.splitlines()[-1]) == (1, "Planår 2025: 3 fel, 1 varning.")
    code, out = _run("--format", "json", capsys=capsys)
    assert (code, json.loads(out)["year"]) == (1, 2025)
    assert "Nämnd B har inga mål för 2025." in out
    code, out = _run("--municipality", "testkommun", "--year", "2024", capsys=capsys)
    assert (code, out.splitlines()[-1]) == (0, "Planår 2024: 0 fel, 2 varningar.")
