"""Reading yearly values (utfall) and targets (målvärde) from a CSV or Excel (.xlsx) file.

The layout (docs/indicators-import.md): a header row, then one row per indicator and year, with the
columns `nyckeltal` (the indicator's id; needed when a file holds several indicators of an organ), `år`,
`utfall` and/or `målvärde`, and optionally `titel` (ignored, for people reading the file). Column names
are case-insensitive and the columns may come in any order. An empty cell changes nothing, and a row
without utfall and målvärde is passed over (the template lists every year of the figures table).

Everything is checked before anything is written: `read_figures` returns every row ready for the service
`indicator_figures_import`, or raises `ImportRefused` listing every problem (row, column, reason)."""

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from styrkraft.indicators import services
from styrkraft.indicators.filerows import (  # noqa: F401 (MAX_*, read_upload: part of this module's interface)
    MAX_FILE_BYTES,
    MAX_ROWS,
    ImportRefused,
    Problem,
    blank,
    decode,
    delimiter,
    read_rows,
    read_upload,
    shown,
)
from styrkraft.indicators.forms import MAX_INTEGER_DIGITS, parse_decimal
from styrkraft.indicators.models import Indicator, IndicatorTarget
from styrkraft.org.models import Organ

FIRST_YEAR, LAST_YEAR = 1900, 2100

# Column -> the header names accepted for it (compared lower-case).
COLUMNS = {
    "nyckeltal": {"nyckeltal", "id", "kod"},
    "år": {"år", "ar", "year"},
    "utfall": {"utfall", "värde", "varde", "value"},
    "målvärde": {"målvärde", "malvarde", "mål", "target"},
    "titel": {"titel", "namn", "title"},
}
ALIASES = {alias: column for column, aliases in COLUMNS.items() for alias in aliases}


@dataclass(frozen=True)
class FigureRow:
    """One row of the file, checked: the indicator, the year, and the value and/or target to set."""

    row: int
    indicator: Indicator
    year: int
    value: Decimal | None
    target: Decimal | None


# --- Cells ---------------------------------------------------------------------------------------


def parse_year(cell) -> int:
    """A year from a cell (2024, 2024.0 or '2024'); ValueError with the reason in Swedish."""
    if isinstance(cell, int) and not isinstance(cell, bool):
        year = cell
    elif isinstance(cell, float) and cell.is_integer():
        year = int(cell)
    elif isinstance(cell, str) and re.fullmatch(r"\d{4}", cell.strip()):
        year = int(cell.strip())
    else:
        raise ValueError(_("%(cell)s är inget år.") % {"cell": shown(cell)})
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(
            _("%(year)s ligger utanför %(first)s–%(last)s.")
            % {"year": year, "first": FIRST_YEAR, "last": LAST_YEAR}
        )
    return year


def parse_number(cell) -> Decimal:
    """A value from a cell: a number from Excel, or text written the Swedish way ('1 234,5') or with a
    point. At most two decimals; an Excel float off by binary rounding noise (57.2000000001) is 57.2."""
    if isinstance(cell, bool | datetime | date | time) or (
        isinstance(cell, float) and not math.isfinite(cell)
    ):
        raise ValueError(_("%(cell)s är inget tal.") % {"cell": shown(cell)})
    if isinstance(cell, float):
        if abs(cell) >= 10**MAX_INTEGER_DIGITS:
            raise ValueError(_("%(cell)s är ett för stort tal.") % {"cell": shown(cell)})
        number = Decimal(repr(cell))
        rounded = number.quantize(Decimal("0.01"))
        if abs(float(rounded) - cell) <= 1e-9 * max(1.0, abs(cell)):
            number = rounded
    elif isinstance(cell, int):
        number = Decimal(cell)
    else:
        try:
            number = parse_decimal(str(cell))
        except ValueError:
            raise ValueError(_("%(cell)s är inget tal.") % {"cell": shown(cell)}) from None
    _sign, digits, exponent = number.normalize().as_tuple()
    if len(digits) + exponent > MAX_INTEGER_DIGITS:
        raise ValueError(_("%(cell)s är ett för stort tal.") % {"cell": shown(cell)})
    if -exponent > 2:
        raise ValueError(_("%(cell)s har fler än två decimaler.") % {"cell": shown(cell)})
    return number


