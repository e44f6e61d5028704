"""Every CSV and Excel (.xlsx) file Styrkraft writes (import templates now, exports later) goes through
this module, so that no file of ours can make a spreadsheet program run a formula.

A text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return would be read as a formula
by Excel, LibreOffice or Google Sheets (`=HYPERLINK(...)` in an indicator's title, say). Following
OWASP's guidance on CSV injection, such a cell is written with a single quote in front, which the
programs show as text. Only text is changed: a number (int, Decimal, float) is written as a number —
in a CSV the Swedish way, `-5,2`, as Swedish Excel reads it — and so is never prefixed.

Callers pass values as they are (a Decimal, not a text made from it): the type tells a number from a
text."""

import csv
import datetime
import io
import math
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse

from styrkraft.core.editing import format_decimal

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_text(text: str) -> str:
    """A text cell that no spreadsheet program reads as a formula."""
    return QUOTE + text if text.startswith(FORMULA_STARTS) else text


def _number_text(number: int | float | Decimal) -> str:
    """A number as Swedish Excel reads it from a CSV: a decimal comma, no exponent ('-5,2', '100')."""
    if isinstance(number, float) and math.isfinite(number):
        number = Decimal(repr(number))
    if isinstance(number, Decimal) and number.is_finite():
        return format_decimal(number)
    return str(number)


def csv_cell(value) -> str:
    """One cell of a CSV file: None is empty, a number or date is written as such, text is made safe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal):
        return _number_text(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return safe_text(str(value))


def xlsx_cell(value):
    """One cell of an Excel sheet: numbers, dates and booleans as they are, text made safe."""
    if value is None or isinstance(value, bool | int | float | Decimal | datetime.date):
        return value
    return safe_text(str(value))


def csv_bytes(header: Sequence, rows: Iterable[Sequence]) -> bytes:
    """A CSV file the way Swedish Excel opens it: UTF-8 with a BOM, `;` between cells, CRLF lines."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for row in [header, *rows]:
        writer.writerow([csv_cell(value) for value in row])
    return out.getvalue().encode("utf-8")


def xlsx_bytes(header: Sequence, rows: Iterable[Sequence], *, sheet_title: str = "Blad1") -> bytes:
    """An Excel workbook (.xlsx) with one sheet: the header row, then the rows."""
    import openpyxl  # only needed here; keeps start-up light

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title)
    for row in [header, *rows]:
        sheet.append([xlsx_cell(value) for value in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(filename: str, header: Sequence, rows: Iterable[Sequence]) -> HttpResponse:
    """A CSV download (see csv_bytes)."""
    return _attachment(csv_bytes(header, rows), CSV_CONTENT_TYPE, filename)


def xlsx_response(filename: str, header: Sequence, rows: Iterable[Sequence]) -> HttpResponse:
    """An Excel download (see xlsx_bytes)."""
    return _attachment(xlsx_bytes(header, rows), XLSX_CONTENT_TYPE, filename)
