"""The Västerås demo model file (styrkraft/steering/demo/vasteras.yaml), loaded through the loader:
the public parts equal the seed's wording, every board and company follows the model's rules, the
Kolada indicators carry Kolada's exact titles, and the chain has no error finding for 2024."""

import datetime
import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

import styrkraft.steering.demo
from styrkraft.indicators.models import Indicator
from styrkraft.kolada.models import KoladaArea, KoladaKpi, KoladaSync, KoladaValue
from styrkraft.org.models import Organ
from styrkraft.steering.modelfile import model_file_load, parse_model_file, validate_model_file
from styrkraft.steering.models import Assignment, Goal, RecordState, SteeringDocument, TargetArea, Vision
from styrkraft.steering.rules import findings_for_year

DEMO_FILE = Path(styrkraft.steering.demo.__file__).with_name("vasteras.yaml")
KPI_GROUPS = Path(__file__).resolve().parents[2] / "styrkraft" / "kolada" / "data" / "kpi_groups.json"

# Verbatim from the seed (the deck "Ny styrmodell 2024", slides "Politisk viljeinriktning beslutad av
# KF 2023-04-13"), each bullet's broken lines joined into one sentence.
EXPECTED_INTENT = [
    (
        "En klimatsmart och ekologiskt hållbar kommun",
        [
            "Ökar framkomligheten och tillgängligheten i gång-, cykel och kollektivtrafiken i hela kommunen.",
            "Främjas stadsgrönska och andra ekosystemtjänster samtidigt som den biologiska mångfalden ökar.",
            "Skapas mer jämlika förutsättningar för att leva hållbart.",
            "Minskar Västerås stads fossilberoende för att bli en fossilfri kommunal organisation år 2030.",
        ],
    ),
    (
        "En jämlik, trygg och socialt hållbar kommun",
        [
            "Ökar möjligheten till stöd och lärande för att alla barn och unga ska lyckas och känna framtidstro.",
            "Stärks kommunens förebyggande och trygghetsskapande arbete tillsammans med civilsamhället och "
            "näringslivet.",
            "Ökar tillgången till ett rikt kultur-, idrotts och föreningsliv med fokus på de västra stadsdelarna.",
            "Skapas bättre förutsättningar för att bygga bostäder och samhällsfastigheter mer "
            "kostnadseffektivt, hållbart och tillgängligt.",
        ],
    ),
    (
        "En kommun med hög sysselsättning, goda arbetsvillkor och ett starkt näringsliv",
        [
            "Skapas bättre förutsättningar för människor att komma i egen försörjning.",
            "Ökar kommunens samverkan med utbildningsaktörer för att stärka arbetsmarknadens "
            "kompetensförsörjning.",
            "Förbättras arbetsmiljön och villkoren för stadens anställda för att höja verksamhetens kvalitet.",
            "Bidrar kommunen till ett starkare och mer blomstrande näringsliv med fokus på små och medelstora "
            "företag.",
        ],
    ),
]

# The boards of DOMAIN.md's "Västerås facts" (the current ones) and the companies.
EXPECTED_GOAL_SETTERS = {
    "Kommunstyrelsen",
    "Valnämnden",
    "Överförmyndarnämnden",
    "Äldrenämnden",
    "Nämnden för personer med funktionsnedsättning",
    "Kulturnämnden",
    "Förskolenämnden",
    "Grundskolenämnden",
    "Utbildningsnämnden",
    "Fastighetsnämnden",
    "Byggnadsnämnden",
    "Miljö- och konsumentnämnden",
    "Arbetsmarknadsnämnden",
    "Skultuna kommundelsnämnd",
    "Västerås Stadshus AB",
    "Mälarenergi AB",
    "Bostads AB Mimer",
}


@pytest.fixture
def vasteras(db):
    data = parse_model_file(DEMO_FILE.read_text(encoding="utf-8"))
    return model_file_load(actor="test", data=data)


def test_demo_file_validates_without_problems(db):
    data = parse_model_file(DEMO_FILE.read_text(encoding="utf-8"))

    assert validate_model_file(data) == []


