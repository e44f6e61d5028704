"""The model file: every malformed case gives its own exact message and changes nothing; the example
loads into the expected objects; load → dump → load reproduces the same chain."""

import copy
import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from styrkraft.core.models import AuditRecord
from styrkraft.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from styrkraft.org.models import Municipality, Organ, Term
from styrkraft.steering.modelfile import (
    ModelFileError,
    Problem,
    dump_yaml,
    model_file_dump,
    model_file_load,
    parse_model_file,
    validate_model_file,
)
from styrkraft.steering.models import (
    Assignment,
    Commitment,
    CouncilGoal,
    Goal,
    SteeringDocument,
    TargetArea,
)

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "liten-kommun.yaml"
MODELS = [
    Municipality,
    Organ,
    Term,
    TargetArea,
    Commitment,
    CouncilGoal,
    Goal,
    Indicator,
    IndicatorValue,
    IndicatorTarget,
    Assignment,
    SteeringDocument,
    AuditRecord,
]


def example() -> dict:
    return parse_model_file(EXAMPLE.read_text(encoding="utf-8"))


def db_state() -> dict:
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture
def loaded(db):
    """The example, already loaded: every refusal below must leave it exactly as it is."""
    return model_file_load(actor="test", data=example())


def refused(data) -> list[str]:
    """Load `data` over the loaded example (--replace); return the problems, checking nothing changed."""
    before = db_state()
    goals_before = sorted(Goal.objects.values_list("code", "title"))
    with pytest.raises(ModelFileError) as excinfo:
        model_file_load(actor="test", data=data, replace=True)
    assert db_state() == before
    assert sorted(Goal.objects.values_list("code", "title")) == goals_before
    assert [str(p) for p in excinfo.value.problems] == [str(p) for p in validate_model_file(data)]
    return [str(p) for p in excinfo.value.problems]


def school(data) -> dict:
    return data["boards"][1]


# --- The example loads -----------------------------------------------------------------------------


def test_example_file_is_valid(db):
    assert validate_model_file(example()) == []


def test_example_loads_the_expected_chain(db):
    municipality = model_file_load(actor="test", data=example())
    assert (municipality.slug, municipality.name, municipality.kolada_id, municipality.is_demo) == (
        "liten",
        "Liten kommun",
        "1267",
        True,
    )
    assert municipality.vision.title == "Liten kommun – nära och hållbar"
    organs = list(municipality.organs.order_by("order").values_list("slug", "kind", "parent__slug", "order"))
    assert organs == [("kf", "kf", None, 0), ("ks", "ks", "kf", 1), ("skolnamnden", "board", "kf", 2)]
    term = municipality.terms.get()
    intent = term.political_intent
    assert (
        term.start_year,
        term.end_year,
        intent.decision.body.slug,
        intent.decision.decided_on,
        intent.decision.paragraph,
    ) == (
        2023,
        2026,
        "kf",
        datetime.date(2023, 4, 13),
        "45",
    )
    assert intent.decision.case_number == "KS 2023/00123"
    assert [(a.code, a.order) for a in intent.target_areas.all()] == [("klimat", 0), ("social", 1)]
    assert list(TargetArea.objects.get(code="klimat").sdg_goals.values_list("number", flat=True)) == [13]
    goal = Goal.objects.get(code="skola-behorighet")
    assert (
        goal.organ.slug,
        goal.year,
        goal.target_area.code,
        goal.record_state,
        goal.order,
        goal.is_demo,
    ) == (
        "skolnamnden",
        2024,
        "social",
        "ready",
        0,
        True,
    )
    assert (goal.responsible_organ.slug, goal.responsible_person) == ("skolnamnden", "Skoldirektör")
    assert list(goal.commitments.values_list("code", flat=True)) == ["social-1"]
    assert list(goal.sdg_goals.values_list("number", flat=True)) == [4]
    assert list(goal.sdg_targets.values_list("number", flat=True)) == ["4.1"]
    indicator = goal.indicators.get()
    assert (indicator.code, indicator.source, indicator.kolada_id, indicator.direction) == (
        "n15428",
        "kolada",
        "N15428",
        "higher",
    )
    assert (indicator.baseline_year, indicator.baseline_value) == (2022, Decimal("84.10"))
    assert list(indicator.values.values_list("year", "value")) == [
        (2021, Decimal("83.00")),
        (2022, Decimal("84.10")),
        (2023, Decimal("85.20")),
    ]
    assert list(indicator.targets.values_list("year", "value")) == [
        (2024, Decimal("87")),
        (2026, Decimal("90")),
    ]
    own = Indicator.objects.get(code="fossilfria-transporter")
    assert (own.source, own.kolada_id, own.goal.code) == ("own", "", "skola-fossilfri")
    assert Goal.objects.get(code="skola-fossilfri").order == 1
    assignment = Assignment.objects.get()
    assert (assignment.giver.slug, assignment.receiver.slug, assignment.goal.code, assignment.progress) == (
        "ks",
        "skolnamnden",
        "skola-fossilfri",
        "ongoing",
    )
    assert assignment.deadline == datetime.date(2024, 10, 31)
    document = SteeringDocument.objects.get()
    assert (document.doc_type, document.owner.slug, document.decision.body.slug, document.validity) == (
        "program",
        "ks",
        "kf",
        "in_force",
    )
    council_goal = CouncilGoal.objects.get()
    assert (council_goal.code, council_goal.year, council_goal.target_area.code) == (
        "kf-klimat",
        2024,
        "klimat",
    )
    assert {m.__name__: m.objects.filter(is_demo=True).count() for m in (Organ, Goal, Indicator)} == {
        "Organ": 3,
        "Goal": 2,
        "Indicator": 2,
    }
    record = AuditRecord.objects.get()
    assert (record.action, record.actor_label, record.item_type, record.item_id) == (
        "load",
        "test",
        "org.municipality",
        str(municipality.pk),
    )
    assert record.changes == {
        "replaced": False,
        "counts": {
            "organs": 3,
            "goals": 2,
            "indicators": 2,
            "values": 4,
            "targets": 3,
            "council_goals": 1,
            "assignments": 1,
            "steering_documents": 1,
        },
    }


