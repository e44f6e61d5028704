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

PLAN_YEAR = 2024
VALUE_YEARS = range(2010, 2025)  # 15 years of values
BASELINE_YEAR = 2022
TARGET_YEARS = (2024, 2026)
TERM = (2023, 2026)

GOALS_PER_ORGAN = 3
INDICATORS_TOTAL = 2000
ASSIGNMENTS_TOTAL = 1000

COUNCIL = "kf"
EXECUTIVE = "ks"
HOLDING = "storstad-stadshus"

# (id, name) of the 37 boards; all answer to KF.
BOARDS = [
    ("forskolenamnden", "Förskolenämnden"),
    ("grundskolenamnden", "Grundskolenämnden"),
    ("utbildningsnamnden", "Utbildningsnämnden"),
    ("arbetsmarknadsnamnden", "Nämnden för arbetsmarknad och vuxenutbildning"),
    ("aldrenamnden", "Äldre samt vård- och omsorgsnämnden"),
    ("funktionsstodsnamnden", "Nämnden för funktionsstöd"),
    ("socialnamnden-centrum", "Socialnämnden Centrum"),
    ("socialnamnden-nordost", "Socialnämnden Nordost"),
    ("socialnamnden-sydvast", "Socialnämnden Sydväst"),
    ("socialnamnden-hisingen", "Socialnämnden Hisingen"),
    ("kulturnamnden", "Kulturnämnden"),
    ("idrotts-och-foreningsnamnden", "Idrotts- och föreningsnämnden"),
    ("byggnadsnamnden", "Byggnadsnämnden"),
    ("stadsmiljonamnden", "Stadsmiljönämnden"),
    ("miljo-och-klimatnamnden", "Miljö- och klimatnämnden"),
    ("fastighetsnamnden", "Fastighetsnämnden"),
    ("exploateringsnamnden", "Exploateringsnämnden"),
    ("trafiknamnden", "Trafiknämnden"),
    ("kretslopp-och-vattennamnden", "Kretslopp- och vattennämnden"),
    ("park-och-naturnamnden", "Park- och naturnämnden"),
    ("servicenamnden", "Servicenämnden"),
    ("lokalnamnden", "Lokalnämnden"),
    ("upphandlingsnamnden", "Nämnden för inköp och upphandling"),
    ("demokratinamnden", "Nämnden för demokrati och medborgarservice"),
    ("intraservicenamnden", "Nämnden för intraservice"),
    ("valnamnden", "Valnämnden"),
    ("overformyndarnamnden", "Överförmyndarnämnden"),
    ("arkivnamnden", "Arkivnämnden"),
    ("raddningsnamnden", "Räddningsnämnden"),
    ("stadsdelsnamnden-norr", "Stadsdelsnämnden Norr"),
    ("stadsdelsnamnden-oster", "Stadsdelsnämnden Öster"),
    ("stadsdelsnamnden-soder", "Stadsdelsnämnden Söder"),
    ("stadsdelsnamnden-vaster", "Stadsdelsnämnden Väster"),
    ("stadsdelsnamnden-centrum", "Stadsdelsnämnden Centrum"),
    ("stadsdelsnamnden-hisingen", "Stadsdelsnämnden Hisingen"),
    ("stadsdelsnamnden-skargarden", "Stadsdelsnämnden Skärgården"),
    ("stadsdelsnamnden-alvstaden", "Stadsdelsnämnden Älvstaden"),
]

# (id, name, parent id) of the 22 companies: the group's parent company under KF, its group
# companies, and their subsidiaries.
COMPANIES = [
    (HOLDING, "Storstad Stadshus AB", COUNCIL),
    ("storstad-energi", "Storstad Energi AB", HOLDING),
    ("storstad-energi-nat", "Storstad Energi Nät AB", "storstad-energi"),
    ("storstad-fjarrvarme", "Storstad Fjärrvärme AB", "storstad-energi"),
    ("storstad-stadsnat", "Storstad Stadsnät AB", "storstad-energi"),
    ("storstad-bostader", "Storstads Bostäder AB", HOLDING),
    ("bostadsbolaget-norr", "Bostadsbolaget Norr AB", "storstad-bostader"),
    ("bostadsbolaget-soder", "Bostadsbolaget Söder AB", "storstad-bostader"),
    ("bostadsbolaget-hisingen", "Bostadsbolaget Hisingen AB", "storstad-bostader"),
    ("storstad-studentbostader", "Storstad Studentbostäder AB", "storstad-bostader"),
    ("storstad-byggnads", "Storstad Byggnads AB", "storstad-bostader"),
    ("storstad-hamn", "Storstad Hamn AB", HOLDING),
    ("storstad-logistikcentrum", "Storstad Logistikcentrum AB", "storstad-hamn"),
    ("storstad-sparvagar", "Storstad Spårvägar AB", HOLDING),
    ("storstad-farjetrafik", "Storstad Färjetrafik AB", "storstad-sparvagar"),
    ("storstad-evenemang", "Storstad Evenemang AB", HOLDING),
    ("storstad-arena", "Storstad Arena AB", "storstad-evenemang"),
    ("storstad-kongresscenter", "Storstad Kongresscenter AB", "storstad-evenemang"),
    ("storstad-parkering", "Storstad Parkering AB", HOLDING),
    ("storstad-tillvaxt", "Storstad Tillväxt AB", HOLDING),
    ("storstad-innovationspark", "Storstad Innovationspark AB", "storstad-tillvaxt"),
    ("storstad-forsakring", "Storstad Försäkrings AB", HOLDING),
]