def test_demo_vision_and_political_intent_match_the_seed(vasteras):
    assert Vision.objects.get(municipality=vasteras).title == "Vision 2026 – Staden utan gränser"
    term = vasteras.terms.get()
    assert (term.start_year, term.end_year) == (2023, 2026)
    intent = term.political_intent
    assert (intent.decision.body.slug, intent.decision.decided_on) == ("kf", datetime.date(2023, 4, 13))
    assert (intent.decision.paragraph, intent.decision.case_number) == ("", "")  # not in the public sources
    areas = TargetArea.objects.filter(intent=intent).prefetch_related("commitments")
    assert [(a.title, [c.text for c in a.commitments.all()]) for a in areas] == EXPECTED_INTENT


def test_demo_municipality_settings(vasteras):
    assert (vasteras.slug, vasteras.name, vasteras.kolada_id) == ("vasteras", "Västerås stad", "1980")
    assert (vasteras.max_goals_per_organ, vasteras.min_target_areas, vasteras.is_demo) == (3, 2, True)


def test_demo_every_board_and_company_has_three_decided_goals_over_two_target_areas(vasteras):
    organs = vasteras.organs.filter(kind__in=Organ.GOAL_SETTING_KINDS)
    assert {o.name for o in organs} == EXPECTED_GOAL_SETTERS
    for organ in organs:
        goals = list(Goal.objects.filter(organ=organ, year=2024))
        assert len(goals) == 3, organ.name
        assert len({g.target_area_id for g in goals}) >= 2, organ.name
        for goal in goals:
            assert (goal.record_state, goal.is_public, goal.responsible_organ_id, goal.is_demo) == (
                RecordState.DECIDED,
                True,
                organ.pk,
                True,
            )
            # Decided by the board itself, one decision for the plan year; targets decided with it.
            assert (goal.decision.body_id, goal.decision.decided_on.isoformat()) == (organ.pk, "2023-12-14")
            assert {i.targets_decision_id for i in goal.indicators.all()} == {goal.decision_id}
            assert goal.rationale != "" and goal.responsible_person != "", goal.title
            commitment_areas = {c.target_area_id for c in goal.commitments.all()}
            assert commitment_areas == {goal.target_area_id}, goal.title
            assert 1 <= goal.sdg_goals.count() <= 2, goal.title
            assert 1 <= goal.indicators.count() <= 3, goal.title


def test_demo_kolada_indicators_carry_the_exact_kolada_titles(vasteras):
    if not KPI_GROUPS.exists():
        pytest.skip(f"Kolada's KPI titles are not available here ({KPI_GROUPS} is missing)")
    titles = {
        member["member_id"]: member["member_title"]
        for group in json.loads(KPI_GROUPS.read_text(encoding="utf-8"))
        for member in group["members"]
    }
    indicators = Indicator.objects.filter(organ__municipality=vasteras, source=Indicator.Source.KOLADA)
    assert indicators.count() == 39
    assert [(i.kolada_id, i.title) for i in indicators] == [
        (i.kolada_id, titles.get(i.kolada_id)) for i in indicators
    ]


def test_demo_indicators_have_values_baseline_and_targets_in_their_direction(vasteras):
    indicators = Indicator.objects.filter(organ__municipality=vasteras).prefetch_related("values", "targets")
    assert len(indicators) == 66
    for indicator in indicators:
        values = {v.year: v.value for v in indicator.values.all()}
        targets = {t.year: t.value for t in indicator.targets.all()}
        assert sorted(values) == list(range(2018, 2025)), indicator.title
        assert indicator.baseline_year in (2022, 2023), indicator.title
        assert values[indicator.baseline_year] == indicator.baseline_value, indicator.title
        assert sorted(targets) == [2024, 2025, 2026], indicator.title
        steps = [indicator.baseline_value, targets[2024], targets[2025], targets[2026]]
        if indicator.direction == Indicator.Direction.LOWER:
            steps.reverse()
        assert steps == sorted(steps) and len(set(steps)) == 4, indicator.title