def test_demo_flag_of_an_item_overrides_the_municipality(db):
    data = example()
    data["municipality"]["demo"] = False
    school(data)["demo"] = True
    school(data)["goals"][0]["demo"] = True
    model_file_load(actor="test", data=data)
    assert list(Organ.objects.filter(is_demo=True).values_list("slug", flat=True)) == ["skolnamnden"]
    assert list(Goal.objects.filter(is_demo=True).values_list("code", flat=True)) == ["skola-behorighet"]
    assert Indicator.objects.filter(is_demo=True).count() == 0
    assert Municipality.objects.get().is_demo is False


def test_replace_deletes_the_old_municipality_in_the_same_load(loaded):
    data = example()
    data["municipality"]["name"] = "Liten kommun, ny version"
    del school(data)["goals"][1]
    del data["assignments"][0]
    model_file_load(actor="test", data=data, replace=True)
    assert list(Municipality.objects.values_list("name", flat=True)) == ["Liten kommun, ny version"]
    assert list(Goal.objects.values_list("code", flat=True)) == ["skola-behorighet"]
    assert (Organ.objects.count(), Assignment.objects.count(), Indicator.objects.count()) == (3, 0, 1)
    assert list(AuditRecord.objects.order_by("pk").values_list("action", "changes__replaced")) == [
        ("load", False),
        ("load", True),
    ]


def test_existing_municipality_is_refused_without_replace(loaded):
    before = db_state()
    with pytest.raises(ModelFileError) as excinfo:
        model_file_load(actor="test", data=example())
    assert [str(p) for p in excinfo.value.problems] == [
        "municipality.id: kommunen 'liten' finns redan; använd --replace för att ersätta den"
    ]
    assert db_state() == before


def test_problem_prints_as_path_colon_message():
    assert str(Problem("boards[3].goals[1].target_area", "okänt målområde 'x'")) == (
        "boards[3].goals[1].target_area: okänt målområde 'x'"
    )


# --- YAML ------------------------------------------------------------------------------------------


def test_yaml_syntax_error_names_line_and_column():
    text = EXAMPLE.read_text(encoding="utf-8").replace("  id: liten\n", "  id: liten\n   name: [x\n", 1)
    with pytest.raises(ModelFileError) as excinfo:
        parse_model_file(text)
    assert [str(p) for p in excinfo.value.problems] == [
        "rad 5, kolumn 8: YAML-syntaxfel: ett kolon följt av mellanslag får inte stå här "
        "(skriv texten inom citattecken)"
    ]


