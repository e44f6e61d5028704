"""Editing forms for indicators: the indicator itself, and the table of its yearly values and targets."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from styrkraft.core.editing import EditForm, format_decimal
from styrkraft.indicators.models import Indicator

MAX_INTEGER_DIGITS = 12  # the models store 14 digits, 2 of them decimals
YEARS_BEFORE_BASELINE = 3
SPACES = re.compile(r"[\s\u00a0\u202f]")


def parse_decimal(text: str) -> Decimal:
    """A number as a Swede or a computer writes it: '1 234,5', '1234.5', '-3'. Raises ValueError."""
    cleaned = SPACES.sub("", text).replace(",", ".")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", cleaned):
        raise ValueError(text)
    try:
        return Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(text) from exc


class SwedishDecimalField(forms.Field):
    """A decimal number typed with a comma or a point (a Swede writes 12,5)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "maxlength": 40}))
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        return format_decimal(value) if isinstance(value, Decimal) else value

    def to_python(self, value):
        text = str(value).strip() if value is not None else ""
        if text in self.empty_values:
            return None
        try:
            number = parse_decimal(text)
        except ValueError:
            raise ValidationError(
                _("”%(value)s” är inte ett tal. Skriv till exempel 12,5."),
                code="invalid",
                params={"value": text},
            ) from None
        sign, digits, exponent = number.as_tuple()
        if -exponent > 2:
            raise ValidationError(_("Skriv högst två decimaler."), code="decimals")
        if len(digits) + exponent > MAX_INTEGER_DIGITS:
            raise ValidationError(_("Talet är för stort."), code="too_large")
        return number


class IndicatorForm(EditForm):
    title = forms.CharField(label=_("Nyckeltal"), max_length=300)
    unit = forms.CharField(
        label=_("Enhet"), max_length=40, required=False, help_text=_("Till exempel %, kr eller antal.")
    )
    direction = forms.ChoiceField(
        label=_("Riktning"), choices=Indicator.Direction.choices, widget=forms.RadioSelect
    )
    source = forms.ChoiceField(label=_("Källa"), choices=Indicator.Source.choices, widget=forms.RadioSelect)
    kolada_id = forms.CharField(
        label=_("Kolada-id"),
        max_length=6,
        required=False,
        help_text=_("Bara för nyckeltal från Kolada, till exempel N15419."),
    )
    baseline_year = forms.IntegerField(
        label=_("Utgångsår"),
        required=False,
        min_value=1900,
        max_value=2100,
        help_text=_("Utgångsläget behöver både år och värde."),
    )
    baseline_value = SwedishDecimalField(label=_("Utgångsvärde"))

    def __init__(self, *args, indicator: Indicator | None = None, **kwargs):
        if indicator is not None:
            kwargs.setdefault(
                "initial",
                {
                    "title": indicator.title,
                    "unit": indicator.unit,
                    "direction": indicator.direction,
                    "source": indicator.source,
                    "kolada_id": indicator.kolada_id,
                    "baseline_year": indicator.baseline_year,
                    "baseline_value": indicator.baseline_value,
                },
            )
        else:
            kwargs.setdefault(
                "initial", {"direction": Indicator.Direction.HIGHER, "source": Indicator.Source.OWN}
            )
        super().__init__(*args, **kwargs)
        if indicator is not None:
            self.add_version_field(indicator.version)

    def clean_kolada_id(self):
        return self.cleaned_data["kolada_id"].strip().upper()


class FiguresForm(EditForm):
    """One row per year: the value (utfall) and the target (målvärde). An empty cell means none; a cell
    emptied removes what was stored. One bad cell and nothing is saved. With `targets_frozen` (decided
    targets) the targets are shown, not asked for: only the values are saved."""

    def __init__(self, *args, indicator: Indicator, years: list[int], targets_frozen: bool = False, **kwargs):
        values = {v.year: v.value for v in indicator.values.all()}
        targets = {t.year: t.value for t in indicator.targets.all()}
        initial = {}
        for year in years:
            initial[f"value_{year}"] = values.get(year)
            initial[f"target_{year}"] = targets.get(year)
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.years = years
        self.targets_frozen = targets_frozen
        self.stored_targets = targets
        for year in years:
            self.fields[f"value_{year}"] = SwedishDecimalField(label=_("Utfall %(year)s") % {"year": year})
            if not targets_frozen:
                self.fields[f"target_{year}"] = SwedishDecimalField(
                    label=_("Målvärde %(year)s") % {"year": year}
                )
        self.add_version_field(indicator.version)

    def figures(self) -> tuple[dict, dict]:
        """The values and targets to save, by year (None: none); no targets when they are frozen."""
        data = self.cleaned_data
        return (
            {year: data[f"value_{year}"] for year in self.years},
            {} if self.targets_frozen else {year: data[f"target_{year}"] for year in self.years},
        )

    def stored_values(self, instance: Indicator) -> dict:
        """The stored figures by field name (value_2024, target_2024), for the three-way merge."""
        values = {v.year: v.value for v in instance.values.all()}
        targets = {t.year: t.value for t in instance.targets.all()}
        stored = {}
        for year in self.years:
            stored[f"value_{year}"] = values.get(year)
            stored[f"target_{year}"] = targets.get(year)
        return stored

    def rows(self) -> list[dict]:
        stored = self.stored_values(self.conflict_current) if self.conflict_current is not None else {}
        return [
            {
                "year": year,
                "value": self[f"value_{year}"],
                "target": None if self.targets_frozen else self[f"target_{year}"],
                "target_text": format_decimal(self.stored_targets.get(year)) or "–",
                "stored_value": format_decimal(stored.get(f"value_{year}")) or "–",
                "stored_target": format_decimal(stored.get(f"target_{year}")) or "–",
            }
            for year in self.years
        ]


def figure_years(indicator: Indicator) -> list[int]:
    """The rows of the figures table: from a few years before the baseline to the last plan year of the
    goal's term, widened to every year that already has a value or a target."""
    goal = indicator.goal
    term = goal.target_area.intent.term if goal else None
    stored = [v.year for v in indicator.values.all()] + [t.year for t in indicator.targets.all()]
    this_year = timezone.localdate().year
    start = indicator.baseline_year or (term.start_year if term else this_year)
    first = min([start - YEARS_BEFORE_BASELINE, *stored])
    last = max([term.end_year if term else this_year, *stored])
    return list(range(first, last + 1))


class FiguresImportForm(EditForm):
    """The file to import (styrkraft.indicators.fileimport reads it; its problems land on the form)."""

    fil = forms.FileField(
        label=_("Fil"),
        allow_empty_file=True,  # fileimport says "Filen är tom." in its own words
        help_text=_("En CSV-fil (.csv) eller en Excel-fil (.xlsx), högst 1 MB."),
        widget=forms.FileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def add_problems(self, problems: list[str]) -> None:
        self.add_error(None, problems)
