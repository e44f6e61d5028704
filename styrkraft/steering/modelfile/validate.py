"""Reading and validating the municipality model file (docs/model-file.md).

`parse_model_file` turns YAML text into plain data. `validate_model_file` checks a whole document in
memory and returns every problem with its place in the file (`boards[3].goals[1].target_area: okänt
målområde 'x'`). `build_plan` does the same checks and, when there is no problem, returns the unsaved
model instances that `model_file_load` writes. The checks are the in-memory equivalent of full_clean()
on every object plus the model's rules, so nothing needs a query per row (two queries read Agenda 2030).
"""

import datetime
import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from types import SimpleNamespace

import yaml
from django.conf import settings
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, validate_email
from django.utils.translation import gettext as _

from styrkraft.indicators.models import Indicator
from styrkraft.org.models import Municipality, Organ, Term
from styrkraft.org.roles import ROLE_NAMES, parse_role
from styrkraft.steering import rules
from styrkraft.steering.models import (
    Assignment,
    Commitment,
    CouncilGoal,
    Decision,
    Goal,
    PoliticalIntent,
    RecordState,
    SdgGoal,
    SdgTarget,
    SteeringDocument,
    TargetArea,
    Vision,
)

SCHEMA_VERSION = 1
ROOT_PATH = "filen"  # the place of a problem that concerns the whole document
ID_MAX_LENGTH = 60
MIN_YEAR, MAX_YEAR = 1900, 2200
MAX_INTEGER_DIGITS = 12  # DecimalField(max_digits=14, decimal_places=2)
DECIMAL_PLACES = 2

_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_KOLADA_KPI = re.compile(r"[NU]\d{5}")
_KOLADA_MUNICIPALITY = re.compile(r"\d{4}")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

NON_GOAL_SETTING_KINDS = [k.value for k in Organ.Kind if k not in Organ.GOAL_SETTING_KINDS]
GOAL_SETTING_KINDS = [k.value for k in Organ.GOAL_SETTING_KINDS]

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
    "organ": {
        "id": ("text", True),
        "name": ("text", True),
        "kind": ("text", True),
        "parent": ("text", False),
        "mandate": ("text", False),
        "kolada_peer_group": ("text", False),
        "demo": ("bool", False),
        "indicators": ("[indicator]", False),
    },
    "board": {
        "id": ("text", True),
        "name": ("text", True),
        "kind": ("text", True),
        "parent": ("text", False),
        "mandate": ("text", False),
        "kolada_peer_group": ("text", False),
        "demo": ("bool", False),
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
        "organ": ("text", True),
        "email": ("text", False),
    },
}


@dataclass(frozen=True)
class Problem:
    """One problem in a model file: where (`boards[3].goals[1].target_area`) and what, in Swedish."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class ModelFileError(Exception):
    """A model file that cannot be loaded; `problems` holds every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


# --- YAML ----------------------------------------------------------------------------------------


# libyaml's parser when PyYAML was built with it (it is ten times faster on a large municipality).
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):
    """YAML's safe loader that also notes a key given twice in one object (YAML would silently keep the
    last one) and keeps an impossible date such as 2024-02-30 as text, for the validator to report."""

    def __init__(self, stream):
        super().__init__(stream)
        self.duplicate_keys: list[Problem] = []

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen = set()
            for key_node, _value in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    if key_node.value in seen:
                        self.duplicate_keys.append(
                            Problem(
                                _("rad %(line)s") % {"line": key_node.start_mark.line + 1},
                                _("nyckeln '%(key)s' står två gånger i samma objekt")
                                % {"key": key_node.value},
                            )
                        )
                    seen.add(key_node.value)
        return super().construct_mapping(node, deep=deep)


def _construct_timestamp(loader, node):
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def _yaml_problem(problem: str | None) -> str:
    """PyYAML's words for the most common mistakes, in Swedish; others as PyYAML says them."""
    known = {
        "mapping values are not allowed here": _(
            "ett kolon följt av mellanslag får inte stå här (skriv texten inom citattecken)"
        ),
        "mapping values are not allowed in this context": _(
            "ett kolon följt av mellanslag får inte stå här (skriv texten inom citattecken)"
        ),
        "found character that cannot start any token": _(
            "ett tecken som inte får inleda ett värde (indrag görs med mellanslag, inte tabb)"
        ),
        "found unexpected end of stream": _("filen tar slut mitt i ett värde (saknas ett citattecken?)"),
        "could not find expected ':'": _("hittade inte väntat ':' efter en nyckel"),
        "did not find expected key": _("hittade inte väntad nyckel (kontrollera indraget)"),
        "did not find expected '-' indicator": _("hittade inte väntat '-' (kontrollera indraget i listan)"),
        "did not find expected ',' or ']'": _("hittade inte väntat ',' eller ']'"),
        "did not find expected ',' or '}'": _("hittade inte väntat ',' eller '}'"),
    }
    return _("YAML-syntaxfel: %(problem)s") % {"problem": known.get(problem or "", problem)}


def parse_model_file(text: str):
    """The data of a model file's YAML text. Raises ModelFileError on a syntax error (with its line)
    and on a key written twice in one object."""
    loader = _Loader(text)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        place = (
            _("rad %(line)s, kolumn %(column)s") % {"line": mark.line + 1, "column": mark.column + 1}
            if mark
            else ROOT_PATH
        )
        raise ModelFileError([Problem(place, _yaml_problem(exc.problem))]) from exc
    except yaml.YAMLError as exc:
        raise ModelFileError([Problem(ROOT_PATH, _yaml_problem(str(exc)))]) from exc
    finally:
        loader.dispose()
    if loader.duplicate_keys:
        raise ModelFileError(loader.duplicate_keys)
    if data is None:
        raise ModelFileError([Problem(ROOT_PATH, _("filen är tom"))])
    return data