def test_yaml_tab_indentation_is_explained():
    with pytest.raises(ModelFileError) as excinfo:
        parse_model_file("schema: 1\nmunicipality:\n\tid: liten\n")
    assert [str(p) for p in excinfo.value.problems] == [
        "rad 3, kolumn 1: YAML-syntaxfel: ett tecken som inte får inleda ett värde "
        "(indrag görs med mellanslag, inte tabb)"
    ]


def test_yaml_key_given_twice_is_refused():
    with pytest.raises(ModelFileError) as excinfo:
        parse_model_file("schema: 1\nmunicipality:\n  id: a\n  name: A\n  id: b\n")
    assert [str(p) for p in excinfo.value.problems] == ["rad 5: nyckeln 'id' står två gånger i samma objekt"]


def test_empty_file_is_refused():
    with pytest.raises(ModelFileError) as excinfo:
        parse_model_file("# bara en kommentar\n")
    assert [str(p) for p in excinfo.value.problems] == ["filen: filen är tom"]


def test_impossible_date_is_reported_not_crashed(loaded):
    data = parse_model_file(
        EXAMPLE.read_text(encoding="utf-8").replace("deadline: 2024-10-31", "deadline: 2024-02-30")
    )
    assert refused(data) == ["assignments[0].deadline: ogiltigt datum '2024-02-30' (skriv ÅÅÅÅ-MM-DD)"]


# --- Malformed files: each case its own message, nothing changed -----------------------------------


def test_document_that_is_not_an_object_is_refused(loaded):
    assert refused(["a", "b"]) == ["filen: förväntade ett objekt, fick en lista"]


def test_wrong_types_are_named(loaded):
    data = example()
    goal = school(data)["goals"][0]
    goal["commitments"] = "social-1"
    goal["year"] = "2024"
    goal["indicators"][0]["values"][2022] = "84,1"
    data["terms"][0]["political_intent"]["decision"]["paragraph"] = 45
    data["municipality"]["demo"] = "ja"
    data["assignments"][0]["deadline"] = "31 oktober"
    data["steering_documents"] = {"id": "x"}
    assert refused(data) == [
        "steering_documents: förväntade en lista, fick ett objekt",
        "municipality.demo: förväntade true eller false, fick en text ('ja')",
        "terms[0].political_intent.decision.paragraph: förväntade en text, fick ett heltal (45); "
        "skriv värdet inom citattecken",
        "boards[1].goals[0].year: förväntade ett heltal, fick en text ('2024')",
        "boards[1].goals[0].commitments: förväntade en lista, fick en text ('social-1')",
        "boards[1].goals[0].indicators[0].values.2022: förväntade ett tal, fick en text ('84,1')",
        "assignments[0].deadline: ogiltigt datum '31 oktober' (skriv ÅÅÅÅ-MM-DD)",
    ]


def test_sdg_target_written_as_a_number_asks_for_quotes(loaded):
    data = example()
    school(data)["goals"][0]["sdg_targets"] = [4.1]
    assert refused(data) == [
        "boards[1].goals[0].sdg_targets[0]: förväntade en text, fick ett decimaltal (4.1); "
        "skriv värdet inom citattecken"
    ]


def test_missing_required_keys_are_named(loaded):
    data = example()
    del data["municipality"]["id"]
    del school(data)["goals"][1]["title"]
    school(data)["goals"][1]["target_area"] = None
    del data["steering_documents"][0]["decided_on"]
    data["steering_documents"][0]["state"] = "decided"
    del data["vision"]["title"]
    del data["schema"]
    assert refused(data) == [
        "schema: obligatorisk nyckel saknas",
        "municipality.id: obligatorisk nyckel saknas",
        "vision.title: obligatorisk nyckel saknas",
        "boards[1].goals[1].title: obligatorisk nyckel saknas",
        "boards[1].goals[1].target_area: obligatoriskt värde saknas",
        "steering_documents[0].state: ett beslutat styrdokument behöver decided_by och decided_on",
    ]


def test_unknown_keys_are_refused_with_a_suggestion(loaded):
    data = example()
    school(data)["goals"][0]["titel"] = "Stavfel"
    school(data)["färg"] = "blå"
    data["council_goal"] = []
    assert refused(data) == [
        "council_goal: okänd nyckel (menade du 'council_goals'?)",
        "boards[1].färg: okänd nyckel (tillåtna nycklar: id, name, kind, parent, mandate, kolada_peer_group, demo, "
        "decisions, goals, indicators)",
        "boards[1].goals[0].titel: okänd nyckel (menade du 'title'?)",
    ]