# --- The whole file: header, rows, indicators ----------------------------------------------------


def _header(number: int, cells: list, *, organ_wide: bool) -> tuple[dict[str, int], list[Problem]]:
    """The header row: column name -> position, and what is wrong with it."""
    positions: dict[str, int] = {}
    problems = []
    for i, cell in enumerate(cells):
        if blank(cell):
            continue
        name = shown(cell).lower()
        column = ALIASES.get(name)
        if column is None:
            problems.append(
                Problem(
                    _(
                        "kolumnen ”%(name)s” känns inte igen. Kolumnerna heter nyckeltal, år, utfall och målvärde."
                    )
                    % {"name": shown(cell)},
                    row=number,
                )
            )
        elif column in positions:
            problems.append(
                Problem(_("kolumnen %(column)s finns två gånger.") % {"column": column}, row=number)
            )
        else:
            positions[column] = i
    if "år" not in positions:
        problems.append(Problem(_("kolumnen år saknas."), row=number))
    if "utfall" not in positions and "målvärde" not in positions:
        problems.append(
            Problem(_("kolumnen utfall eller målvärde saknas (det räcker med den ena)."), row=number)
        )
    if organ_wide and "nyckeltal" not in positions:
        problems.append(
            Problem(_("kolumnen nyckeltal saknas; den anger vilket nyckeltal raden gäller."), row=number)
        )
    return positions, problems


def read_figures(
    name: str, data: bytes, *, organ: Organ, indicator: Indicator | None = None
) -> list[FigureRow]:
    """Every row of the file checked against the organ's indicators (or the one `indicator`), ready to
    write; raises ImportRefused listing every problem. Reads the database, writes nothing."""
    rows = read_rows(name, data)
    header_number, header_cells = rows[0]
    positions, problems = _header(header_number, header_cells, organ_wide=indicator is None)
    if problems:
        raise ImportRefused(problems)
    if len(rows) == 1:
        raise ImportRefused([Problem(_("Filen har en rubrikrad men inga rader med värden."))])
    checker = _RowChecker(
        organ=organ,
        indicator=indicator,
        positions=positions,
        comma_hint=name.lower().endswith(".csv") and delimiter(decode(data)) == ",",
    )
    figures = []
    for number, cells in rows[1:]:
        row_problems, figure = checker.check(number, cells)
        problems += row_problems
        if figure is not None:
            figures.append(figure)
    if problems:
        raise ImportRefused(problems)
    if not figures:
        raise ImportRefused([Problem(_("Filen har inga ifyllda utfall eller målvärden."))])
    return figures


