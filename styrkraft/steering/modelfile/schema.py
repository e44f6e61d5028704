"""The model file's schema: its version, the keys each object may hold and the limits of its values
(docs/model-file.md describes every key)."""

import re

from styrkraft.org.models import Organ

SCHEMA_VERSION = 1
ROOT_PATH = "filen"  # the place of a problem that concerns the whole document
ID_MAX_LENGTH = 60
MIN_YEAR, MAX_YEAR = 1900, 2200
MAX_INTEGER_DIGITS = 12  # DecimalField(max_digits=14, decimal_places=2)
DECIMAL_PLACES = 2

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")
KOLADA_KPI = re.compile(r"[NU]\d{5}")
KOLADA_MUNICIPALITY = re.compile(r"\d{4}")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

NON_GOAL_SETTING_KINDS = [k.value for k in Organ.Kind if k not in Organ.GOAL_SETTING_KINDS]
GOAL_SETTING_KINDS = [k.value for k in Organ.GOAL_SETTING_KINDS]

# The keys an organ shares with a board (a goal-setting organ, which adds its decisions and goals).
_ORGAN_KEYS: dict[str, tuple[str, bool]] = {
    "id": ("text", True),
    "name": ("text", True),
    "kind": ("text", True),
    "parent": ("text", False),
    "mandate": ("text", False),
    "kolada_peer_group": ("text", False),
    "demo": ("bool", False),
}

# What each object of the file may hold: key -> (type, required). A type is a scalar ("text", "int",
# "number", "bool", "date"), "yearmap" (year -> number), the name of another object, or a list of
# either in brackets. docs/model-file.md describes every key.
SCHEMA: dict[str, dict[str, tuple[str, bool]]] = {
    "file": {
        "schema": ("int", True),
        "municipality": ("municipality", True),
        "vision": ("vision", False),
        "terms": ("[term]", True),
        "organs": ("[organ]", False),
        "boards": ("[board]", False),
        "council_goals": ("[council_goal]", False),
        "assignments": ("[assignment]", False),
        "steering_documents": ("[steering_document]", False),
        "roles": ("[role]", False),
    },
    "municipality": {
        "id": ("text", True),
        "name": ("text", True),
        "kolada_id": ("text", False),
        "kolada_peer_group": ("text", False),
        "max_goals_per_organ": ("int", False),
        "min_target_areas": ("int", False),
        "demo": ("bool", False),
    },
    "vision": {"title": ("text", True), "text": ("text", False)},
    "term": {
        "start_year": ("int", True),
        "end_year": ("int", True),
        "political_intent": ("political_intent", False),
    },
    "political_intent": {
        "title": ("text", True),
        "text": ("text", False),
        "decision": ("decision", False),
        "target_areas": ("[target_area]", False),
    },
    "decision": {
        "body": ("text", False),
        "date": ("date", False),
        "paragraph": ("text", False),
        "case_number": ("text", False),
    },
    "target_area": {
        "id": ("text", True),
        "title": ("text", True),
        "sdg_goals": ("[int]", False),
        "commitments": ("[commitment]", False),
    },
    "commitment": {"id": ("text", True), "text": ("text", True)},
    "organ": {**_ORGAN_KEYS, "indicators": ("[indicator]", False)},
    "board": {
        **_ORGAN_KEYS,
        "decisions": ("[plan_decision]", False),
        "goals": ("[goal]", False),
        "indicators": ("[indicator]", False),
    },
    "goal": {
        "id": ("text", True),
        "year": ("int", True),
        "title": ("text", True),
        "target_area": ("text", True),
        "rationale": ("text", False),
        "commitments": ("[text]", False),
        "council_goals": ("[text]", False),
        "sdg_goals": ("[int]", False),
        "sdg_targets": ("[text]", False),
        "responsible": ("responsible", False),
        "status": ("text", False),
        "public": ("bool", False),
        "demo": ("bool", False),
        "indicators": ("[indicator]", False),
    },
    "plan_decision": {
        "year": ("int", True),
        "date": ("date", True),
        "body": ("text", False),
        "paragraph": ("text", False),
        "case_number": ("text", False),
        "title": ("text", False),
    },
    "responsible": {"organ": ("text", False), "person": ("text", False)},
    "indicator": {
        "id": ("text", True),
        "title": ("text", True),
        "direction": ("text", True),
        "unit": ("text", False),
        "kolada": ("text", False),
        "baseline": ("baseline", False),
        "values": ("yearmap", False),
        "targets": ("yearmap", False),
        "demo": ("bool", False),
    },
    "baseline": {"year": ("int", True), "value": ("number", True)},
    "council_goal": {
        "id": ("text", True),
        "year": ("int", True),
        "title": ("text", True),
        "description": ("text", False),
        "target_area": ("text", False),
        "demo": ("bool", False),
    },
    "assignment": {
        "id": ("text", True),
        "year": ("int", True),
        "title": ("text", True),
        "giver": ("text", True),
        "receiver": ("text", False),
        "description": ("text", False),
        "deadline": ("date", False),
        "report_back": ("text", False),
        "goal": ("text", False),
        "status": ("text", False),
        "state": ("text", False),
        "decision": ("decision", False),
        "public": ("bool", False),
        "demo": ("bool", False),
    },
    "steering_document": {
        "id": ("text", True),
        "title": ("text", True),
        "type": ("text", True),
        "owner": ("text", True),
        "decided_by": ("text", False),
        "decided_on": ("date", False),
        "paragraph": ("text", False),
        "case_number": ("text", False),
        "next_review": ("date", False),
        "status": ("text", False),
        "state": ("text", False),
        "public": ("bool", False),
        "demo": ("bool", False),
    },
    "role": {
        "user": ("text", True),
        "role": ("text", True),
        "organ": ("text", False),  # required for editor and reader; never with admin (records.py)
        "email": ("text", False),
    },
}