def test_demo_assignments_and_steering_documents(vasteras):
    assignments = Assignment.objects.filter(municipality=vasteras).select_related("goal", "receiver")
    assert len(assignments) == 13
    assert {a.progress for a in assignments} == set(Assignment.Progress.values)
    for assignment in assignments:
        assert assignment.deadline.year in (2024, 2025), assignment.title
        assert assignment.report_back != "", assignment.title
        if assignment.goal is not None:
            assert assignment.goal.organ_id == assignment.receiver_id, assignment.title
    documents = SteeringDocument.objects.filter(municipality=vasteras)
    assert {d.doc_type for d in documents} == set(SteeringDocument.Type.values)
    policy = documents.get(title="Policy för styrning i koncernen")
    assert (policy.doc_type, policy.decision.body.slug, policy.decision.decided_on) == (
        "policy",
        "kf",
        datetime.date(2023, 4, 13),
    )


def test_demo_has_no_error_finding_for_2024(vasteras):
    errors = [f for f in findings_for_year(vasteras, 2024) if f.is_error]

    assert errors == []


def test_a_visitor_sees_the_whole_demo_chain(vasteras, client):
    """The demo's political intent and 2024 goals are decided and public, so a visitor who is not
    signed in still sees all 51 goals, and every assignment and steering document."""
    html = client.get("/?year=2024").content.decode()
    goals = Goal.objects.filter(organ__municipality=vasteras, year=2024)
    assert goals.count() == 51
    assert all(goal.title.replace("&", "&amp;") in html for goal in goals)
    for assignment in Assignment.objects.filter(municipality=vasteras, year=2024):
        assert client.get(f"/uppdrag/{assignment.pk}/").status_code == 200
    for document in SteeringDocument.objects.filter(municipality=vasteras):
        assert document.record_state == "decided"


def test_load_demo_imports_the_shipped_kolada_catalogue_and_values(db, client):
    """`load_demo` brings in the recorded Kolada data offline (the path of `kolada import`): a KPI
    catalogue to search and real values. Västerås (1980) is not in the recorded values, so its own
    outcomes stay the demo's and its indicator pages say what is missing; its peers come from the data."""
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert re.fullmatch(
        r"Kolada-data \(inspelad\): Klart på [\d,]+ s: 13\xa0032 tillagda, 0 ändrade, 0 borttagna, "
        r"0 oförändrade \(0 anrop\)\.",
        out.getvalue().splitlines()[1],
    )
    run = KoladaSync.objects.get()
    assert (run.kind, run.ok, run.added) == (KoladaSync.Kind.IMPORT, True, 13032)
    assert KoladaKpi.objects.count() == 3000
    assert KoladaKpi.objects.get(id="N15428").publ_period != ""  # full metadata from the values file
    assert KoladaArea.objects.get(id="G36128").members[:2] == ["0580", "0581"]
    assert KoladaValue.objects.filter(area="1980").count() == 0
    assert KoladaValue.objects.filter(area="1283", kpi="N15428").count() > 0  # Helsingborg, a peer
    indicator = Indicator.objects.get(organ__municipality__slug="vasteras", kolada_id="N15428")
    assert indicator.values.count() > 0 and indicator.is_demo  # the demo's outcomes are kept
    html = client.get(f"/nyckeltal/{indicator.pk}/").content.decode()
    assert (
        "Kolada-värden för Västerås stad finns inte i den inlästa datan, så placering och värden för "
        "kvinnor och män saknas och utfallen kommer inte från Kolada. Kör <code>styrkraft kolada sync</code>"
    ) in html
    assert "Värden för riket finns inte i den inlästa datan." in html
    assert "medelvärdet bygger på dem (som minst 2 av 7 kommuner)." in html
    assert "<li>Helsingborg</li>" in html
    # The search of the new-indicator form finds KPIs in the catalogue.
    assert KoladaKpi.objects.filter(title__icontains="behöriga").exists()