def test_unknown_references_are_named(loaded):
    data = example()
    goal = school(data)["goals"][0]
    goal["target_area"] = "x"
    goal["commitments"] = ["social-1", "social-9"]
    goal["council_goals"] = ["kf-okand"]
    goal["sdg_goals"] = [4, 18]
    goal["sdg_targets"] = ["4.1", "4.99"]
    goal["responsible"]["organ"] = "skolforvaltningen"
    data["boards"][0]["parent"] = "fullmaktige"
    data["terms"][0]["political_intent"]["decision"]["body"] = "kfx"
    data["assignments"][0]["giver"] = "kommunstyrelsen"
    data["assignments"][0]["goal"] = "skola-okand"
    data["council_goals"][0]["target_area"] = "klimatet"
    assert refused(data) == [
        "terms[0].political_intent.decision.body: okänt organ 'kfx'",
        "boards[0].parent: okänt organ 'fullmaktige'",
        "boards[1].goals[0].target_area: okänt målområde 'x'",
        "boards[1].goals[0].commitments[1]: okänd inriktning 'social-9'",
        "boards[1].goals[0].council_goals[0]: okänt fullmäktigemål 'kf-okand'",
        "boards[1].goals[0].sdg_goals[1]: okänt globalt mål 18 (Agenda 2030 har mål 1–17)",
        "boards[1].goals[0].sdg_targets[1]: okänt delmål i Agenda 2030 '4.99'",
        "boards[1].goals[0].responsible.organ: okänt organ 'skolforvaltningen'",
        "council_goals[0].target_area: okänt målområde 'klimatet'",
        "assignments[0].giver: okänt organ 'kommunstyrelsen'",
        "assignments[0].goal: okänt mål 'skola-okand'",
    ]


def test_duplicate_ids_are_refused(loaded):
    data = example()
    data["boards"].append({**copy.deepcopy(data["boards"][0]), "name": "Kommunstyrelsen igen"})
    second = copy.deepcopy(school(data)["goals"][1])
    second["indicators"][0]["id"] = "n15428"
    school(data)["goals"][1]["indicators"].append(second["indicators"][0])
    data["terms"].append(
        {
            "start_year": 2027,
            "end_year": 2030,
            "political_intent": {"title": "Nästa", "target_areas": [{"id": "klimat", "title": "Igen"}]},
        }
    )
    data["council_goals"].append(copy.deepcopy(data["council_goals"][0]))
    school(data)["goals"][0]["sdg_goals"] = [4, 4]
    assert refused(data) == [
        "terms[1].political_intent.target_areas[0].id: dubblett: id:t 'klimat' används redan i "
        "terms[0].political_intent.target_areas[0]",
        "boards[1].goals[0].sdg_goals[1]: globalt mål 4 står redan i listan",
        "boards[1].goals[1].indicators[1].id: dubblett: id:t 'n15428' används redan i "
        "boards[1].goals[0].indicators[0]",
        "boards[2].id: dubblett: id:t 'ks' används redan i boards[0]",
        "council_goals[1].id: dubblett: id:t 'kf-klimat' används redan i council_goals[0]",
    ]


def test_goal_ids_are_unique_across_boards(loaded):
    data = example()
    data["boards"][0]["goals"] = [{**copy.deepcopy(school(data)["goals"][1]), "responsible": {"organ": "ks"}}]
    assert refused(data) == [
        "boards[1].goals[1].id: dubblett: id:t 'skola-fossilfri' används redan i boards[0].goals[0]",
        # the id names the first goal given with it, which is not the receiver's
        "assignments[0].goal: Målet hör till ett annat organ än mottagaren.",
    ]


def test_invalid_ids_are_refused(loaded):
    data = example()
    school(data)["id"] = "Skolnämnden"
    data["assignments"][0]["id"] = "x" * 61
    assert refused(data) == [
        "boards[1].id: ogiltigt id 'Skolnämnden' (endast små bokstäver a–z, siffror och bindestreck)",
        # what referred to the board by its id now refers to an organ that does not exist
        "boards[1].goals[0].responsible.organ: okänt organ 'skolnamnden'",
        "boards[1].goals[1].responsible.organ: okänt organ 'skolnamnden'",
        "assignments[0].id: id:t är för långt (61 tecken, högst 60)",
        "assignments[0].receiver: okänt organ 'skolnamnden'",
    ]


