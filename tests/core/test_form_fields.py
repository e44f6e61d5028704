"""The shared form fields for ids and versions (styrkraft.core.fields): an id no database can hold is an
unknown choice, never a query that crashes (issue 8, point 4)."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from styrkraft.core import fields
from styrkraft.org.models import Organ

HUGE = "99999999999999999999"


@pytest.mark.parametrize(
    "value",
    [HUGE, "-" + HUGE, "+" + HUGE, "99_999_999_999_999_999_999", str(2**63), str(-(2**63) - 1), "9" * 5000],
)
def test_an_id_out_of_the_database_range_is_an_unknown_choice(board_a, value):
    single = fields.ModelChoiceField(queryset=Organ.objects.all())
    multiple = fields.ModelMultipleChoiceField(queryset=Organ.objects.all())
    with pytest.raises(ValidationError) as one:
        single.clean(value)
    with pytest.raises(ValidationError) as many:
        multiple.clean([str(board_a.pk), value])
    # Beyond int()'s 4,300 digits Django itself refuses the value as no id at all.
    assert {one.value.code, many.value.code} <= {"invalid_choice", "invalid_pk_value"}


def test_ids_in_range_are_chosen_as_before(board_a):
    assert fields.ModelChoiceField(queryset=Organ.objects.all()).clean(str(board_a.pk)) == board_a
    chosen = fields.ModelMultipleChoiceField(queryset=Organ.objects.all()).clean([str(board_a.pk)])
    assert list(chosen) == [board_a]


def test_a_version_too_large_for_the_column_is_refused():
    with pytest.raises(ValidationError):
        fields.version_field().clean(str(2**31))
    assert fields.version_field().clean(str(2**31 - 1)) == 2**31 - 1


@pytest.mark.parametrize(
    ("text", "number"), [("12", 12), ("²", None), ("٣", None), ("", None), (HUGE, None), ("9" * 5000, None)]
)
def test_id_from_text_takes_only_ascii_digits_the_database_holds(text, number):
    assert fields.id_from_text(text) == number


def test_every_form_uses_the_shared_choice_fields():
    """Django's own ModelChoiceField lets an id no database holds through to the query."""
    package = Path(fields.__file__).resolve().parents[1]
    offenders = []
    for path in sorted(package.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if path != Path(fields.__file__).resolve() and (
            "forms.ModelChoiceField(" in text or "forms.ModelMultipleChoiceField(" in text
        ):
            offenders.append(str(path.relative_to(package)))
    assert offenders == []
