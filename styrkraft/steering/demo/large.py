"""A generated Göteborg-size municipality, "Storstad", for scale tests and `make bench`.

`build_large_model(seed)` returns a dict in the model-file format (docs/model-file.md), the same
format `styrkraft load` reads from YAML, so the large municipality goes through the same loader and
the same validation as any other. The result depends only on the seed (random.Random(seed)).

Counts (docs/bench.md): 71 organs, of which 60 set goals (Kommunstyrelsen, 37 boards, 22 companies
in a parent chain under Storstad Stadshus AB) and 11 do not (Kommunfullmäktige, 6 administrations,
4 units); 3 goals for plan year 2024 per goal-setting organ = 180 goals; 2,000 indicators with values
for the 15 years 2010-2024, a baseline and targets; 1,000 assignments; 12 steering documents; a
political intent with 3 target areas and 12 commitments; 6 council goals.
"""

import datetime
import random

from styrkraft.steering.demo.large_data import (
    ADMINISTRATION_MANDATES,
    ADMINISTRATIONS,
    ASSIGNMENT_STATUSES,
    ASSIGNMENT_TOPICS,
    ASSIGNMENT_VERBS,
    BOARDS,
    COMPANIES,
    COUNCIL,
    COUNCIL_GOALS,
    EXECUTIVE,
    GOAL_TITLES,
    HOLDING,
    INDICATOR_POOL,
    RATIONALES,
    REPORT_BACKS,
    RESPONSIBLE_ROLES,
    STEERING_DOCUMENTS,
    TARGET_AREAS,
)

PLAN_YEAR = 2024
VALUE_YEARS = range(2010, 2025)  # 15 years of values
BASELINE_YEAR = 2022
TARGET_YEARS = (2024, 2026)
TERM = (2023, 2026)

GOALS_PER_ORGAN = 3
INDICATORS_TOTAL = 2000
ASSIGNMENTS_TOTAL = 1000


def _goal_setting_organs() -> list[dict]:
    organs = [
        {
            "id": EXECUTIVE,
            "name": "Kommunstyrelsen",
            "kind": "ks",
            "parent": COUNCIL,
            "mandate": "Leder och samordnar stadens verksamhet och har uppsikt över nämnder och bolag.",
        }
    ]
    for slug, name in BOARDS:
        organs.append(
            {
                "id": slug,
                "name": name,
                "kind": "board",
                "parent": COUNCIL,
                "mandate": f"{name} ansvarar för de uppgifter som kommunfullmäktige gett nämnden i dess "
                "reglemente. (Genererat demoinnehåll.)",
            }
        )
    for slug, name, parent in COMPANIES:
        organs.append(
            {
                "id": slug,
                "name": name,
                "kind": "company",
                "parent": parent,
                "mandate": f"{name} verkar enligt ägardirektivet från Storstad och bidrar till stadens "
                "mål. (Genererat demoinnehåll.)",
            }
        )
    return organs


def _series(rng: random.Random, level: float, direction: str) -> dict[int, float]:
    """15 years of values: a random walk that drifts slowly in the better direction."""
    drift = (0.01 if direction == "higher" else -0.01) * level
    value = level * rng.uniform(0.8, 1.2)
    series = {}
    for year in VALUE_YEARS:
        series[year] = round(max(value, 0.1), 1)
        value += drift * rng.uniform(-0.5, 1.5) + level * rng.uniform(-0.03, 0.03)
    return series


def _clamp_percent(series: dict[int, float]) -> dict[int, float]:
    return {year: min(value, 100.0) for year, value in series.items()}


def _indicator(rng: random.Random, *, code: str, spec: tuple) -> dict:
    title, unit, direction, level = spec
    values = _series(rng, level, direction)
    if unit == "%":
        values = _clamp_percent(values)
    baseline = values[BASELINE_YEAR]
    step = 0.05 if direction == "higher" else -0.05
    targets = {}
    for i, year in enumerate(TARGET_YEARS, start=1):
        target = round(baseline * (1 + step * i), 1)
        targets[year] = min(target, 100.0) if unit == "%" else target
    return {
        "id": code,
        "title": title,
        "unit": unit,
        "direction": direction,
        "baseline": {"year": BASELINE_YEAR, "value": baseline},
        "values": values,
        "targets": targets,
    }


def _indicator_counts(goal_count: int) -> list[int]:
    """How many indicators each goal gets, so that they add up to INDICATORS_TOTAL."""
    base, extra = divmod(INDICATORS_TOTAL, goal_count)
    return [base + 1 if i < extra else base for i in range(goal_count)]