# --- Helpers ---------------------------------------------------------------------------------------

_INVALID = object()


def _join(path: str, key) -> str:
    return f"{path}.{key}" if path else str(key)


def _expected(kind: str) -> str:
    return {
        "text": _("en text"),
        "int": _("ett heltal"),
        "number": _("ett tal"),
        "bool": _("true eller false"),
        "date": _("ett datum (ÅÅÅÅ-MM-DD)"),
        "list": _("en lista"),
        "object": _("ett objekt"),
        "yearmap": _("ett objekt med årtal som nycklar"),
    }[kind]


def _got(value) -> str:
    if value is None:
        return _("inget värde")
    if isinstance(value, bool):
        return _("ett sanningsvärde (%(value)s)") % {"value": "true" if value else "false"}
    if isinstance(value, int):
        return _("ett heltal (%(value)s)") % {"value": value}
    if isinstance(value, float | Decimal):
        return _("ett decimaltal (%(value)s)") % {"value": value}
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:39] + "…"
        return _("en text ('%(value)s')") % {"value": shown}
    if isinstance(value, datetime.datetime):
        return _("en tidpunkt (%(value)s)") % {"value": value.isoformat(sep=" ")}
    if isinstance(value, datetime.date):
        return _("ett datum (%(value)s)") % {"value": value.isoformat()}
    if isinstance(value, list):
        return _("en lista")
    if isinstance(value, dict):
        return _("ett objekt")
    return type(value).__name__


def _type_message(kind: str, value) -> str:
    message = _("förväntade %(expected)s, fick %(got)s") % {"expected": _expected(kind), "got": _got(value)}
    if kind == "text" and isinstance(value, int | float | datetime.date) and not isinstance(value, bool):
        message += _("; skriv värdet inom citattecken")
    return message


def _term_label(years: tuple[int, int]) -> str:
    return f"{years[0]}–{years[1]}"


class _Node(dict):
    """The checked values of one object of the file, with its place in the file."""

    def __init__(self, path: str):
        super().__init__()
        self.path = path

    def at(self, key) -> str:
        return _join(self.path, key)


class _Figures(list):
    """A list that answers .all() like a related manager, for rules.goal_findings in memory."""

    def all(self):
        return self


@dataclass(frozen=True)
class PlannedRole:
    """A role of the file: the user (created without a password when missing) has `role` on the organ
    with id `organ`."""

    user: str
    email: str
    role: str
    organ: str


@dataclass
class Plan:
    """The unsaved objects of a valid model file, in the order they are written."""

    municipality: Municipality | None = None
    vision: Vision | None = None
    terms: list = field(default_factory=list)
    intents: list = field(default_factory=list)
    target_areas: list = field(default_factory=list)
    target_area_sdg_goals: list = field(default_factory=list)  # (TargetArea, SdgGoal pk)
    commitments: list = field(default_factory=list)
    organs: list = field(default_factory=list)
    council_goals: list = field(default_factory=list)
    decisions: list = field(default_factory=list)  # Decision: the boards' plan-year decisions
    goals: list = field(default_factory=list)
    goal_links: list = field(default_factory=list)  # (Goal m2m field name, Goal, object or pk)
    indicators: list = field(default_factory=list)
    values: list = field(default_factory=list)  # (Indicator, year, Decimal): IndicatorValue rows
    targets: list = field(default_factory=list)  # (Indicator, year, Decimal): IndicatorTarget rows
    assignments: list = field(default_factory=list)
    steering_documents: list = field(default_factory=list)
    roles: list = field(default_factory=list)  # PlannedRole: given after the chain is written

    def counts(self) -> dict[str, int]:
        return {
            "organs": len(self.organs),
            "goals": len(self.goals),
            "indicators": len(self.indicators),
            "values": len(self.values),
            "targets": len(self.targets),
            "council_goals": len(self.council_goals),
            "assignments": len(self.assignments),
            "steering_documents": len(self.steering_documents),
        }


# --- The checker -----------------------------------------------------------------------------------


