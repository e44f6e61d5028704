"""Reading yearly values (utfall) and targets (målvärde) from a CSV or Excel (.xlsx) file.

The layout (docs/indicators-import.md): a header row, then one row per indicator and year, with the
columns `nyckeltal` (the indicator's id; needed when a file holds several indicators of an organ), `år`,
`utfall` and/or `målvärde`, and optionally `titel` (ignored, for people reading the file). Column names
are case-insensitive and the columns may come in any order. An empty cell changes nothing, and a row
without utfall and målvärde is passed over (the template lists every year of the figures table).

Everything is checked before anything is written: `read_figures` returns every row ready for the service
`indicator_figures_import`, or raises `ImportRefused` listing every problem (row, column, reason)."""

import csv
import io
import math
import re
import warnings
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from styrkraft.indicators import services
from styrkraft.indicators.forms import MAX_INTEGER_DIGITS, parse_decimal
from styrkraft.indicators.models import Indicator, IndicatorTarget
from styrkraft.org.models import Organ

MAX_FILE_BYTES = 1_000_000
MAX_ROWS = 5000
MAX_COLUMNS = 20
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
class Problem:
    """One thing wrong with the file: a reason, and where (row and column) when it is one place."""

    reason: str
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        if self.row is not None and self.column is not None:
            return _("Rad %(row)s, kolumn %(column)s: %(reason)s") % {
                "row": self.row,
                "column": self.column,
                "reason": self.reason,
            }
        if self.row is not None:
            return _("Rad %(row)s: %(reason)s") % {"row": self.row, "reason": self.reason}
        return self.reason


class ImportRefused(Exception):
    """The file cannot be imported; nothing was written. `problems` lists every reason."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems

    @property
    def messages(self) -> list[str]:
        return [str(p) for p in self.problems]


@dataclass(frozen=True)
class FigureRow:
    """One row of the file, checked: the indicator, the year, and the value and/or target to set."""

    row: int
    indicator: Indicator
    year: int
    value: Decimal | None
    target: Decimal | None


# --- The file: CSV or Excel, to rows of cells ----------------------------------------------------


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB".replace(".", ",")


def _too_large(size: int) -> ImportRefused:
    return ImportRefused(
        [
            Problem(
                _("Filen är för stor (%(size)s). Största tillåtna storlek är %(limit)s.")
                % {"size": _size(size), "limit": _size(MAX_FILE_BYTES)}
            )
        ]
    )


def read_upload(upload) -> bytes:
    """The bytes of an uploaded file (Django's UploadedFile); a too large file is refused unread."""
    if upload.size > MAX_FILE_BYTES:
        raise _too_large(upload.size)
    return upload.read()


def read_rows(name: str, data: bytes) -> list[tuple[int, list]]:
    """(row number, cells) of every row of the file's first sheet, empty rows left out. Raises
    ImportRefused for a file of the wrong type, an unreadable, empty or too large one."""
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if suffix == "xls":
        raise ImportRefused(
            [Problem(_("Excel-filer i det gamla formatet .xls stöds inte. Spara filen som .xlsx eller CSV."))]
        )
    if suffix not in ("csv", "xlsx"):
        raise ImportRefused(
            [
                Problem(
                    _(
                        "Filtypen stöds inte (%(name)s). Ladda upp en CSV-fil (.csv) eller en Excel-fil (.xlsx)."
                    )
                    % {"name": name}
                )
            ]
        )
    if not data:
        raise ImportRefused([Problem(_("Filen är tom."))])
    if len(data) > MAX_FILE_BYTES:
        raise _too_large(len(data))
    rows = _xlsx_rows(data) if suffix == "xlsx" else _csv_rows(data)
    if not rows:
        raise ImportRefused([Problem(_("Filen är tom."))])
    return rows


def _keep(rows: list, number: int, cells: list) -> None:
    if not all(_blank(c) for c in cells):
        if len(rows) > MAX_ROWS:  # the header and MAX_ROWS rows of figures
            raise ImportRefused(
                [
                    Problem(
                        _("Filen har fler än %(max)s rader. Dela upp den i flera filer.") % {"max": MAX_ROWS}
                    )
                ]
            )
        rows.append((number, list(cells)))


def _csv_rows(data: bytes) -> list[tuple[int, list]]:
    if b"\x00" in data:
        raise ImportRefused([Problem(_("Filen går inte att läsa som en CSV-fil (text)."))])
    text = _decode(data)
    rows: list = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        for cells in reader:
            _keep(rows, reader.line_num, cells)
    except csv.Error as exc:
        raise ImportRefused(
            [Problem(_("Filen går inte att läsa som CSV (%(error)s).") % {"error": exc}, row=reader.line_num)]
        ) from None
    return rows


def _xlsx_rows(data: bytes) -> list[tuple[int, list]]:
    import openpyxl  # only needed here; keeps start-up light

    refused = ImportRefused([Problem(_("Filen går inte att läsa som en Excel-fil (.xlsx)."))])
    if not data.startswith(b"PK"):
        raise refused
    rows: list = []
    with warnings.catch_warnings():
        # openpyxl warns about features it skips (data validation, default styles); not our concern.
        warnings.simplefilter("ignore")
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception:  # a broken zip or XML: the user's file, told as such
            raise refused from None
        try:
            sheet = workbook.worksheets[0]
            for number, cells in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), 1):
                _keep(rows, number, cells)
        except ImportRefused:
            raise
        except Exception:
            raise refused from None
        finally:
            workbook.close()
    return rows


