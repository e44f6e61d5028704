"""An uploaded file as rows of cells: CSV (UTF-8 with or without BOM, else Windows-1252; `;`, `,` or tab
between cells) or Excel .xlsx (its first sheet, read with openpyxl in read-only mode), within limits of
size and rows, and the problems a file can have. What the cells mean is fileimport's business."""

import csv
import io
import warnings
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from django.utils.translation import gettext as _

MAX_FILE_BYTES = 1_000_000
MAX_ROWS = 5000
MAX_COLUMNS = 20


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


def shown(cell) -> str:
    """A cell as the user sees it, for a message."""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, float | Decimal):
        return str(cell).replace(".", ",")
    if isinstance(cell, datetime | date | time):
        return cell.isoformat()
    return str(cell).strip()


def blank(cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


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
    if not all(blank(c) for c in cells):
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
    text = decode(data)
    rows: list = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(text))
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


def decode(data: bytes) -> str:
    """The text of a CSV file: UTF-8 (a BOM dropped), else Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel's "CSV (semikolonavgränsad)" is saved in Windows-1252, not UTF-8.
        return data.decode("cp1252", errors="replace")


def delimiter(text: str) -> str:
    """What the header line is split by: Swedish Excel writes ';', others ',' (or a tab)."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    return ";" if ";" in first else "\t" if "\t" in first else ","
