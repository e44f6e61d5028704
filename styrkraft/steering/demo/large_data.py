"""The names, titles and word lists of the generated municipality "Storstad" (large.py): its organs,
target areas and commitments, council goals, goal titles and rationales, indicators, assignments and
steering documents. Swedish demo content."""

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