# (id, name, kind, parent id): administrations and units, which carry out but set no goals.
ADMINISTRATIONS = [
    ("stadsledningskontoret", "Stadsledningskontoret", "administration", EXECUTIVE),
    ("forskoleforvaltningen", "Förskoleförvaltningen", "administration", "forskolenamnden"),
    ("grundskoleforvaltningen", "Grundskoleförvaltningen", "administration", "grundskolenamnden"),
    ("utbildningsforvaltningen", "Utbildningsförvaltningen", "administration", "utbildningsnamnden"),
    ("aldreforvaltningen", "Äldre samt vård- och omsorgsförvaltningen", "administration", "aldrenamnden"),
    ("stadsmiljoforvaltningen", "Stadsmiljöförvaltningen", "administration", "stadsmiljonamnden"),
    ("forskoleomrade-norr", "Förskoleområde Norr", "unit", "forskoleforvaltningen"),
    ("forskoleomrade-soder", "Förskoleområde Söder", "unit", "forskoleforvaltningen"),
    ("grundskoleomrade-oster", "Grundskoleområde Öster", "unit", "grundskoleforvaltningen"),
    ("hemtjanstomrade-centrum", "Hemtjänstområde Centrum", "unit", "aldreforvaltningen"),
]
ADMINISTRATION_MANDATES = {
    "stadsledningskontoret": "Bereder kommunstyrelsens ärenden och leder arbetet med stadens styrning.",
    "forskoleforvaltningen": "Bereder förskolenämndens ärenden och driver stadens förskolor.",
    "grundskoleforvaltningen": "Bereder grundskolenämndens ärenden och driver stadens grundskolor.",
    "utbildningsforvaltningen": "Bereder utbildningsnämndens ärenden och driver gymnasieskolan.",
    "aldreforvaltningen": "Bereder nämndens ärenden och driver äldreomsorg och hemtjänst.",
    "stadsmiljoforvaltningen": "Bereder stadsmiljönämndens ärenden och sköter gator, torg och parker.",
    "forskoleomrade-norr": "Driver förskolorna i de norra stadsdelarna.",
    "forskoleomrade-soder": "Driver förskolorna i de södra stadsdelarna.",
    "grundskoleomrade-oster": "Driver grundskolorna i de östra stadsdelarna.",
    "hemtjanstomrade-centrum": "Ger hemtjänst till invånarna i centrum.",
}

TARGET_AREAS = [
    (
        "klimat",
        "Ett klimatsmart och grönt Storstad",
        [7, 11, 13],
        [
            "Under mandatperioden halverar staden sina utsläpp av växthusgaser jämfört med 2020.",
            "Under mandatperioden ställer staden om sina fordon och transporter till förnybara drivmedel.",
            "Under mandatperioden blir det enklare att gå, cykla och åka kollektivt i hela staden.",
            "Under mandatperioden skyddar och utvecklar staden sina parker, vatten och naturområden.",
        ],
    ),
    (
        "trygg",
        "Ett tryggt och jämlikt Storstad",
        [3, 4, 10, 16],
        [
            "Under mandatperioden ökar andelen elever som klarar skolan i alla stadsdelar.",
            "Under mandatperioden stärks tryggheten i stadens offentliga miljöer.",
            "Under mandatperioden får äldre och personer med funktionsnedsättning stöd på sina egna villkor.",
            "Under mandatperioden minskar skillnaderna i livsvillkor mellan stadsdelarna.",
        ],
    ),
    (
        "vaxa",
        "Ett växande Storstad med jobb för fler",
        [8, 9],
        [
            "Under mandatperioden byggs fler bostäder med blandade upplåtelseformer.",
            "Under mandatperioden går fler invånare från försörjningsstöd till arbete eller studier.",
            "Under mandatperioden blir stadens service till företag snabbare och enklare.",
            "Under mandatperioden hålls stadens ekonomi i balans med god kostnadskontroll.",
        ],
    ),
]