class _Checker:
    def __init__(self, data):
        self.data = data
        self.problems: list[Problem] = []
        self.plan = Plan()
        self.max_goals = settings.STYRKRAFT_DEFAULT_MAX_GOALS
        self.demo = False
        self.sdg_goals: dict[int, int] = {}
        self.sdg_targets: dict[str, int] = {}
        # ids seen so far, per kind: id -> the path where it was first given
        self.seen = defaultdict(dict)
        # what the file defines, read before the checks so references may point forward
        self.organ_names: dict[str, str] = {}
        self.parent_of: dict[str, str] = {}
        self.cycles: dict[str, str] = {}
        self.area_years: dict[str, tuple[int, int] | None] = {}
        self.commitment_ids: set[str] = set()
        self.council_goal_ids: set[str] = set()
        self.goal_organ: dict[str, str] = {}
        # built objects by id, and references to resolve once everything is built
        self.built = defaultdict(dict)
        self.links: list[tuple] = []  # (instance, attribute, kind, id)
        self.paths: dict[int, str] = {}  # id(instance) -> its place in the file
        self.role_emails: dict[str, tuple[str, str]] = {}  # username -> (e-mail, where first given)

    def add(self, path: str, message: str) -> None:
        self.problems.append(Problem(path or ROOT_PATH, message))

    # -- shape and types --

    def shape(self, raw, path: str, kind: str) -> _Node | None:
        """Check an object's keys and the types of its values; return the values that are right."""
        if not isinstance(raw, dict):
            self.add(path, _type_message("object", raw))
            return None
        spec = SCHEMA[kind]
        node = _Node(path)
        for key in raw:
            if key not in spec:
                self.add(_join(path, key), self.unknown_key(key, spec))
        for key, (kind_of_value, required) in spec.items():
            key_path = _join(path, key)
            if key not in raw:
                if required:
                    self.add(key_path, _("obligatorisk nyckel saknas"))
                continue
            value = raw[key]
            if value is None or (isinstance(value, str) and not value.strip()):
                if required:
                    self.add(key_path, _("obligatoriskt värde saknas"))
                continue
            checked = self.typed(value, key_path, kind_of_value)
            if checked is not _INVALID:
                node[key] = checked
        return node

    @staticmethod
    def unknown_key(key, spec) -> str:
        close = difflib.get_close_matches(str(key), list(spec), n=1)
        if close:
            return _("okänd nyckel (menade du '%(key)s'?)") % {"key": close[0]}
        return _("okänd nyckel (tillåtna nycklar: %(keys)s)") % {"keys": ", ".join(spec)}

    def typed(self, value, path: str, kind: str):
        if kind.startswith("["):
            inner = kind[1:-1]
            if not isinstance(value, list):
                self.add(path, _type_message("list", value))
                return _INVALID
            items = [(f"{path}[{i}]", item) for i, item in enumerate(value)]
            if inner in SCHEMA:
                return items  # objects are shaped by the check that walks them, in file order
            checked = [(p, self.scalar(item, p, inner)) for p, item in items]
            return [(p, v) for p, v in checked if v is not _INVALID]
        if kind == "yearmap":
            return self.yearmap(value, path)
        if kind in SCHEMA:
            if not isinstance(value, dict):
                self.add(path, _type_message("object", value))
                return _INVALID
            return value
        return self.scalar(value, path, kind)

    def scalar(self, value, path: str, kind: str):
        if kind == "date" and isinstance(value, str):
            try:
                if not _ISO_DATE.fullmatch(value):
                    raise ValueError(value)
                return datetime.date.fromisoformat(value)
            except ValueError:
                self.add(path, _("ogiltigt datum '%(value)s' (skriv ÅÅÅÅ-MM-DD)") % {"value": value})
                return _INVALID
        is_number = isinstance(value, int | float | Decimal) and not isinstance(value, bool)
        right = {
            "text": isinstance(value, str),
            "int": isinstance(value, int) and not isinstance(value, bool),
            "number": is_number,
            "bool": isinstance(value, bool),
            "date": isinstance(value, datetime.date) and not isinstance(value, datetime.datetime),
        }[kind]
        if not right:
            self.add(path, _type_message(kind, value))
            return _INVALID
        if kind == "number":
            return self.decimal(value, path)
        return value

    def decimal(self, value, path: str):
        try:
            number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
        except InvalidOperation:
            number = Decimal("NaN")
        if not number.is_finite():
            self.add(path, _("ogiltigt tal '%(value)s'") % {"value": value})
            return _INVALID
        if abs(number) >= Decimal(10) ** MAX_INTEGER_DIGITS:
            self.add(
                path,
                _("talet %(value)s är för stort (högst 12 siffror före decimaltecknet)") % {"value": value},
            )
            return _INVALID
        if number.quantize(Decimal(1).scaleb(-DECIMAL_PLACES)) != number:
            self.add(path, _("för många decimaler i %(value)s (högst två)") % {"value": value})
            return _INVALID
        return number

    def yearmap(self, value, path: str):
        if not isinstance(value, dict):
            self.add(path, _type_message("yearmap", value))
            return _INVALID
        result = {}
        for key, item in value.items():
            key_path = _join(path, key)
            if isinstance(key, int) and not isinstance(key, bool):
                year = key
            elif isinstance(key, str) and key.isdigit():
                year = int(key)
            else:
                self.add(key_path, _("förväntade ett årtal som nyckel, fick %(got)s") % {"got": _got(key)})
                continue
            if not self.year_in_range(year, key_path):
                continue
            number = self.scalar(item, key_path, "number")
            if number is not _INVALID:
                result[year] = (key_path, number)
        return result

    def year_in_range(self, year: int, path: str) -> bool:
        if MIN_YEAR <= year <= MAX_YEAR:
            return True
        self.add(path, _("orimligt årtal %(year)s") % {"year": year})
        return False

    def year(self, node: _Node, key: str) -> int | None:
        value = node.get(key)
        if value is None or not self.year_in_range(value, node.at(key)):
            return None
        return value

    # -- values with rules of their own --

    def ident(self, node: _Node | None, kind: str) -> str | None:
        """The object's id, checked for form and for uniqueness among ids of the same kind."""
        value = node.get("id") if node is not None else None
        if value is None:
            return None
        path = node.at("id")
        if len(value) > ID_MAX_LENGTH:
            self.add(path, _("id:t är för långt (%(length)s tecken, högst 60)") % {"length": len(value)})
            return None
        if not _ID.fullmatch(value):
            self.add(
                path,
                _("ogiltigt id '%(id)s' (endast små bokstäver a–z, siffror och bindestreck)") % {"id": value},
            )
            return None
        first = self.seen[kind].get(value)
        if first is not None:
            self.add(
                path, _("dubblett: id:t '%(id)s' används redan i %(first)s") % {"id": value, "first": first}
            )
            return None
        self.seen[kind][value] = node.path
        return value

    def text(self, node: _Node, key: str, model, field_name: str | None = None) -> str:
        value = node.get(key, "")
        limit = model._meta.get_field(field_name or key).max_length
        if limit and len(value) > limit:
            self.add(
                node.at(key),
                _("texten är för lång (%(length)s tecken, högst %(limit)s)")
                % {"length": len(value), "limit": limit},
            )
        return value

    def choice(self, node: _Node, key: str, choices: list[str], default: str = "", hint: str = "") -> str:
        value = node.get(key)
        if value is None:
            return default
        if value not in choices:
            message = _("ogiltigt värde '%(value)s' (tillåtna värden: %(choices)s)") % {
                "value": value,
                "choices": ", ".join(choices),
            }
            self.add(node.at(key), message + hint)
            return default
        return value

    def organ_ref(self, node: _Node, key: str, instance, attribute: str) -> str | None:
        value = node.get(key)
        if value is None:
            return None
        if value not in self.organ_names:
            self.add(node.at(key), _("okänt organ '%(id)s'") % {"id": value})
            return None
        self.links.append((instance, attribute, "organ", value))
        return value

    def area_ref(self, node: _Node, instance) -> tuple[int, int] | None:
        """Link the object to its target area; return the plan years of the area's term when known."""
        value = node.get("target_area")
        if value is None:
            return None
        if value not in self.area_years:
            self.add(node.at("target_area"), _("okänt målområde '%(id)s'") % {"id": value})
            return None
        self.links.append((instance, "target_area", "target_area", value))
        return self.area_years[value]

    def year_within(self, node: _Node, year: int | None, years: tuple[int, int] | None) -> None:
        if year is not None and years is not None and not years[0] <= year <= years[1]:
            # The same words as Goal.clean(), so the web form and the loader say the same.
            self.add(
                node.at("year"),
                _("Planåret %(year)s ligger utanför mandatperioden %(term)s.")
                % {"year": year, "term": _term_label(years)},
            )

    def sdg_goal_refs(self, node: _Node, key: str = "sdg_goals") -> list[int]:
        found = []
        for path, number in node.get(key, []):
            if number not in self.sdg_goals:
                self.add(
                    path, _("okänt globalt mål %(number)s (Agenda 2030 har mål 1–17)") % {"number": number}
                )
            elif number in found:
                self.add(path, _("globalt mål %(number)s står redan i listan") % {"number": number})
            else:
                found.append(number)
        return [self.sdg_goals[n] for n in found]

    def id_refs(self, node: _Node, key: str, known, message: str) -> list[str]:
        found = []
        for path, value in node.get(key, []):
            if value not in known:
                self.add(path, message % {"id": value})
            elif value in found:
                self.add(path, _("'%(id)s' står redan i listan") % {"id": value})
            else:
                found.append(value)
        return found

    # -- reading ahead: what the file defines --

    @staticmethod
    def _items(container, key):
        if isinstance(container, dict) and isinstance(container.get(key), list):
            return [item for item in container[key] if isinstance(item, dict)]
        return []

    def read_ahead(self) -> None:
        data = self.data
        for section in ("organs", "boards"):
            for raw in self._items(data, section):
                oid = raw.get("id")
                if isinstance(oid, str) and oid not in self.organ_names:
                    name = raw.get("name")
                    self.organ_names[oid] = name if isinstance(name, str) else oid
                    if isinstance(raw.get("parent"), str):
                        self.parent_of[oid] = raw["parent"]
        in_a_cycle: set[str] = set()
        for oid in self.organ_names:
            chain, current = [oid], self.parent_of.get(oid)
            while current is not None and current != oid and current not in chain:
                chain.append(current)
                current = self.parent_of.get(current)
            if current == oid and not in_a_cycle.intersection(chain):
                self.cycles[oid] = " → ".join([*chain, oid])
                in_a_cycle.update(chain)
        for term in self._items(data, "terms"):
            start, end = term.get("start_year"), term.get("end_year")
            valid = all(isinstance(y, int) and not isinstance(y, bool) for y in (start, end)) and start <= end
            intent = term.get("political_intent")
            for area in self._items(intent, "target_areas"):
                if isinstance(area.get("id"), str):
                    self.area_years.setdefault(area["id"], (start, end) if valid else None)
                for commitment in self._items(area, "commitments"):
                    if isinstance(commitment.get("id"), str):
                        self.commitment_ids.add(commitment["id"])
        for goal in self._items(data, "council_goals"):
            if isinstance(goal.get("id"), str):
                self.council_goal_ids.add(goal["id"])
        for board in self._items(data, "boards"):
            for goal in self._items(board, "goals"):
                if isinstance(goal.get("id"), str):
                    self.goal_organ.setdefault(goal["id"], board.get("id"))

    # -- the document, in file order --

    def run(self) -> None:
        root = self.shape(self.data, "", "file")
        if root is None:
            return
        self.sdg_goals = dict(SdgGoal.objects.values_list("number", "pk"))
        self.sdg_targets = dict(SdgTarget.objects.values_list("number", "pk"))
        self.read_ahead()
        if "schema" in root and root["schema"] != SCHEMA_VERSION:
            self.add(
                "schema",
                _("okänd schemaversion %(version)s (Styrkraft läser version %(supported)s)")
                % {"version": root["schema"], "supported": SCHEMA_VERSION},
            )
        self.check_municipality(root.get("municipality"))
        if "vision" in root:
            self.check_vision(root["vision"])
        for path, raw in root.get("terms", []):
            self.check_term(raw, path)
        order = 0
        for section, kind in (("organs", "organ"), ("boards", "board")):
            for path, raw in root.get(section, []):
                self.check_organ(raw, path, kind, order)
                order += 1
        for order, (path, raw) in enumerate(root.get("council_goals", [])):
            self.check_council_goal(raw, path, order)
        for path, raw in root.get("assignments", []):
            self.check_assignment(raw, path)
        for path, raw in root.get("steering_documents", []):
            self.check_steering_document(raw, path)
        for path, raw in root.get("roles", []):
            self.check_role(raw, path)
        if not self.problems:
            self.resolve_links()
            self.clean_fields()

    def check_municipality(self, raw) -> None:
        node = self.shape(raw, "municipality", "municipality") if raw is not None else None
        node = node if node is not None else _Node("municipality")
        slug = self.ident(node, "municipality")
        kolada_id = node.get("kolada_id", "")
        if kolada_id and not _KOLADA_MUNICIPALITY.fullmatch(kolada_id):
            self.add(
                node.at("kolada_id"),
                _("ogiltigt kommun-id i Kolada '%(id)s' (fyra siffror, t.ex. '1980')") % {"id": kolada_id},
            )
        limits = {}
        for key, default in (
            ("max_goals_per_organ", settings.STYRKRAFT_DEFAULT_MAX_GOALS),
            ("min_target_areas", settings.STYRKRAFT_DEFAULT_MIN_TARGET_AREAS),
        ):
            limits[key] = node.get(key, default)
            if limits[key] < 1:
                self.add(node.at(key), _("måste vara minst 1"))
                limits[key] = default
        self.max_goals = limits["max_goals_per_organ"]
        self.demo = node.get("demo", False)
        self.plan.municipality = Municipality(
            slug=slug or "",
            name=self.text(node, "name", Municipality),
            kolada_id=kolada_id,
            kolada_peer_group=node.get("kolada_peer_group", ""),
            is_demo=self.demo,
            **limits,
        )
        self.paths[id(self.plan.municipality)] = node.path

    def check_vision(self, raw) -> None:
        node = self.shape(raw, "vision", "vision")
        if node is None:
            return
        self.plan.vision = Vision(
            municipality=self.plan.municipality,
            title=self.text(node, "title", Vision),
            text=node.get("text", ""),
        )
        self.paths[id(self.plan.vision)] = node.path

    def check_term(self, raw, path: str) -> None:
        node = self.shape(raw, path, "term")
        if node is None:
            return
        start, end = self.year(node, "start_year"), self.year(node, "end_year")
        term = Term(municipality=self.plan.municipality, start_year=start, end_year=end)
        if start is not None and end is not None:
            if end < start:
                self.add(
                    node.at("end_year"),
                    _("sista planåret %(end)s ligger före det första, %(start)s")
                    % {"end": end, "start": start},
                )
            else:
                for other in self.plan.terms:
                    if other.start_year <= end and start <= other.end_year:
                        self.add(
                            node.at("start_year"),
                            _("mandatperioden %(term)s överlappar mandatperioden %(other)s (%(path)s)")
                            % {
                                "term": _term_label((start, end)),
                                "other": _term_label((other.start_year, other.end_year)),
                                "path": self.paths[id(other)],
                            },
                        )
                        break
                else:
                    self.plan.terms.append(term)
                    self.paths[id(term)] = path
        if "political_intent" in node:
            self.check_intent(node["political_intent"], node.at("political_intent"), term)

    def check_intent(self, raw, path: str, term: Term) -> None:
        node = self.shape(raw, path, "political_intent")
        if node is None:
            return
        intent = PoliticalIntent(
            term=term, title=self.text(node, "title", PoliticalIntent), text=node.get("text", "")
        )
        if "decision" in node:
            decision = self.shape(node["decision"], node.at("decision"), "decision")
            if decision is not None:
                self.organ_ref(decision, "body", intent, "decided_by")
                intent.decided_on = decision.get("date")
                intent.paragraph = self.text(decision, "paragraph", PoliticalIntent)
                intent.case_number = self.text(decision, "case_number", PoliticalIntent)
        self.plan.intents.append(intent)
        self.paths[id(intent)] = path
        for order, (area_path, area_raw) in enumerate(node.get("target_areas", [])):
            self.check_target_area(area_raw, area_path, intent, order)

    def check_target_area(self, raw, path: str, intent: PoliticalIntent, order: int) -> None:
        node = self.shape(raw, path, "target_area")
        if node is None:
            return
        code = self.ident(node, "target_area")
        area = TargetArea(
            intent=intent, code=code or "", title=self.text(node, "title", TargetArea), order=order
        )
        self.plan.target_areas.append(area)
        self.paths[id(area)] = path
        if code:
            self.built["target_area"][code] = area
        for pk in self.sdg_goal_refs(node):
            self.plan.target_area_sdg_goals.append((area, pk))
        for position, (commitment_path, commitment_raw) in enumerate(node.get("commitments", [])):
            commitment_node = self.shape(commitment_raw, commitment_path, "commitment")
            if commitment_node is None:
                continue
            commitment_code = self.ident(commitment_node, "commitment")
            commitment = Commitment(
                target_area=area,
                code=commitment_code or "",
                text=commitment_node.get("text", ""),
                order=position,
            )
            self.plan.commitments.append(commitment)
            self.paths[id(commitment)] = commitment_path
            if commitment_code:
                self.built["commitment"][commitment_code] = commitment

    def check_organ(self, raw, path: str, kind: str, order: int) -> None:
        node = self.shape(raw, path, kind)
        if node is None:
            return
        slug = self.ident(node, "organ")
        if kind == "organ":
            allowed, hint = (
                NON_GOAL_SETTING_KINDS,
                _("; organ som sätter mål (ks, board, company) står under boards"),
            )
        else:
            allowed, hint = GOAL_SETTING_KINDS, _("; organ som inte sätter mål står under organs")
        organ = Organ(
            municipality=self.plan.municipality,
            slug=slug or "",
            name=self.text(node, "name", Organ),
            kind=self.choice(node, "kind", allowed, hint=hint),
            mandate=node.get("mandate", ""),
            kolada_peer_group=node.get("kolada_peer_group", ""),
            order=order,
            is_demo=node.get("demo", self.demo),
        )
        self.plan.organs.append(organ)
        self.paths[id(organ)] = path
        if slug:
            self.built["organ"][slug] = organ
        self.organ_ref(node, "parent", organ, "parent")
        if slug in self.cycles and node.get("parent") is not None:
            self.add(
                node.at("parent"), _("organen bildar en cirkel: %(cycle)s") % {"cycle": self.cycles[slug]}
            )
        goals_per_year: dict[int, int] = defaultdict(int)
        decisions = self.check_plan_decisions(node, organ)
        for goal_path, goal_raw in node.get("goals", []):
            self.check_goal(goal_raw, goal_path, organ, goals_per_year, decisions)
        for position, (indicator_path, indicator_raw) in enumerate(node.get("indicators", [])):
            self.check_indicator(indicator_raw, indicator_path, organ, None, None, position)

    def check_plan_decisions(self, node: _Node, organ: Organ) -> dict[int, Decision]:
        """A board's decisions on its plan years: the goals of a decided year load as decided (frozen,
        with their indicators' targets), with this decision reference."""
        decisions: dict[int, Decision] = {}
        for path, raw in node.get("decisions", []):
            item = self.shape(raw, path, "plan_decision")
            if item is None:
                continue
            year = self.year(item, "year")
            decision = Decision(
                municipality=self.plan.municipality,
                body=organ,
                decided_on=item.get("date"),
                paragraph=self.text(item, "paragraph", Decision),
                case_number=self.text(item, "case_number", Decision),
                title=self.text(item, "title", Decision)
                or _("Mål för %(organ)s %(year)s") % {"organ": organ.name, "year": year},
            )
            self.organ_ref(item, "body", decision, "body")
            if year in decisions:
                self.add(item.at("year"), _("planåret %(year)s har redan ett beslut") % {"year": year})
            elif year is not None:
                decisions[year] = decision
            self.plan.decisions.append(decision)
            self.paths[id(decision)] = path
        return decisions

    def record_state(self, node: _Node, instance, *, default: str, decided: bool, missing: str) -> None:
        """The records state of an assignment or steering document: `state` (utkast/upprättad/beslutad
        as draft/ready/decided); `decided` says whether the file gives the decision reference."""
        state = self.choice(node, "state", RecordState.values, default=default)
        if state == RecordState.DECIDED and not decided:
            self.add(node.at("state"), missing)
        instance.record_state = state
        instance.is_public = node.get("public", True)

    def check_goal(self, raw, path: str, organ: Organ, goals_per_year: dict, decisions: dict) -> None:
        node = self.shape(raw, path, "goal")
        if node is None:
            return
        code = self.ident(node, "goal")
        year = self.year(node, "year")
        goal = Goal(
            organ=organ,
            year=year,
            code=code or "",
            title=self.text(node, "title", Goal),
            rationale=node.get("rationale", ""),
            status=self.choice(
                node, "status", [Goal.Status.DRAFT, Goal.Status.READY], default=Goal.Status.DRAFT
            ),
            is_public=node.get("public", True),
            is_demo=node.get("demo", self.demo),
        )
        if year in decisions:
            if node.get("status", Goal.Status.READY) != Goal.Status.READY:
                self.add(
                    node.at("status"),
                    _("planåret %(year)s är beslutat (decisions); ett mål i det kan inte vara ett utkast")
                    % {"year": year},
                )
            goal.status, goal.decision = Goal.Status.DECIDED, decisions[year]
        self.plan.goals.append(goal)
        self.paths[id(goal)] = path
        if code:
            self.built["goal"][code] = goal
        years = self.area_ref(node, goal)
        self.year_within(node, year, years)
        if year is not None:
            if goals_per_year[year] >= self.max_goals:
                self.add(
                    path, rules.goal_limit_message(organ_name=organ.name, year=year, limit=self.max_goals)
                )
            goal.order = goals_per_year[year]
            goals_per_year[year] += 1
        for code_ in self.id_refs(node, "commitments", self.commitment_ids, _("okänd inriktning '%(id)s'")):
            self.plan.goal_links.append(("commitments", goal, ("commitment", code_)))
        for code_ in self.id_refs(
            node, "council_goals", self.council_goal_ids, _("okänt fullmäktigemål '%(id)s'")
        ):
            self.plan.goal_links.append(("council_goals", goal, ("council_goal", code_)))
        for pk in self.sdg_goal_refs(node):
            self.plan.goal_links.append(("sdg_goals", goal, pk))
        for number in self.id_refs(
            node, "sdg_targets", self.sdg_targets, _("okänt delmål i Agenda 2030 '%(id)s'")
        ):
            self.plan.goal_links.append(("sdg_targets", goal, self.sdg_targets[number]))
        has_responsible_organ = False
        if "responsible" in node:
            responsible = self.shape(node["responsible"], node.at("responsible"), "responsible")
            if responsible is not None:
                # An unknown organ is a problem of its own; rule 4 asks only that one is named.
                self.organ_ref(responsible, "organ", goal, "responsible_organ")
                has_responsible_organ = "organ" in responsible
                goal.responsible_person = self.text(responsible, "person", Goal, "responsible_person")
        views = []
        for position, (indicator_path, indicator_raw) in enumerate(node.get("indicators", [])):
            view = self.check_indicator(indicator_raw, indicator_path, organ, goal, years, position)
            if view is not None:
                views.append(view)
        if goal.status in (Goal.Status.READY, Goal.Status.DECIDED):
            self.check_ready(node, goal, has_responsible_organ, views)

    def check_ready(self, node: _Node, goal: Goal, has_responsible_organ: bool, indicators: list) -> None:
        """Rule 4, as the service applies it: a goal with an error finding is not ready for decision."""
        view = SimpleNamespace(
            organ=SimpleNamespace(slug=goal.organ.slug),
            title=goal.title,
            responsible_organ_id=1 if has_responsible_organ else None,
            responsible_person=goal.responsible_person,
            rationale=goal.rationale,
        )
        errors = [f for f in rules.goal_findings(view, indicators) if f.is_error]
        if errors:
            self.add(
                node.at("status"),
                _("Målet kan inte sättas till ”upprättad”: %(reasons)s")
                % {"reasons": " ".join(f.message for f in errors)},
            )

    def check_indicator(self, raw, path: str, organ: Organ, goal, years, order: int):
        """One indicator of an organ (of one of its goals when `goal` is given, whose term's plan years
        are `years`). Returns what rule 4 needs to know of it."""
        node = self.shape(raw, path, "indicator")
        if node is None:
            return None
        code = self.ident(node, f"indicator in {self.paths[id(organ)]}")  # ids are unique per organ
        kolada = node.get("kolada", "")
        if kolada and not _KOLADA_KPI.fullmatch(kolada):
            self.add(
                node.at("kolada"),
                _("ogiltigt Kolada-id '%(id)s' (ett Kolada-id ser ut som N15419 eller U23401)")
                % {"id": kolada},
            )
        indicator = Indicator(
            organ=organ,
            goal=goal,
            code=code or "",
            title=self.text(node, "title", Indicator),
            unit=self.text(node, "unit", Indicator),
            direction=self.choice(node, "direction", Indicator.Direction.values),
            source=Indicator.Source.KOLADA if kolada else Indicator.Source.OWN,
            kolada_id=kolada,
            order=order,
            is_demo=node.get("demo", self.demo),
        )
        if goal is not None and goal.status == Goal.Status.DECIDED:
            indicator.targets_state, indicator.targets_decision = RecordState.DECIDED, goal.decision
        self.plan.indicators.append(indicator)
        self.paths[id(indicator)] = path
        if "baseline" in node:
            baseline = self.shape(node["baseline"], node.at("baseline"), "baseline")
            if baseline is not None:
                indicator.baseline_year = self.year(baseline, "year")
                indicator.baseline_value = baseline.get("value")
        for year, (_path, value) in sorted(node.get("values", {}).items()):
            self.plan.values.append((indicator, year, value))
        targets = _Figures()
        for year, (target_path, value) in sorted(node.get("targets", {}).items()):
            if years is not None and not years[0] <= year <= years[1]:
                self.add(
                    target_path,
                    _("målvärdet för %(year)s ligger utanför mandatperioden %(term)s")
                    % {"year": year, "term": _term_label(years)},
                )
            self.plan.targets.append((indicator, year, value))
            targets.append(year)
        return SimpleNamespace(has_baseline=indicator.has_baseline, targets=targets)

    def check_council_goal(self, raw, path: str, order: int) -> None:
        node = self.shape(raw, path, "council_goal")
        if node is None:
            return
        code = self.ident(node, "council_goal")
        year = self.year(node, "year")
        goal = CouncilGoal(
            municipality=self.plan.municipality,
            year=year,
            code=code or "",
            title=self.text(node, "title", CouncilGoal),
            description=node.get("description", ""),
            order=order,
            is_demo=node.get("demo", self.demo),
        )
        self.plan.council_goals.append(goal)
        self.paths[id(goal)] = path
        if code:
            self.built["council_goal"][code] = goal
        self.year_within(node, year, self.area_ref(node, goal))

    def check_assignment(self, raw, path: str) -> None:
        node = self.shape(raw, path, "assignment")
        if node is None:
            return
        code = self.ident(node, "assignment")
        assignment = Assignment(
            municipality=self.plan.municipality,
            code=code or "",
            year=self.year(node, "year"),
            title=self.text(node, "title", Assignment),
            description=node.get("description", ""),
            deadline=node.get("deadline"),
            report_back=self.text(node, "report_back", Assignment),
            status=self.choice(
                node, "status", Assignment.Status.values, default=Assignment.Status.NOT_STARTED
            ),
            is_demo=node.get("demo", self.demo),
        )
        self.plan.assignments.append(assignment)
        self.paths[id(assignment)] = path
        decision = (
            self.shape(node["decision"], node.at("decision"), "decision") if "decision" in node else None
        )
        if decision is not None:
            assignment.decision = Decision(
                municipality=self.plan.municipality,
                decided_on=decision.get("date"),
                paragraph=self.text(decision, "paragraph", Decision),
                case_number=self.text(decision, "case_number", Decision),
                title=assignment.title[:300],
            )
            if "body" in decision:
                self.organ_ref(decision, "body", assignment.decision, "body")
            else:
                self.add(decision.path, _("beslutet behöver body (det beslutande organet)"))
            if decision.get("date") is None:
                self.add(decision.path, _("beslutet behöver date (beslutsdatum)"))
            self.plan.decisions.append(assignment.decision)
            self.paths[id(assignment.decision)] = decision.path
        self.record_state(
            node,
            assignment,
            default=RecordState.DECIDED if decision is not None else RecordState.READY,
            decided=decision is not None,
            missing=_("ett beslutat uppdrag behöver decision (beslutande organ och datum)"),
        )
        giver = self.organ_ref(node, "giver", assignment, "giver")
        receiver = self.organ_ref(node, "receiver", assignment, "receiver")
        if giver and receiver and giver == receiver:
            # The same words as Assignment.clean().
            self.add(node.at("receiver"), _("Ett uppdrag ges till ett annat organ än uppdragsgivaren."))
        goal = node.get("goal")
        if goal is not None:
            if goal not in self.goal_organ:
                self.add(node.at("goal"), _("okänt mål '%(id)s'") % {"id": goal})
            else:
                self.links.append((assignment, "goal", "goal", goal))
                if receiver and self.goal_organ[goal] != receiver:
                    self.add(node.at("goal"), _("Målet hör till ett annat organ än mottagaren."))

    def check_steering_document(self, raw, path: str) -> None:
        node = self.shape(raw, path, "steering_document")
        if node is None:
            return
        code = self.ident(node, "steering_document")
        document = SteeringDocument(
            municipality=self.plan.municipality,
            code=code or "",
            title=self.text(node, "title", SteeringDocument),
            doc_type=self.choice(node, "type", SteeringDocument.Type.values),
            decided_on=node.get("decided_on"),
            paragraph=self.text(node, "paragraph", SteeringDocument),
            case_number=self.text(node, "case_number", SteeringDocument),
            next_review=node.get("next_review"),
            status=self.choice(
                node, "status", SteeringDocument.Status.values, default=SteeringDocument.Status.IN_FORCE
            ),
            is_demo=node.get("demo", self.demo),
        )
        self.plan.steering_documents.append(document)
        self.paths[id(document)] = path
        self.organ_ref(node, "owner", document, "owner")
        self.organ_ref(node, "decided_by", document, "decided_by")
        decided = "decided_by" in node and "decided_on" in node
        self.record_state(
            node,
            document,
            default=RecordState.DECIDED if decided else RecordState.DRAFT,
            decided=decided,
            missing=_("ett beslutat styrdokument behöver decided_by och decided_on"),
        )

    def check_role(self, raw, path: str) -> None:
        node = self.shape(raw, path, "role")
        if node is None:
            return
        username, email = node.get("user"), node.get("email", "")
        if username is not None:
            try:
                UnicodeUsernameValidator()(username)
                MaxLengthValidator(150)(username)
            except ValidationError:
                self.add(
                    node.at("user"),
                    _("ogiltigt användarnamn '%(user)s' (bokstäver, siffror och @ . + - _, högst 150 tecken)")
                    % {"user": username},
                )
                username = None
        if email:
            try:
                validate_email(email)
            except ValidationError:
                self.add(node.at("email"), _("ogiltig e-postadress '%(email)s'") % {"email": email})
                email = ""
        role = None
        if "role" in node:
            role = parse_role(node["role"])
            if role is None:
                self.add(
                    node.at("role"),
                    _("ogiltigt värde '%(value)s' (tillåtna värden: %(choices)s)")
                    % {"value": node["role"], "choices": ", ".join(ROLE_NAMES)},
                )
        organ = node.get("organ")
        if organ is not None and organ not in self.organ_names:
            self.add(node.at("organ"), _("okänt organ '%(id)s'") % {"id": organ})
            organ = None
        if username is None or role is None or organ is None:
            return
        key = (username.lower(), role, organ)
        first = self.seen["role"].get(key)
        if first is not None:
            self.add(path, _("dubblett: samma roll står redan i %(first)s") % {"first": first})
            return
        self.seen["role"][key] = path
        if email:
            earlier = self.role_emails.setdefault(username.lower(), (email, path))
            if earlier[0].lower() != email.lower():
                self.add(
                    node.at("email"),
                    _("användaren '%(user)s' har en annan e-postadress i %(first)s")
                    % {"user": username, "first": earlier[1]},
                )
                return
        self.plan.roles.append(PlannedRole(user=username, email=email, role=role, organ=organ))

    # -- after the checks --

    def resolve_links(self) -> None:
        for instance, attribute, kind, key in self.links:
            setattr(instance, attribute, self.built[kind][key])
        self.plan.goal_links = [
            (name, goal, self.built[target[0]][target[1]] if isinstance(target, tuple) else target)
            for name, goal, target in self.plan.goal_links
        ]

    def clean_fields(self) -> None:
        """Every object's own field validation (what full_clean() does without queries), as a last net
        under the checks above. Yearly figures are checked above and skipped here for speed."""
        plan = self.plan
        objects = [plan.municipality, *([plan.vision] if plan.vision else []), *plan.terms, *plan.intents]
        objects += [*plan.target_areas, *plan.commitments, *plan.organs, *plan.council_goals, *plan.decisions]
        objects += plan.goals
        objects += [*plan.indicators, *plan.assignments, *plan.steering_documents]
        for instance in objects:
            relations = [f.name for f in instance._meta.concrete_fields if f.is_relation]
            try:
                instance.clean_fields(exclude=relations)
            except ValidationError as exc:
                path = self.paths.get(id(instance), ROOT_PATH)
                for name, messages in exc.message_dict.items():
                    for message in messages:
                        self.add(_join(path, name), message)


def build_plan(data) -> Plan:
    """The unsaved objects of a model file's data. Raises ModelFileError with every problem."""
    checker = check_model_file(data)
    if checker.problems:
        raise ModelFileError(checker.problems)
    return checker.plan


def check_model_file(data) -> "_Checker":
    """Run every check; the result has .problems and, when there are none, a complete .plan."""
    checker = _Checker(data)
    checker.run()
    return checker


def validate_model_file(data) -> list[Problem]:
    """Every problem of a model file's data (parsed YAML or a dict in the same form); [] when valid."""
    return check_model_file(data).problems
