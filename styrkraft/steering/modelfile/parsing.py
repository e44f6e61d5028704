"""Reading a model file's YAML text, and the words of its problems: `Problem`, `ModelFileError`,
`parse_model_file` and the helpers that say where a problem is and what was expected."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import yaml
from django.utils.translation import gettext as _

from styrkraft.steering.modelfile.schema import ROOT_PATH


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


# --- Words of a problem ---------------------------------------------------------------------------


def join_path(path: str, key) -> str:
    """The place of `key` inside the object at `path` (`boards[3]` + `name`: `boards[3].name`)."""
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


def got(value) -> str:
    """What a value is, in Swedish words, for a message that says what was expected instead."""
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


def type_message(kind: str, value) -> str:
    """The problem of a value of the wrong type: what was expected (`kind`) and what was given."""
    message = _("förväntade %(expected)s, fick %(got)s") % {"expected": _expected(kind), "got": got(value)}
    if kind == "text" and isinstance(value, int | float | datetime.date) and not isinstance(value, bool):
        message += _("; skriv värdet inom citattecken")
    return message


def term_label(years: tuple[int, int]) -> str:
    """A term's plan years as the UI writes them: 2023–2026."""
    return f"{years[0]}–{years[1]}"