COUNCIL_GOALS = {
    "klimat": [
        "Stadens utsläpp av växthusgaser halveras till 2030",
        "Fler resor i staden görs till fots, med cykel eller kollektivt",
    ],
    "trygg": [
        "Fler elever i alla stadsdelar klarar skolan",
        "Invånarna känner sig trygga i hela staden",
    ],
    "vaxa": [
        "Minst 2 500 bostäder färdigställs varje år",
        "Fler invånare är självförsörjande",
    ],
}

# Goal titles per target area; each organ draws distinct ones.
GOAL_TITLES = {
    "klimat": [
        "Verksamhetens utsläpp av växthusgaser minskar",
        "Energianvändningen i verksamhetens lokaler minskar",
        "Andelen fossilfria transporter i verksamheten ökar",
        "Matsvinnet i verksamheten minskar",
        "Fler resor i tjänsten görs med kollektivtrafik eller cykel",
        "Inköpen ställer tydligare krav på miljö och klimat",
        "Andelen förnybar energi ökar",
        "Verksamheten bidrar till fler gröna ytor i staden",
    ],
    "trygg": [
        "Fler barn och unga klarar sin utbildning",
        "Invånarna känner sig tryggare i sitt närområde",
        "Fler äldre upplever att de får stöd på sina villkor",
        "Skillnaderna mellan stadsdelarna minskar",
        "Fler invånare har förtroende för stadens service",
        "Fler barn och unga har en meningsfull fritid",
        "Personer med funktionsnedsättning får ett mer självständigt liv",
        "Färre invånare lever i ekonomisk utsatthet",
    ],
    "vaxa": [
        "Fler invånare går från försörjningsstöd till arbete eller studier",
        "Handläggningen för företag och invånare blir snabbare",
        "Fler bostäder byggs i attraktiva lägen",
        "Verksamheten håller sin budget med god kostnadskontroll",
        "Fler unga får sitt första jobb via staden",
        "Staden blir en mer attraktiv arbetsgivare",
        "Fler företag etablerar sig och växer i staden",
        "Lokalerna används mer effektivt",
    ],
}

RATIONALES = {
    "klimat": "Målet bidrar till stadens klimatmål och till att inriktningen för mandatperioden nås.",
    "trygg": "Målet bidrar till ett tryggare och mer jämlikt Storstad, där alla får samma möjligheter.",
    "vaxa": "Målet bidrar till en växande stad med jobb för fler och en ekonomi i balans.",
}

RESPONSIBLE_ROLES = ["Förvaltningsdirektör", "Verksamhetschef", "Avdelningschef", "VD", "Utvecklingsledare"]

# (title, unit, direction, typical level) of indicators per target area; a goal draws distinct ones.
INDICATOR_POOL = {
    "klimat": [
        ("Utsläpp av växthusgaser från verksamheten", "ton CO2e", "lower", 4200),
        ("Energianvändning i verksamhetens lokaler", "kWh/m²", "lower", 140),
        ("Andel fossilfria fordon i verksamheten", "%", "higher", 55),
        ("Matsvinn per portion", "gram", "lower", 45),
        ("Andel tjänsteresor med kollektivtrafik eller cykel", "%", "higher", 38),
        ("Andel upphandlingar med klimatkrav", "%", "higher", 62),
        ("Andel förnybar energi", "%", "higher", 71),
        ("Andel ekologiska livsmedel", "%", "higher", 33),
        ("Körsträcka med egna fordon", "tusen mil", "lower", 820),
        ("Avfall till förbränning", "ton", "lower", 950),
        ("Andel av avfallet som återvinns", "%", "higher", 48),
        ("Solel producerad på egna tak", "MWh", "higher", 310),
        ("Vattenförbrukning i verksamheten", "m³", "lower", 26000),
        ("Andel medarbetare som gått klimatutbildning", "%", "higher", 42),
        ("Nyplanterade träd", "antal", "higher", 540),
    ],
    "trygg": [
        ("Andel elever som når kunskapskraven", "%", "higher", 74),
        ("Andel invånare som känner sig trygga utomhus på kvällen", "%", "higher", 61),
        ("Andel brukare som är nöjda med sitt stöd", "%", "higher", 82),
        ("Antal anmälda våldsbrott per 1 000 invånare", "antal", "lower", 9.5),
        ("Andel invånare som har förtroende för stadens service", "%", "higher", 57),
        ("Andel unga som deltar i föreningslivet", "%", "higher", 46),
        ("Väntetid till första kontakt", "dagar", "lower", 12),
        ("Andel hushåll med långvarigt ekonomiskt bistånd", "%", "lower", 2.8),
        ("Andel barn i förskola", "%", "higher", 88),
        ("Personalkontinuitet i hemtjänsten", "antal personal", "lower", 15),
        ("Andel ärenden som avslutas inom utsatt tid", "%", "higher", 79),
        ("Besök i bibliotek och kulturhus", "tusen besök", "higher", 1250),
        ("Antal otrygga platser enligt trygghetsvandringar", "antal", "lower", 64),
        ("Andel elever som känner sig trygga i skolan", "%", "higher", 86),
        ("Andel anhöriga som är nöjda med bemötandet", "%", "higher", 80),
    ],
    "vaxa": [
        ("Andel deltagare i arbete eller studier efter insats", "%", "higher", 39),
        ("Handläggningstid för bygglov", "veckor", "lower", 9),
        ("Färdigställda bostäder", "antal", "higher", 2600),
        ("Budgetavvikelse", "%", "lower", 1.6),
        ("Antal feriearbeten för unga", "antal", "higher", 4100),
        ("Sjukfrånvaro bland medarbetarna", "%", "lower", 7.4),
        ("Nöjd kund-index för företagsservice", "index", "higher", 71),
        ("Lokalkostnad per invånare", "kr", "lower", 5200),
        ("Andel medarbetare som rekommenderar staden som arbetsgivare", "%", "higher", 64),
        ("Nyetablerade företag", "antal", "higher", 3300),
        ("Andel lokaler som används mer än halva dagen", "%", "higher", 58),
        ("Kostnad per brukare", "tusen kr", "lower", 410),
        ("Soliditet", "%", "higher", 34),
        ("Antal praktikplatser", "antal", "higher", 900),
        ("Tid från ansökan till beslut om försörjningsstöd", "dagar", "lower", 14),
    ],
}