def test_fourth_goal_for_a_board_and_year_is_refused_with_the_rule_text(loaded):
    data = example()
    goals = school(data)["goals"]
    for n in (3, 4):
        goals.append(
            {**copy.deepcopy(goals[1]), "id": f"skola-extra-{n}", "title": f"Extra {n}", "indicators": []}
        )
    goals.append({**copy.deepcopy(goals[1]), "id": "skola-2025", "year": 2025, "indicators": []})
    assert refused(data) == [
        "boards[1].goals[3]: Skolnämnden har redan 3 mål för 2024. En nämnd får ha högst 3 mål per planår "
        "(styrmodellens regel 1)."
    ]


def test_goal_limit_comes_from_the_file(loaded):
    data = example()
    data["municipality"]["max_goals_per_organ"] = 1
    assert refused(data) == [
        "boards[1].goals[1]: Skolnämnden har redan 1 mål för 2024. En nämnd får ha högst 1 mål per planår "
        "(styrmodellens regel 1)."
    ]


def test_years_outside_the_term_are_refused(loaded):
    data = example()
    school(data)["goals"][1]["year"] = 2027
    school(data)["goals"][0]["indicators"][0]["targets"][2030] = 95
    data["council_goals"][0]["year"] = 2022
    assert refused(data) == [
        "boards[1].goals[0].indicators[0].targets.2030: målvärdet för 2030 ligger utanför mandatperioden "
        "2023–2026",
        "boards[1].goals[1].year: Planåret 2027 ligger utanför mandatperioden 2023–2026.",
        "council_goals[0].year: Planåret 2022 ligger utanför mandatperioden 2023–2026.",
    ]


def test_terms_must_not_overlap_or_run_backwards(loaded):
    data = example()
    data["terms"].append({"start_year": 2026, "end_year": 2029})
    data["terms"].append({"start_year": 2035, "end_year": 2031})
    assert refused(data) == [
        "terms[1].start_year: mandatperioden 2026–2029 överlappar mandatperioden 2023–2026 (terms[0])",
        "terms[2].end_year: sista planåret 2031 ligger före det första, 2035",
    ]


def test_invalid_enum_values_list_the_allowed_ones(loaded):
    data = example()
    data["organs"][0]["kind"] = "board"
    school(data)["kind"] = "nämnd"
    school(data)["goals"][0]["status"] = "beslutad"
    school(data)["goals"][0]["indicators"][0]["direction"] = "up"
    data["assignments"][0]["status"] = "klar"
    data["steering_documents"][0]["type"] = "plan"
    assert refused(data) == [
        "organs[0].kind: ogiltigt värde 'board' (tillåtna värden: kf, joint, administration, unit); "
        "organ som sätter mål (ks, board, company) står under boards",
        "boards[1].kind: ogiltigt värde 'nämnd' (tillåtna värden: ks, board, company); "
        "organ som inte sätter mål står under organs",
        "boards[1].goals[0].status: ogiltigt värde 'beslutad' (tillåtna värden: draft, ready)",
        "boards[1].goals[0].indicators[0].direction: ogiltigt värde 'up' (tillåtna värden: higher, lower)",
        "assignments[0].status: ogiltigt värde 'klar' (tillåtna värden: not_started, ongoing, reported, closed)",
        "steering_documents[0].type: ogiltigt värde 'plan' (tillåtna värden: program, policy, handlingsplan, "
        "riktlinje)",
    ]


def test_invalid_kolada_ids_are_refused(loaded):
    data = example()
    school(data)["goals"][0]["indicators"][0]["kolada"] = "N1542"
    data["municipality"]["kolada_id"] = "126"
    assert refused(data) == [
        "municipality.kolada_id: ogiltigt kommun-id i Kolada '126' (fyra siffror, t.ex. '1980')",
        "boards[1].goals[0].indicators[0].kolada: ogiltigt Kolada-id 'N1542' (ett Kolada-id ser ut som "
        "N15419 eller U23401)",
    ]


