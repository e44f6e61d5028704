"""The generated Göteborg-size municipality: its counts, its structure, and that it is deterministic."""

import datetime
import re
from collections import Counter

import pytest

from styrkraft.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from styrkraft.org.models import Organ
from styrkraft.steering import rules
from styrkraft.steering.demo.large import build_large_model
from styrkraft.steering.modelfile.load import model_file_load
from styrkraft.steering.models import (
    Assignment,
    Commitment,
    CouncilGoal,
    Goal,
    RecordState,
    SteeringDocument,
    TargetArea,
)

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@pytest.fixture(scope="module")
def model():
    return build_large_model()


def _goal_setting(model):
    return model["boards"]


def _goals(model):
    return [goal for organ in model["boards"] for goal in organ["goals"]]


def _indicators(model):
    return [ind for goal in _goals(model) for ind in goal["indicators"]]


def test_large_model_counts(model):
    kinds = Counter(o["kind"] for o in model["organs"] + model["boards"])
    assert kinds == {"kf": 1, "ks": 1, "board": 37, "company": 22, "administration": 6, "unit": 4}
    assert len(_goal_setting(model)) == 60
    assert len(_goals(model)) == 180
    assert len(_indicators(model)) == 2000
    assert len(model["assignments"]) == 1000
    assert len(model["steering_documents"]) == 12
    assert len(model["council_goals"]) == 6
    areas = model["terms"][0]["political_intent"]["target_areas"]
    assert len(areas) == 3
    assert [len(a["commitments"]) for a in areas] == [4, 4, 4]


def test_large_model_municipality(model):
    assert model["municipality"] == {
        "id": "storstad",
        "name": "Storstad (genererad)",
        "kolada_id": "1480",
        "max_goals_per_organ": 3,
        "min_target_areas": 2,
        "demo": True,
    }


def test_large_model_is_deterministic_for_a_seed(model):
    assert build_large_model(2026) == model
    assert build_large_model(7) == build_large_model(7)
    assert build_large_model(7) != model


def test_large_model_every_goal_setting_organ_has_three_goals_over_two_areas(model):
    for organ in _goal_setting(model):
        assert [g["year"] for g in organ["goals"]] == [2024, 2024, 2024], organ["id"]
        assert len({g["target_area"] for g in organ["goals"]}) >= 2, organ["id"]
        assert len({g["title"] for g in organ["goals"]}) == 3, organ["id"]


def test_large_model_goals_are_ready_for_decision(model):
    """Each goal has what rule 4 asks: a responsible organ and person, a rationale, indicators with a
    baseline and a target."""
    for goal in _goals(model):
        assert goal["responsible"]["organ"] and goal["responsible"]["person"]
        assert goal["rationale"]
        assert goal["indicators"]
        for ind in goal["indicators"]:
            assert ind["baseline"] == {"year": 2022, "value": ind["values"][2022]}
            assert sorted(ind["targets"]) == [2024, 2026]


def test_large_model_indicators_have_fifteen_years_of_values(model):
    for ind in _indicators(model):
        assert sorted(ind["values"]) == list(range(2010, 2025))
        assert all(v > 0 for v in ind["values"].values())
        if ind["unit"] == "%":
            assert max([*ind["values"].values(), *ind["targets"].values()]) <= 100


def test_large_model_indicators_are_spread_evenly_over_goals(model):
    assert Counter(len(g["indicators"]) for g in _goals(model)) == {11: 160, 12: 20}


def test_large_model_ids_are_unique_slugs(model):
    organ_ids = [o["id"] for o in model["organs"] + model["boards"]]
    goal_ids = [g["id"] for g in _goals(model)]
    indicator_ids = [i["id"] for i in _indicators(model)]
    assignment_ids = [a["id"] for a in model["assignments"]]
    for ids in (organ_ids, goal_ids, indicator_ids, assignment_ids):
        assert len(ids) == len(set(ids))
        assert all(SLUG.match(i) and len(i) <= 60 for i in ids)


def test_large_model_references_resolve(model):
    organs = {o["id"]: o for o in model["organs"] + model["boards"]}
    areas = model["terms"][0]["political_intent"]["target_areas"]
    commitments = {c["id"]: a["id"] for a in areas for c in a["commitments"]}
    council_goals = {g["id"]: g["target_area"] for g in model["council_goals"]}
    goal_organ = {g["id"]: o["id"] for o in model["boards"] for g in o["goals"]}
    for organ in organs.values():
        if organ["kind"] != "kf":
            assert organ["parent"] in organs, organ["id"]
    for goal in _goals(model):
        assert all(commitments[c] == goal["target_area"] for c in goal["commitments"])
        assert all(council_goals[c] == goal["target_area"] for c in goal["council_goals"])
        assert goal["responsible"]["organ"] == goal_organ[goal["id"]]
    for a in model["assignments"]:
        assert a["giver"] in organs and a["receiver"] in organs
        assert a["giver"] != a["receiver"]
        assert a["deadline"] >= datetime.date(2024, 1, 1)
        assert a["report_back"]
        if "goal" in a:
            assert goal_organ[a["goal"]] == a["receiver"]
    for doc in model["steering_documents"]:
        assert doc["owner"] in organs and doc["decided_by"] in organs


def test_large_model_company_chain_leads_to_the_council(model):
    organs = {o["id"]: o for o in model["organs"] + model["boards"]}
    depths = Counter()
    for organ in organs.values():
        if organ["kind"] != "company":
            continue
        depth, current = 0, organ
        while current["kind"] != "kf":
            current, depth = organs[current["parent"]], depth + 1
        depths[depth] += 1
    assert depths == {1: 1, 2: 8, 3: 13}


def test_large_model_loads_with_every_count_and_no_error_finding(db, model):
    """The whole large municipality through the same loader as any model file, which validates it
    first and refuses it with every problem (about 13 s on SQLite on a 2-core machine)."""
    municipality = model_file_load(actor="test", data=model)
    organs = Organ.objects.filter(municipality=municipality)
    assert organs.count() == 71
    assert organs.filter(kind__in=Organ.GOAL_SETTING_KINDS).count() == 60
    assert organs.filter(kind=Organ.Kind.COMPANY, parent__kind=Organ.Kind.COMPANY).count() == 21
    goals = Goal.objects.filter(organ__municipality=municipality)
    assert goals.count() == 180
    assert goals.filter(year=2024, record_state=RecordState.READY).count() == 180
    assert Indicator.objects.filter(organ__municipality=municipality, goal__isnull=False).count() == 2000
    values = IndicatorValue.objects.filter(indicator__organ__municipality=municipality)
    assert values.count() == 30000
    assert sorted(values.order_by().values_list("year", flat=True).distinct()) == list(range(2010, 2025))
    assert IndicatorTarget.objects.filter(indicator__organ__municipality=municipality).count() == 4000
    assert Assignment.objects.filter(municipality=municipality, year=2024).count() == 1000
    assert SteeringDocument.objects.filter(municipality=municipality).count() == 12
    assert CouncilGoal.objects.filter(municipality=municipality, year=2024).count() == 6
    areas = TargetArea.objects.filter(intent__term__municipality=municipality)
    assert areas.count() == 3
    assert Commitment.objects.filter(target_area__in=areas).count() == 12
    findings = rules.findings_for_year(municipality, 2024)
    assert [f for f in findings if f.is_error] == []