ASSIGNMENT_VERBS = [
    "Utred",
    "Ta fram en plan för",
    "Genomför en förstudie om",
    "Redovisa en analys av",
    "Föreslå åtgärder för",
    "Samordna arbetet med",
]
ASSIGNMENT_TOPICS = [
    "fossilfria transporter",
    "minskat matsvinn",
    "trygghetsskapande åtgärder i stadsdelarna",
    "fler feriejobb för unga",
    "kortare handläggningstider",
    "effektivare lokalanvändning",
    "digitala tjänster för invånarna",
    "samverkan med civilsamhället",
    "kompetensförsörjning",
    "energieffektivisering i stadens lokaler",
    "gröna ytor i nya bostadsområden",
    "uppföljning av ekonomisk utsatthet",
    "stöd till barn i familjer med missbruk",
    "tillgänglighet i stadens lokaler",
    "förebyggande arbete mot våld i nära relationer",
    "cirkulära inköp",
]
REPORT_BACKS = [
    "Till kommunstyrelsen i delårsrapporten",
    "Till kommunfullmäktige i årsredovisningen",
    "Till uppdragsgivaren senast vid slutdatum",
    "Muntligt vid resultatdialogen",
]
ASSIGNMENT_STATUSES = ["not_started", "ongoing", "reported", "closed"]

STEERING_DOCUMENTS = [
    ("miljo-och-klimatprogram", "Miljö- och klimatprogram", "program", "miljo-och-klimatnamnden"),
    ("trygghetsprogram", "Program för ett tryggt Storstad", "program", EXECUTIVE),
    ("bostadsforsorjningsprogram", "Bostadsförsörjningsprogram", "program", "exploateringsnamnden"),
    ("upphandlingspolicy", "Policy för inköp och upphandling", "policy", "upphandlingsnamnden"),
    ("arbetsgivarpolicy", "Arbetsgivarpolicy", "policy", EXECUTIVE),
    ("agarpolicy", "Ägarpolicy för stadens bolag", "policy", EXECUTIVE),
    (
        "handlingsplan-klimat",
        "Handlingsplan för klimatomställning",
        "handlingsplan",
        "miljo-och-klimatnamnden",
    ),
    ("handlingsplan-jamlikhet", "Handlingsplan för en jämlik stad", "handlingsplan", EXECUTIVE),
    ("handlingsplan-cykel", "Handlingsplan för cykeltrafik", "handlingsplan", "trafiknamnden"),
    ("riktlinje-lokaler", "Riktlinje för lokalförsörjning", "riktlinje", "lokalnamnden"),
    ("riktlinje-tjansteresor", "Riktlinje för tjänsteresor", "riktlinje", EXECUTIVE),
    ("riktlinje-medborgardialog", "Riktlinje för medborgardialog", "riktlinje", "demokratinamnden"),
]


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
