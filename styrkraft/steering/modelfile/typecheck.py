"""The generic part of checking a model file: an object's keys against the schema and the types and
forms of its values (text, numbers, dates, years, ids, choices). `TypeChecker` collects every problem
with its place; the model's own checks build on it (validate.py)."""

import datetime
import difflib
from collections import defaultdict
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext as _

from styrkraft.steering.modelfile.parsing import Problem, got, join_path, type_message
from styrkraft.steering.modelfile.schema import (
    DECIMAL_PLACES,
    ID_MAX_LENGTH,
    ID_PATTERN,
    ISO_DATE,
    MAX_INTEGER_DIGITS,
    MAX_YEAR,
    MIN_YEAR,
    ROOT_PATH,
    SCHEMA,
)

INVALID = object()  # what a check returns for a value it reported as a problem


class Node(dict):
    """The checked values of one object of the file, with its place in the file."""

    def __init__(self, path: str):
        super().__init__()
        self.path = path

    def at(self, key) -> str:
        return join_path(self.path, key)


class TypeChecker:
    """Checks values against the schema and collects the problems."""

    def __init__(self):
        self.problems: list[Problem] = []
        # ids seen so far, per kind: id -> the path where it was first given
        self.seen = defaultdict(dict)

    def add(self, path: str, message: str) -> None:
        self.problems.append(Problem(path or ROOT_PATH, message))

    # -- shape and types --

    def shape(self, raw, path: str, kind: str) -> Node | None:
        """Check an object's keys and the types of its values; return the values that are right."""
        if not isinstance(raw, dict):
            self.add(path, type_message("object", raw))
            return None
        spec = SCHEMA[kind]
        node = Node(path)
        for key in raw:
            if key not in spec:
                self.add(join_path(path, key), self.unknown_key(key, spec))
        for key, (kind_of_value, required) in spec.items():
            key_path = join_path(path, key)
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
            if checked is not INVALID:
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
                self.add(path, type_message("list", value))
                return INVALID
            items = [(f"{path}[{i}]", item) for i, item in enumerate(value)]
            if inner in SCHEMA:
                return items  # objects are shaped by the check that walks them, in file order
            checked = [(p, self.scalar(item, p, inner)) for p, item in items]
            return [(p, v) for p, v in checked if v is not INVALID]
        if kind == "yearmap":
            return self.yearmap(value, path)
        if kind in SCHEMA:
            if not isinstance(value, dict):
                self.add(path, type_message("object", value))
                return INVALID
            return value
        return self.scalar(value, path, kind)

    def scalar(self, value, path: str, kind: str):
        if kind == "date" and isinstance(value, str):
            try:
                if not ISO_DATE.fullmatch(value):
                    raise ValueError(value)
                return datetime.date.fromisoformat(value)
            except ValueError:
                self.add(path, _("ogiltigt datum '%(value)s' (skriv ÅÅÅÅ-MM-DD)") % {"value": value})
                return INVALID
        is_number = isinstance(value, int | float | Decimal) and not isinstance(value, bool)
        right = {
            "text": isinstance(value, str),
            "int": isinstance(value, int) and not isinstance(value, bool),
            "number": is_number,
            "bool": isinstance(value, bool),
            "date": isinstance(value, datetime.date) and not isinstance(value, datetime.datetime),
        }[kind]
        if not right:
            self.add(path, type_message(kind, value))
            return INVALID
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
            return INVALID
        if abs(number) >= Decimal(10) ** MAX_INTEGER_DIGITS:
            self.add(
                path,
                _("talet %(value)s är för stort (högst 12 siffror före decimaltecknet)") % {"value": value},
            )
            return INVALID
        if number.quantize(Decimal(1).scaleb(-DECIMAL_PLACES)) != number:
            self.add(path, _("för många decimaler i %(value)s (högst två)") % {"value": value})
            return INVALID
        return number

    def yearmap(self, value, path: str):
        if not isinstance(value, dict):
            self.add(path, type_message("yearmap", value))
            return INVALID
        result = {}
        for key, item in value.items():
            key_path = join_path(path, key)
            if isinstance(key, int) and not isinstance(key, bool):
                year = key
            elif isinstance(key, str) and key.isascii() and key.isdigit() and len(key) < 10:
                year = int(key)
            else:
                self.add(key_path, _("förväntade ett årtal som nyckel, fick %(got)s") % {"got": got(key)})
                continue
            if not self.year_in_range(year, key_path):
                continue
            number = self.scalar(item, key_path, "number")
            if number is not INVALID:
                result[year] = (key_path, number)
        return result

    def year_in_range(self, year: int, path: str) -> bool:
        if MIN_YEAR <= year <= MAX_YEAR:
            return True
        self.add(path, _("orimligt årtal %(year)s") % {"year": year})
        return False

    def year(self, node: Node, key: str) -> int | None:
        value = node.get(key)
        if value is None or not self.year_in_range(value, node.at(key)):
            return None
        return value

    # -- values with rules of their own --

    def ident(self, node: Node | None, kind: str) -> str | None:
        """The object's id, checked for form and for uniqueness among ids of the same kind."""
        value = node.get("id") if node is not None else None
        if value is None:
            return None
        path = node.at("id")
        if len(value) > ID_MAX_LENGTH:
            self.add(path, _("id:t är för långt (%(length)s tecken, högst 60)") % {"length": len(value)})
            return None
        if not ID_PATTERN.fullmatch(value):
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

    def text(self, node: Node, key: str, model, field_name: str | None = None) -> str:
        """A text within the model field's maximum length and passing its validators (a decision's §
        and diarienummer), as full_clean() would check it."""
        value = node.get(key, "")
        field = model._meta.get_field(field_name or key)
        limit = field.max_length
        if limit and len(value) > limit:
            self.add(
                node.at(key),
                _("texten är för lång (%(length)s tecken, högst %(limit)s)")
                % {"length": len(value), "limit": limit},
            )
        elif value:
            self.validated(node, key, value, *field.validators)
        return value

    def date(self, node: Node, key: str, *checks):
        """A date of the file, checked as the model checks it (validators.validate_plausible_date, …)."""
        value = node.get(key)
        if value is not None:
            self.validated(node, key, value, *checks)
        return value

    def validated(self, node: Node, key: str, value, *checks) -> None:
        for check in checks:
            if isinstance(check, MaxLengthValidator):
                continue  # said above in the file's own words
            try:
                check(value)
            except ValidationError as exc:
                self.add(node.at(key), " ".join(exc.messages))

    def choice(self, node: Node, key: str, choices: list[str], default: str = "", hint: str = "") -> str:
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
