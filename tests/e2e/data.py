"""The small municipality the browser tests look at, built in the live server's database."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from styrkraft.indicators.models import Indicator
from styrkraft.org.models import Municipality, Organ
from styrkraft.steering.models import Assignment, Goal
from tests import factories as f


@dataclass
class SmallWorld:
    municipality: Municipality
    board: Organ  # a board with two goals for 2024, edited by `editor`
    goal: Goal
    indicator: Indicator
    assignment: Assignment
    editor: object  # a user with the editor role on `board`
    year: int = 2024


def build_small_world() -> SmallWorld:
    """Liten kommun: two target areas, KF, KS and one board with two goals (each with an indicator that
    has values, a baseline and targets), an assignment from KS and a steering document."""
    municipality = f.MunicipalityFactory(name="Liten kommun", slug="liten", kolada_id="1267", is_demo=True)
    f.VisionFactory(municipality=municipality, title="Liten kommun – nära och hållbar")
    term = f.TermFactory(municipality=municipality, start_year=2023, end_year=2026)
    intent = f.PoliticalIntentFactory(term=term)
    climate = f.TargetAreaFactory(
        intent=intent, code="klimat", title="En klimatsmart och ekologiskt hållbar kommun", order=1
    )
    social = f.TargetAreaFactory(
        intent=intent, code="social", title="En jämlik, trygg och socialt hållbar kommun", order=2
    )
    f.CommitmentFactory(target_area=climate, code="klimat-1", text="Minskar kommunens fossilberoende.")
    f.CommitmentFactory(
        target_area=social,
        code="social-1",
        text="Ökar möjligheten till stöd och lärande för alla barn och unga.",
    )
    council = f.OrganFactory(
        municipality=municipality, slug="kf", name="Kommunfullmäktige", kind=Organ.Kind.COUNCIL, mandate=""
    )
    executive = f.OrganFactory(
        municipality=municipality,
        slug="ks",
        name="Kommunstyrelsen",
        kind=Organ.Kind.EXECUTIVE,
        parent=council,
        mandate="Leder och samordnar kommunens verksamhet.",
        order=1,
    )
    board = f.OrganFactory(
        municipality=municipality,
        slug="skolnamnden",
        name="Skolnämnden",
        kind=Organ.Kind.BOARD,
        parent=council,
        mandate="Ansvarar för förskola och grundskola.",
        order=2,
    )
    f.CouncilGoalFactory(
        municipality=municipality,
        code="kf-klimat",
        title="Kommunens verksamheter är fossilfria 2030",
        target_area=climate,
    )
    goal = f.GoalFactory(
        organ=board,
        code="skola-behorighet",
        title="Fler elever är behöriga till gymnasiet",
        rationale="Behörighet är grunden för fortsatta studier och arbete.",
        target_area=social,
        responsible_person="Skoldirektör",
        status=Goal.Status.READY,
        order=0,
    )
    indicator = f.IndicatorFactory(
        goal=goal,
        code="n15428",
        title="Elever i åk 9 som är behöriga till yrkesprogram, hemkommun, andel (%)",
        source=Indicator.Source.KOLADA,
        kolada_id="N15428",
        baseline_year=2022,
        baseline_value=Decimal("84.1"),
    )
    for year, value in ((2021, "83.0"), (2022, "84.1"), (2023, "85.2")):
        f.IndicatorValueFactory(indicator=indicator, year=year, value=Decimal(value))
    f.IndicatorTargetFactory(indicator=indicator, year=2024, value=Decimal("87"))
    f.IndicatorTargetFactory(indicator=indicator, year=2026, value=Decimal("90"))
    transport_goal = f.GoalFactory(
        organ=board,
        code="skola-fossilfri",
        title="Skolans transporter blir fossilfria",
        rationale="Skolskjutsar och måltidstransporter står för en stor del av nämndens utsläpp.",
        target_area=climate,
        responsible_person="Fordonssamordnare",
        order=1,
    )
    transport = f.IndicatorFactory(
        goal=transport_goal,
        code="fossilfria-transporter",
        title="Andel fossilfria skoltransporter (%)",
        baseline_year=2023,
        baseline_value=Decimal("40"),
    )
    f.IndicatorValueFactory(indicator=transport, year=2023, value=Decimal("40"))
    f.IndicatorTargetFactory(indicator=transport, year=2026, value=Decimal("100"))
    assignment = f.AssignmentFactory(
        giver=executive,
        receiver=board,
        code="skolskjuts",
        title="Utred fossilfri skolskjuts",
        description="Ta fram en plan för fossilfria skolskjutsar.",
        deadline=datetime.date(2024, 10, 31),
        report_back="Till kommunstyrelsen i delårsrapporten",
        goal=transport_goal,
        status=Assignment.Status.ONGOING,
    )
    f.SteeringDocumentFactory(
        owner=executive,
        decided_by=council,
        code="miljoprogram",
        title="Miljöprogram",
        next_review=datetime.date(2026, 6, 30),
    )
    editor = f.OrganRoleFactory(organ=board, user__username="redaktor-skola").user
    return SmallWorld(
        municipality=municipality,
        board=board,
        goal=goal,
        indicator=indicator,
        assignment=assignment,
        editor=editor,
    )