def test_parent_cycle_is_refused_once(loaded):
    data = example()
    data["organs"][0]["parent"] = "skolnamnden"
    school(data)["parent"] = "ks"
    assert refused(data) == ["organs[0].parent: organen bildar en cirkel: kf → skolnamnden → ks → kf"]


def test_organ_that_is_its_own_parent_is_a_cycle(loaded):
    data = example()
    data["boards"][0]["parent"] = "ks"
    assert refused(data) == ["boards[0].parent: organen bildar en cirkel: ks → ks"]


def test_assignment_rules_of_the_model_apply(loaded):
    data = example()
    data["assignments"][0]["giver"] = "skolnamnden"
    data["assignments"].append({**copy.deepcopy(data["assignments"][0]), "id": "annat", "receiver": "ks"})
    data["assignments"][1]["giver"] = "kf"
    assert refused(data) == [
        "assignments[0].receiver: Ett uppdrag ges till ett annat organ än uppdragsgivaren.",
        "assignments[1].goal: Målet hör till ett annat organ än mottagaren.",
    ]


def test_ready_goal_must_meet_rule_4(loaded):
    data = example()
    goal = school(data)["goals"][0]
    del goal["rationale"]
    goal["indicators"][0].pop("targets")
    assert refused(data) == [
        "boards[1].goals[0].status: Målet kan inte sättas till ”upprättad”: Målet saknar en motivering "
        "i klartext. Inget av målets nyckeltal har ett målvärde."
    ]


def test_numbers_must_fit_the_database(loaded):
    data = example()
    values = school(data)["goals"][0]["indicators"][0]["values"]
    values[2021] = 83.123
    values[2022] = 10**13
    values["tjugo"] = 1
    values[1066] = 1
    assert refused(data) == [
        "boards[1].goals[0].indicators[0].values.2021: för många decimaler i 83.123 (högst två)",
        "boards[1].goals[0].indicators[0].values.2022: talet 10000000000000 är för stort (högst 12 siffror "
        "före decimaltecknet)",
        "boards[1].goals[0].indicators[0].values.tjugo: förväntade ett årtal som nyckel, fick en text ('tjugo')",
        "boards[1].goals[0].indicators[0].values.1066: orimligt årtal 1066",
    ]


def test_text_longer_than_the_field_is_refused(loaded):
    data = example()
    school(data)["goals"][0]["title"] = "å" * 301
    assert refused(data) == ["boards[1].goals[0].title: texten är för lång (301 tecken, högst 300)"]


def test_unknown_schema_version_is_refused(loaded):
    data = example()
    data["schema"] = 2
    assert refused(data) == ["schema: okänd schemaversion 2 (Styrkraft läser version 1)"]


# --- Dump and roundtrip ----------------------------------------------------------------------------


def roundtrip(data: dict, *, year=None) -> tuple[str, str]:
    municipality = model_file_load(actor="test", data=data)
    first = dump_yaml(model_file_dump(municipality, year=year))
    municipality = model_file_load(actor="test", data=parse_model_file(first), replace=True)
    second = dump_yaml(model_file_dump(municipality, year=year))
    return first, second


def test_example_roundtrips(db):
    first, second = roundtrip(example())
    assert first == second
    expected = example()
    del expected["steering_documents"][0]["status"]  # the default, which a dump leaves out
    assert parse_model_file(first) == expected