# --- Cells ---------------------------------------------------------------------------------------


def _shown(cell) -> str:
    """A cell as the user sees it, for a message."""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, float | Decimal):
        return str(cell).replace(".", ",")
    if isinstance(cell, datetime | date | time):
        return cell.isoformat()
    return str(cell).strip()


def _blank(cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def parse_year(cell) -> int:
    """A year from a cell (2024, 2024.0 or '2024'); ValueError with the reason in Swedish."""
    if isinstance(cell, int) and not isinstance(cell, bool):
        year = cell
    elif isinstance(cell, float) and cell.is_integer():
        year = int(cell)
    elif isinstance(cell, str) and re.fullmatch(r"\d{4}", cell.strip()):
        year = int(cell.strip())
    else:
        raise ValueError(_("%(cell)s är inget år.") % {"cell": _shown(cell)})
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
        raise ValueError(_("%(cell)s är inget tal.") % {"cell": _shown(cell)})
    if isinstance(cell, float):
        if abs(cell) >= 10**MAX_INTEGER_DIGITS:
            raise ValueError(_("%(cell)s är ett för stort tal.") % {"cell": _shown(cell)})
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
            raise ValueError(_("%(cell)s är inget tal.") % {"cell": _shown(cell)}) from None
    _sign, digits, exponent = number.normalize().as_tuple()
    if len(digits) + exponent > MAX_INTEGER_DIGITS:
        raise ValueError(_("%(cell)s är ett för stort tal.") % {"cell": _shown(cell)})
    if -exponent > 2:
        raise ValueError(_("%(cell)s har fler än två decimaler.") % {"cell": _shown(cell)})
    return number


# --- The whole file: header, rows, indicators ----------------------------------------------------


def _header(number: int, cells: list, *, organ_wide: bool) -> tuple[dict[str, int], list[Problem]]:
    """The header row: column name -> position, and what is wrong with it."""
    positions: dict[str, int] = {}
    problems = []
    for i, cell in enumerate(cells):
        if _blank(cell):
            continue
        name = _shown(cell).lower()
        column = ALIASES.get(name)
        if column is None:
            problems.append(
                Problem(
                    _(
                        "kolumnen ”%(name)s” känns inte igen. Kolumnerna heter nyckeltal, år, utfall och målvärde."
                    )
                    % {"name": _shown(cell)},
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
        comma_hint=name.lower().endswith(".csv") and _delimiter(_decode(data)) == ",",
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

    def check(self, number: int, cells: list) -> tuple[list[Problem], FigureRow | None]:
        def cell(column):
            i = self.positions.get(column)
            return cells[i] if i is not None and i < len(cells) else None

        extra = [c for c in cells[self.width :] if not _blank(c)]
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
        if _blank(cell("utfall")) and _blank(cell("målvärde")):
            return [], None  # a year left empty (as in the template) changes nothing
        problems = []
        indicator = self._indicator(number, cell("nyckeltal"), problems)
        year = None
        if _blank(cell("år")):
            problems.append(Problem(_("cellen är tom."), row=number, column="år"))
        else:
            try:
                year = parse_year(cell("år"))
            except ValueError as exc:
                problems.append(Problem(str(exc), row=number, column="år"))
        numbers = {}
        for column in ("utfall", "målvärde"):
            if not _blank(cell(column)):
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
        if _blank(code):
            problems.append(Problem(_("cellen är tom."), row=number, column="nyckeltal"))
            return None
        found = self.indicators.get(_shown(code).lower())
        if found is None and self.indicator is None:
            reason = _("%(organ)s har inget nyckeltal med id %(code)s.") % {
                "organ": self.organ,
                "code": _shown(code),
            }
            problems.append(Problem(reason, row=number, column="nyckeltal"))
        elif found is None:
            reason = _("%(code)s är inte id för det här nyckeltalet (%(own)s).") % {
                "code": _shown(code),
                "own": self.indicator.code,
            }
            problems.append(Problem(reason, row=number, column="nyckeltal"))
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


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel's "CSV (semikolonavgränsad)" is saved in Windows-1252, not UTF-8.
        return data.decode("cp1252", errors="replace")


def _delimiter(text: str) -> str:
    """What the header line is split by: Swedish Excel writes ';', others ',' (or a tab)."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    return ";" if ";" in first else "\t" if "\t" in first else ","


def _indicators(organ: Organ, indicator: Indicator | None) -> dict[str, Indicator]:
    """The indicators a file may name, by id (lower-case)."""
    if indicator is not None:
        return {indicator.code.lower(): indicator}
    return {i.code.lower(): i for i in Indicator.objects.filter(organ=organ).select_related("goal__decision")}