def build_large_model(seed: int = 2026) -> dict:
    """The model-file dict of the generated Göteborg-size municipality "Storstad"."""
    rng = random.Random(seed)
    area_codes = [code for code, _title, _sdg, _commitments in TARGET_AREAS]
    commitments_by_area = {
        code: [f"{code}-{n}" for n in range(1, len(texts) + 1)] for code, _t, _s, texts in TARGET_AREAS
    }

    council_goals = []
    council_goals_by_area: dict[str, list[str]] = {code: [] for code in area_codes}
    for code, titles in COUNCIL_GOALS.items():
        for n, title in enumerate(titles, start=1):
            goal_id = f"kf-{code}-{n}"
            council_goals.append({"id": goal_id, "year": PLAN_YEAR, "title": title, "target_area": code})
            council_goals_by_area[code].append(goal_id)

    boards = _goal_setting_organs()
    goal_slots = [(organ, n) for organ in boards for n in range(GOALS_PER_ORGAN)]
    indicator_counts = _indicator_counts(len(goal_slots))
    goals_by_organ: dict[str, list[str]] = {}
    slot = 0
    for organ in boards:
        # Three goals over at least two target areas: two areas drawn, the third goal in any area.
        first, second = rng.sample(area_codes, 2)
        areas = [first, second, rng.choice(area_codes)]
        organ_goals = []
        used_titles: dict[str, list[str]] = {}
        for n, area in enumerate(areas, start=1):
            title = rng.choice([t for t in GOAL_TITLES[area] if t not in used_titles.get(area, [])])
            used_titles.setdefault(area, []).append(title)
            goal_id = f"{organ['id']}-mal-{n}"
            specs = rng.sample(INDICATOR_POOL[area], indicator_counts[slot])
            slot += 1
            organ_goals.append(
                {
                    "id": goal_id,
                    "year": PLAN_YEAR,
                    "title": title,
                    "rationale": RATIONALES[area],
                    "target_area": area,
                    "commitments": sorted(rng.sample(commitments_by_area[area], 2)),
                    "council_goals": [rng.choice(council_goals_by_area[area])],
                    "responsible": {"organ": organ["id"], "person": rng.choice(RESPONSIBLE_ROLES)},
                    "status": "ready",
                    "indicators": [
                        _indicator(rng, code=f"{goal_id}-nt-{i}", spec=spec)
                        for i, spec in enumerate(specs, start=1)
                    ],
                }
            )
        organ["goals"] = organ_goals
        goals_by_organ[organ["id"]] = [g["id"] for g in organ_goals]

    organs = [{"id": COUNCIL, "name": "Kommunfullmäktige", "kind": "kf"}]
    for slug, name, kind, parent in ADMINISTRATIONS:
        organs.append(
            {
                "id": slug,
                "name": name,
                "kind": kind,
                "parent": parent,
                "mandate": f"{ADMINISTRATION_MANDATES[slug]} (Genererat demoinnehåll.)",
            }
        )

    assignments = _assignments(rng, boards, goals_by_organ)

    steering_documents = []
    for code, title, doc_type, owner in STEERING_DOCUMENTS:
        decided_on = datetime.date(rng.randint(2019, 2023), rng.randint(1, 12), rng.randint(1, 28))
        steering_documents.append(
            {
                "id": code,
                "title": title,
                "type": doc_type,
                "owner": owner,
                "decided_by": COUNCIL,
                "decided_on": decided_on,
                "next_review": decided_on.replace(year=decided_on.year + 4),
                "status": "in_force",
            }
        )

    return {
        "schema": 1,
        "municipality": {
            "id": "storstad",
            "name": "Storstad (genererad)",
            "kolada_id": "1480",
            "max_goals_per_organ": GOALS_PER_ORGAN,
            "min_target_areas": 2,
            "demo": True,
        },
        "vision": {
            "title": "Storstad 2035 – en stad för alla",
            "text": "En genererad storstad för skalprov: en hållbar, trygg och växande stad.",
        },
        "terms": [
            {
                "start_year": TERM[0],
                "end_year": TERM[1],
                "political_intent": {
                    "title": "Politisk viljeinriktning för mandatperioden",
                    "decision": {
                        "body": COUNCIL,
                        "date": datetime.date(2023, 4, 20),
                        "paragraph": "112",
                        "case_number": "KS 2023/00412",
                    },
                    "target_areas": [
                        {
                            "id": code,
                            "title": title,
                            "sdg_goals": sdg,
                            "commitments": [
                                {"id": f"{code}-{n}", "text": text} for n, text in enumerate(texts, start=1)
                            ],
                        }
                        for code, title, sdg, texts in TARGET_AREAS
                    ],
                },
            }
        ],
        "organs": organs,
        "boards": boards,
        "council_goals": council_goals,
        "assignments": assignments,
        "steering_documents": steering_documents,
    }


def _assignments(rng: random.Random, boards: list[dict], goals_by_organ: dict[str, list[str]]) -> list[dict]:
    """1,000 targeted assignments: from KF and KS to boards and companies, from the group's parent
    company to the companies, and from boards to their administrations."""
    board_ids = [o["id"] for o in boards if o["kind"] == "board"]
    company_ids = [o["id"] for o in boards if o["kind"] == "company" and o["id"] != HOLDING]
    goal_setting = [o["id"] for o in boards]
    administrations = [
        (slug, parent) for slug, _n, kind, parent in ADMINISTRATIONS if kind == "administration"
    ]
    assignments = []
    for n in range(1, ASSIGNMENTS_TOTAL + 1):
        roll = rng.random()
        if roll < 0.2:
            giver, receiver = COUNCIL, rng.choice(goal_setting)
        elif roll < 0.7:
            giver, receiver = EXECUTIVE, rng.choice(board_ids + company_ids)
        elif roll < 0.85:
            giver, receiver = HOLDING, rng.choice(company_ids)
        else:
            receiver, giver = rng.choice(administrations)
        goal = None
        if receiver in goals_by_organ and rng.random() < 0.6:
            goal = rng.choice(goals_by_organ[receiver])
        deadline = datetime.date(PLAN_YEAR + rng.randint(0, 1), rng.randint(1, 12), rng.randint(1, 28))
        topic = rng.choice(ASSIGNMENT_TOPICS)
        verb = rng.choice(ASSIGNMENT_VERBS)
        assignment = {
            "id": f"uppdrag-{n:04d}",
            "year": PLAN_YEAR,
            "title": f"{verb} {topic}",
            "description": f"{verb} {topic} och redovisa resultatet med förslag på fortsatt arbete.",
            "giver": giver,
            "receiver": receiver,
            "deadline": deadline,
            "report_back": rng.choice(REPORT_BACKS),
            "status": rng.choice(ASSIGNMENT_STATUSES),
        }
        if goal:
            assignment["goal"] = goal
        assignments.append(assignment)
    return assignments