def generated(boards: int = 8, years=range(2010, 2025)) -> dict:
    """A bigger municipality than the example, in the model-file form, with every optional key used."""
    data = example()
    data["municipality"].update(id="storre", name="Större kommun", demo=False)
    data["terms"].append(
        {
            "start_year": 2027,
            "end_year": 2030,
            "political_intent": {
                "title": "Nästa mandatperiod",
                "text": "Fortsatt arbete.",
                "target_areas": [{"id": "jobb", "title": "Jobb", "sdg_goals": [8, 9], "commitments": []}],
            },
        }
    )
    data["organs"].append(
        {"id": "forvaltning", "name": "Förvaltningen", "kind": "administration", "parent": "ks"}
    )
    for b in range(boards):
        goals = []
        for g, (area, year) in enumerate([("social", 2024), ("klimat", 2024), ("jobb", 2027)]):
            goals.append(
                {
                    "id": f"namnd-{b}-mal-{g}",
                    "year": year,
                    "title": f"Mål {g} för nämnd {b}",
                    "rationale": "Därför.",
                    "target_area": area,
                    "council_goals": ["kf-klimat"] if area == "klimat" else [],
                    "sdg_targets": ["4.1", "4.a"] if area == "social" else [],
                    "responsible": {"person": "Direktör"},
                    "demo": b % 2 == 0,
                    "indicators": [
                        {
                            "id": f"n-{g}-{i}",
                            "title": f"Nyckeltal {i}",
                            "direction": "lower" if i else "higher",
                            "baseline": {"year": 2022, "value": 10 + i},
                            "values": {y: round(b + g + i + (y - 2000) * 1.25, 2) for y in years},
                            "targets": {year: 20.5},
                        }
                        for i in range(3)
                    ],
                }
            )
        data["boards"].append(
            {
                "id": f"namnd-{b}",
                "name": f"Nämnd {b}",
                "kind": "company" if b == 0 else "board",
                "parent": "kf",
                "goals": goals,
                "indicators": [
                    {"id": "egen", "title": "Eget nyckeltal", "direction": "higher", "values": {2020: 1}}
                ],
            }
        )
        data["assignments"].append(
            {
                "id": f"uppdrag-{b}",
                "year": 2024 if b % 2 else 2025,
                "title": f"Uppdrag {b}",
                "giver": "ks",
                "receiver": f"namnd-{b}",
                "goal": f"namnd-{b}-mal-0",
                "demo": True,
            }
        )
    return data


def test_generated_municipality_roundtrips(db):
    data = generated()
    assert validate_model_file(data) == []
    first, second = roundtrip(data)
    assert first == second
    assert (IndicatorValue.objects.count(), Goal.objects.count(), Indicator.objects.count()) == (
        4 + 8 * 3 * 3 * 15 + 8,
        2 + 8 * 3,
        2 + 8 * 3 * 3 + 8,
    )


def test_dump_of_one_year_keeps_that_years_goals_and_all_values(db):
    first, second = roundtrip(generated(boards=2), year=2024)
    assert first == second
    dumped = parse_model_file(first)
    assert [g["id"] for b in dumped["boards"] for g in b["goals"]] == [
        "skola-behorighet",
        "skola-fossilfri",
        "namnd-0-mal-0",
        "namnd-0-mal-1",
        "namnd-1-mal-0",
        "namnd-1-mal-1",
    ]
    assert [a["id"] for a in dumped["assignments"]] == ["skolskjuts", "uppdrag-1"]
    assert [c["id"] for c in dumped["council_goals"]] == ["kf-klimat"]
    assert len(dumped["boards"][2]["goals"][0]["indicators"][0]["values"]) == 15
    assert [t["start_year"] for t in dumped["terms"]] == [2023, 2027]


def test_documentation_holds_the_example_verbatim():
    doc = (EXAMPLE.parents[1] / "model-file.md").read_text(encoding="utf-8")
    assert "```yaml\n" + EXAMPLE.read_text(encoding="utf-8") + "```\n" in doc


def test_a_plan_year_decision_loads_the_years_goals_decided_and_public(db):
    data = example()
    school(data)["decisions"] = [
        {"year": 2024, "date": "2023-12-14", "paragraph": "112", "case_number": "GSN 2023/45"}
    ]
    municipality = model_file_load(actor="test", data=data)
    goals = Goal.objects.filter(organ__municipality=municipality, organ__slug=school(data)["id"])
    assert {(g.record_state, g.is_public, str(g.decision)) for g in goals} == {
        ("decided", True, f"{school(data)['name']}, 2023-12-14, § 112, dnr GSN 2023/45")
    }
    indicators = Indicator.objects.filter(goal__in=goals)
    assert {(i.targets_state, i.targets_decision_id) for i in indicators} == {
        ("decided", goals[0].decision_id)
    }
    dumped = model_file_dump(municipality)
    board = next(b for b in dumped["boards"] if b["id"] == school(data)["id"])
    assert board["decisions"] == [
        {"year": 2024, "date": datetime.date(2023, 12, 14), "paragraph": "112", "case_number": "GSN 2023/45"}
    ]
    assert all("status" not in goal for goal in board["goals"])


