"""Form fields every form of the product uses for ids and versions, so that no input reaches the
database as a number it cannot hold, and the reading of whole numbers from URLs and query parameters."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

# The integers both databases hold: SQLite's INTEGER and PostgreSQL's bigint are 64-bit. A larger id
# in an `IN (...)` list makes SQLite's driver raise OverflowError (a server error), so an id outside
# this range is refused as a choice that does not exist before any query is made.
DB_INT_MIN, DB_INT_MAX = -(2**63), 2**63 - 1
# What the `version` column (PositiveIntegerField) holds on every database.
VERSION_MAX = 2**31 - 1


def whole_number(text: str, *, max_digits: int = 19) -> int | None:
    """A whole number as written in a URL or a query parameter: ASCII digits only (Python's isdigit
    also accepts '²' and '٣', which int() refuses) and at most `max_digits` of them (int() refuses more
    than 4,300); None for anything else."""
    if not (text.isascii() and text.isdigit()) or len(text) > max_digits:
        return None
    return int(text)


def id_from_text(text: str) -> int | None:
    """A database id as written in a URL or a query parameter, within what the database holds, or None."""
    number = whole_number(text)
    return number if number is not None and number <= DB_INT_MAX else None


def _out_of_range(field, value) -> bool:
    """Whether `value` is a whole number the chosen model's integer key cannot hold (other values are
    left to Django, which refuses what is not a number)."""
    key = field.queryset.model._meta.get_field(field.to_field_name) if field.to_field_name else None
    key = key or field.queryset.model._meta.pk
    if not isinstance(key, models.IntegerField):
        return False
    try:
        number = int(str(value).strip())  # as Django reads it: '+5', '1_000' and '٣' are numbers too
    except ValueError:
        return False  # Django refuses it too (not a number, or more than int()'s 4,300 digits)
    return not DB_INT_MIN <= number <= DB_INT_MAX


class ModelChoiceField(forms.ModelChoiceField):
    """Django's ModelChoiceField, refusing an id the database cannot hold as an unknown choice. Every
    form uses this one (never django.forms.ModelChoiceField)."""

    def to_python(self, value):
        if value not in self.empty_values and _out_of_range(self, value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's ModelMultipleChoiceField, refusing an id the database cannot hold as an unknown choice
    (on SQLite such an id made the query raise OverflowError). Every form uses this one."""

    def _check_values(self, value):
        for pk in value if isinstance(value, list | tuple) else []:
            if _out_of_range(self, pk):
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": pk}
                )
        return super()._check_values(value)


def version_field(**kwargs) -> forms.IntegerField:
    """The version of an item as the user opened it (sent back with the form, for optimistic locking)."""
    return forms.IntegerField(min_value=1, max_value=VERSION_MAX, **kwargs)