class _RowChecker:
    """Checks one row after another; remembers the years seen, to refuse a year given twice."""

    def __init__(self, *, organ: Organ, indicator: Indicator | None, positions: dict, comma_hint: bool):
        self.organ, self.indicator, self.positions = organ, indicator, positions
        self.width = max(positions.values()) + 1
        self.comma_hint = comma_hint
        self.indicators = _indicators(organ, indicator)
        self.current_targets = {
            (indicator_id, year): value
            for indicator_id, year, value in IndicatorTarget.objects.filter(
                indicator__in=[i.pk for i in self.indicators.values()]
            ).values_list("indicator_id", "year", "value")
        }
        self.seen: dict[tuple[int, int], int] = {}
        self.frozen: dict[int, str] = {}
        self.replaced: dict[int, str] = {}  # why a replaced version's indicator is refused, by pk

    def check(self, number: int, cells: list) -> tuple[list[Problem], FigureRow | None]:
        def cell(column):
            i = self.positions.get(column)
            return cells[i] if i is not None and i < len(cells) else None

        extra = [c for c in cells[self.width :] if not blank(c)]
        if extra:
            reason = _(
                "raden har fler ifyllda celler (%(cells)s) än rubrikraden har kolumner (%(columns)s)."
            ) % {
                "cells": self.width + len(extra),
                "columns": self.width,
            }
            if self.comma_hint:
                reason += " " + _(
                    "Filen använder komma som avgränsare: skriv decimaltal inom citattecken, som ”12,5”."
                )
            return [Problem(reason, row=number)], None
        if blank(cell("utfall")) and blank(cell("målvärde")):
            return [], None  # a year left empty (as in the template) changes nothing
        problems = []
        indicator = self._indicator(number, cell("nyckeltal"), problems)
        year = None
        if blank(cell("år")):
            problems.append(Problem(_("cellen är tom."), row=number, column="år"))
        else:
            try:
                year = parse_year(cell("år"))
            except ValueError as exc:
                problems.append(Problem(str(exc), row=number, column="år"))
        numbers = {}
        for column in ("utfall", "målvärde"):
            if not blank(cell(column)):
                try:
                    numbers[column] = parse_number(cell(column))
                except ValueError as exc:
                    problems.append(Problem(str(exc), row=number, column=column))
        if indicator is not None and year is not None:
            self._check_year(number, indicator, year, numbers.get("målvärde"), problems)
        if problems:
            return problems, None
        return [], FigureRow(number, indicator, year, numbers.get("utfall"), numbers.get("målvärde"))

    def _indicator(self, number: int, code, problems: list) -> Indicator | None:
        """The indicator the row names (or the one of the page when the file has no nyckeltal column)."""
        if "nyckeltal" not in self.positions:
            return self.indicator
        if blank(code):
            problems.append(Problem(_("cellen är tom."), row=number, column="nyckeltal"))
            return None
        found = self.indicators.get(shown(code).lower())
        if found is None and self.indicator is None:
            reason = _("%(organ)s har inget nyckeltal med id %(code)s.") % {
                "organ": self.organ,
                "code": shown(code),
            }
            problems.append(Problem(reason, row=number, column="nyckeltal"))
        elif found is None:
            reason = _("%(code)s är inte id för det här nyckeltalet (%(own)s).") % {
                "code": shown(code),
                "own": self.indicator.code,
            }
            problems.append(Problem(reason, row=number, column="nyckeltal"))
        elif found.is_replaced:
            if found.pk not in self.replaced:
                self.replaced[found.pk] = services.replaced_indicator_message(found)
            problems.append(Problem(self.replaced[found.pk], row=number, column="nyckeltal"))
            return None
        return found

    def _check_year(self, number: int, indicator: Indicator, year: int, target, problems: list) -> None:
        """A year only once per indicator; a changed target refused when the goal is decided."""
        key = (indicator.pk, year)
        if key in self.seen:
            if self.indicator is None:
                reason = _("%(year)s för %(code)s finns redan på rad %(row)s.") % {
                    "year": year,
                    "code": indicator.code,
                    "row": self.seen[key],
                }
            else:
                reason = _("%(year)s finns redan på rad %(row)s.") % {"year": year, "row": self.seen[key]}
            problems.append(Problem(reason, row=number, column="år"))
        else:
            self.seen[key] = number
        if target is not None and self.current_targets.get(key) != target:
            refusal = self._targets_refusal(indicator)
            if refusal:
                problems.append(Problem(refusal, row=number, column="målvärde"))

    def _targets_refusal(self, indicator: Indicator) -> str:
        """Why the indicator's targets may not change (its goal is decided), or ''. The service's own
        check, so the file is refused for the same reason the service would refuse it."""
        if indicator.pk not in self.frozen:
            try:
                services.refuse_target_change(indicator)
            except ValidationError as exc:
                self.frozen[indicator.pk] = " ".join(exc.messages)
            else:
                self.frozen[indicator.pk] = ""
        return self.frozen[indicator.pk]


def _indicators(organ: Organ, indicator: Indicator | None) -> dict[str, Indicator]:
    """The indicators a file may name, by id (lower-case)."""
    if indicator is not None:
        return {indicator.code.lower(): indicator}
    return {i.code.lower(): i for i in Indicator.objects.filter(organ=organ).select_related("goal__decision")}