def test_plan_year_decision_refusals(loaded):
    data = example()
    school(data)["decisions"] = [{"year": 2024, "date": "2023-12-14"}, {"year": 2024, "date": "2024-01-10"}]
    school(data)["goals"][0]["status"] = "draft"
    data["assignments"][0]["state"] = "decided"
    data["assignments"][0]["public"] = "ja"
    assert refused(data) == [
        "boards[1].decisions[1].year: planåret 2024 har redan ett beslut",
        "boards[1].goals[0].status: planåret 2024 är beslutat (decisions); ett mål i det kan inte vara ett utkast",
        "assignments[0].public: förväntade true eller false, fick en text ('ja')",
        "assignments[0].state: ett beslutat uppdrag behöver decision (beslutande organ och datum)",
    ]


def test_a_dump_holds_the_version_in_force_of_each_item(db):
    from styrkraft.steering import states, versions

    data = example()
    school(data)["decisions"] = [{"year": 2024, "date": "2023-12-14"}]
    data["assignments"][0]["decision"] = {"body": "kf", "date": "2024-01-10"}
    municipality = model_file_load(actor="test", data=data)
    before = model_file_dump(municipality)
    goal = Goal.objects.filter(organ__slug=school(data)["id"]).first()
    versions.goal_new_version(actor="test", goal=goal)
    assignment = Assignment.objects.get(code=data["assignments"][0]["id"])
    new = versions.assignment_new_version(actor="test", assignment=assignment)
    assert model_file_dump(municipality) == before  # new versions in the works are not in the file

    states.assignment_set_state(actor="test", assignment=new, state="ready", expected_version=1)
    states.assignment_decide(
        actor="test",
        assignment=new,
        body=goal.organ.parent,
        decided_on=datetime.date(2024, 5, 2),
        expected_version=2,
    )
    dumped = model_file_dump(municipality)
    assert [a["id"] for a in dumped["assignments"]] == [new.code]  # the replaced one is left out
    reloaded = model_file_load(actor="test", data=parse_model_file(dump_yaml(dumped)), replace=True)
    assert Assignment.objects.filter(municipality=reloaded).count() == 1
    assert Goal.objects.filter(organ__municipality=reloaded, supersedes__isnull=False).count() == 0


def test_a_year_written_with_other_digits_is_refused_not_crashed(loaded):
    """'²' passes Python's isdigit() but is no year: a problem with its place, not a crash."""
    data = example()
    school(data)["goals"][0]["indicators"][0]["targets"]["²"] = 95
    assert refused(data) == [
        "boards[1].goals[0].indicators[0].targets.²: förväntade ett årtal som nyckel, fick en text ('²')"
    ]


def test_the_loader_applies_the_limits_of_texts_decision_references_and_dates(loaded):
    """The same limits as the forms and services (issue 8, point 7), each with its place in the file."""
    data = example()
    data["terms"][0]["political_intent"]["decision"]["paragraph"] = "-5"
    data["terms"][0]["political_intent"]["decision"]["case_number"] = "okänt"
    school(data)["goals"][0]["rationale"] = "x" * 4001
    data["assignments"][0]["deadline"] = datetime.date(2023, 1, 1)
    data["steering_documents"][0]["next_review"] = datetime.date(2022, 1, 1)
    data["terms"][0]["political_intent"]["decision"]["date"] = datetime.date(1900, 1, 1)
    school(data)["decisions"] = [{"year": 2024, "date": datetime.date(2025, 2, 1), "paragraph": "12"}]
    assert refused(data) == [
        "terms[0].political_intent.decision.date: 1900-01-01 är inget rimligt datum; det ska ligga mellan "
        "1971-01-01 och 2099-12-31.",
        "terms[0].political_intent.decision.paragraph: Paragrafen är ett positivt heltal, till exempel 212.",
        "terms[0].political_intent.decision.case_number: Diarienumret skrivs med bokstäver, siffror, mellanslag "
        "och . / : - och innehåller en siffra, till exempel KS 2023/00456.",
        "boards[1].decisions[0].date: Beslutsdatumet 2025-02-01 passar inte planåret 2024: målen för ett "
        "planår beslutas tidigast 2022-01-01 och senast 2024-12-31.",
        "boards[1].goals[0].rationale: texten är för lång (4001 tecken, högst 4000)",
        "assignments[0].deadline: Slutdatumet 2023-01-01 ligger före planåret 2024 som uppdraget hör till.",
        "steering_documents[0].next_review: Nästa översyn (2022-01-01) ska ligga efter beslutsdatumet "
        "2022-06-09.",
    ]
