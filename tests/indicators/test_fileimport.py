"""Reading own key figures from CSV and Excel files (styrkraft.indicators.fileimport) and writing them
with indicator_figures_import: every accepted form of a file, every refusal with its exact message, and
all or nothing."""

import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.core.exceptions import ValidationError

from styrkraft.core.models import AuditRecord
from styrkraft.indicators import fileimport, services
from styrkraft.indicators.fileimport import ImportRefused, read_figures
from styrkraft.indicators.models import Indicator
from styrkraft.steering.models import Decision, Goal, RecordState
from tests import factories as f


@pytest.fixture
def goal(board_a, target_areas):
    return f.GoalFactory(organ=board_a, target_area=target_areas[0], title="Fler cyklar")


@pytest.fixture
def cycling(goal):
    indicator = f.IndicatorFactory(goal=goal, code="andel-cykel", title="Andel som cyklar")
    f.IndicatorValueFactory(indicator=indicator, year=2022, value=Decimal("50"))
    f.IndicatorTargetFactory(indicator=indicator, year=2026, value=Decimal("60"))
    return indicator


@pytest.fixture
def parking(goal):
    return f.IndicatorFactory(goal=goal, code="parkering", title="Antal cykelparkeringar", unit="antal")


def xlsx(rows: list[list]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def figures(rows) -> list[tuple]:
    return [(r.row, r.indicator.code, r.year, r.value, r.target) for r in rows]


def refusal(name: str, data: bytes, **where) -> list[str]:
    with pytest.raises(ImportRefused) as excinfo:
        read_figures(name, data, **where)
    return excinfo.value.messages


def decide(goal) -> None:
    """The goal decided by the council (directly: the decision service is tested elsewhere)."""
    decision = Decision.objects.create(
        municipality=goal.organ.municipality,
        body=goal.organ.parent,
        decided_on=date(2023, 11, 16),
        paragraph="212",
    )
    Goal.objects.filter(pk=goal.pk).update(record_state=RecordState.DECIDED, decision=decision)


def stored(*indicators) -> list[tuple]:
    return [
        (i.code, kind, year, value)
        for i in indicators
        for kind, manager in (("utfall", i.values), ("målvärde", i.targets))
        for year, value in manager.order_by("year").values_list("year", "value")
    ]


# --- Files that are read -------------------------------------------------------------------------


def test_semicolon_csv_with_bom_and_swedish_decimals(board_a, cycling):
    data = "\ufeffår;utfall;målvärde\n2023;52,5;\n2024;1 234,5;55\n2025;;57,25\n".encode()
    rows = read_figures("varden.csv", data, organ=board_a, indicator=cycling)
    assert figures(rows) == [
        (2, "andel-cykel", 2023, Decimal("52.5"), None),
        (3, "andel-cykel", 2024, Decimal("1234.5"), Decimal("55")),
        (4, "andel-cykel", 2025, None, Decimal("57.25")),
    ]


def test_comma_csv_without_bom_with_quoted_decimals_and_crlf(board_a, cycling):
    data = b'\xc3\xa5r,utfall\r\n2023,"52,5"\r\n2024,53.75\r\n'
    rows = read_figures("varden.csv", data, organ=board_a, indicator=cycling)
    assert figures(rows) == [
        (2, "andel-cykel", 2023, Decimal("52.5"), None),
        (3, "andel-cykel", 2024, Decimal("53.75"), None),
    ]


def test_csv_in_windows_1252_as_older_excel_saves_it(board_a, cycling):
    data = "År;Utfall;Målvärde\r\n2023;52,5;60\r\n".encode("cp1252")
    rows = read_figures("varden.csv", data, organ=board_a, indicator=cycling)
    assert figures(rows) == [(2, "andel-cykel", 2023, Decimal("52.5"), Decimal("60"))]


def test_organ_wide_csv_names_the_indicator_and_may_carry_a_title_and_empty_rows(board_a, cycling, parking):
    data = (
        "nyckeltal;titel;år;utfall;målvärde\n"
        "andel-cykel;Andel som cyklar;2023;52;\n"
        ";;;;\n"
        "PARKERING;Antal cykelparkeringar;2023;1 200;1 500\n"
    ).encode()
    rows = read_figures("organ.csv", data, organ=board_a)
    assert figures(rows) == [
        (2, "andel-cykel", 2023, Decimal("52"), None),
        (4, "parkering", 2023, Decimal("1200"), Decimal("1500")),
    ]


def test_xlsx_with_numbers_text_and_rounding_noise(board_a, cycling, parking):
    data = xlsx(
        [
            ["Nyckeltal", "År", "Utfall", "Målvärde"],
            ["andel-cykel", 2023, 52.5, None],
            ["andel-cykel", "2024", "1 234,5", 60],
            ["parkering", 2023.0, 57.2000000001, 0.1 + 0.2],
        ]
    )
    rows = read_figures("organ.xlsx", data, organ=board_a)
    assert figures(rows) == [
        (2, "andel-cykel", 2023, Decimal("52.5"), None),
        (3, "andel-cykel", 2024, Decimal("1234.5"), Decimal("60")),
        (4, "parkering", 2023, Decimal("57.2"), Decimal("0.3")),
    ]


def test_a_target_of_a_decided_goal_may_be_given_unchanged_and_values_may_be_added(board_a, cycling):
    decide(cycling.goal)
    data = "år;utfall;målvärde\n2023;52;\n2026;;60,00\n".encode()
    rows = read_figures("varden.csv", data, organ=board_a, indicator=Indicator.objects.get(pk=cycling.pk))
    assert figures(rows) == [
        (2, "andel-cykel", 2023, Decimal("52"), None),
        (3, "andel-cykel", 2026, None, Decimal("60.00")),
    ]


# --- Files that are refused, with every reason -----------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "varden.pdf",
            b"%PDF-1.4",
            "Filtypen stöds inte (varden.pdf). Ladda upp en CSV-fil (.csv) eller en Excel-fil (.xlsx).",
        ),
        (
            "varden.xls",
            b"\xd0\xcf\x11\xe0",
            "Excel-filer i det gamla formatet .xls stöds inte. Spara filen som .xlsx eller CSV.",
        ),
        ("varden.csv", b"", "Filen är tom."),
        ("varden.csv", b"\xef\xbb\xbf\n;;\n\n", "Filen är tom."),
        (
            "varden.csv",
            "år;utfall\n".encode() + b"2023;1\n" * 200_000,
            "Filen är för stor (1,4 MB). Största tillåtna storlek är 1,0 MB.",
        ),
        ("varden.csv", b"PK\x03\x04\x00\x00", "Filen går inte att läsa som en CSV-fil (text)."),
        ("varden.xlsx", "år;utfall\n2023;1\n".encode(), "Filen går inte att läsa som en Excel-fil (.xlsx)."),
        ("varden.xlsx", b"PK\x03\x04 trasig zip", "Filen går inte att läsa som en Excel-fil (.xlsx)."),
        ("varden.csv", "år;utfall\n".encode(), "Filen har en rubrikrad men inga rader med värden."),
        (
            "varden.csv",
            "år;utfall;målvärde\n2023;;\n2024;;\n".encode(),
            "Filen har inga ifyllda utfall eller målvärden.",
        ),
    ],
)
def test_a_file_is_refused_as_a_whole(board_a, cycling, name, data, message):
    assert refusal(name, data, organ=board_a, indicator=cycling) == [message]


def test_too_many_rows(board_a, cycling):
    data = "år;utfall\n".encode() + b"2023;1\n" * (fileimport.MAX_ROWS + 1)
    assert refusal("varden.csv", data, organ=board_a, indicator=cycling) == [
        "Filen har fler än 5000 rader. Dela upp den i flera filer."
    ]


def test_header_problems_are_all_listed(board_a, cycling):
    data = "År;värde;utfall;Betyg\n2023;1;2;3\n".encode()
    assert refusal("varden.csv", data, organ=board_a) == [
        "Rad 1: kolumnen utfall finns två gånger.",
        "Rad 1: kolumnen ”Betyg” känns inte igen. Kolumnerna heter nyckeltal, år, utfall och målvärde.",
        "Rad 1: kolumnen nyckeltal saknas; den anger vilket nyckeltal raden gäller.",
    ]


def test_header_without_year_or_figures(board_a, cycling):
    assert refusal("varden.csv", b"nyckeltal\nandel-cykel\n", organ=board_a) == [
        "Rad 1: kolumnen år saknas.",
        "Rad 1: kolumnen utfall eller målvärde saknas (det räcker med den ena).",
    ]


def test_every_bad_row_is_listed_with_row_column_and_reason(board_a, cycling, parking):
    data = (
        "nyckeltal;år;utfall;målvärde\n"
        "andel-cykel;20x4;52;\n"  # 2
        ";2023;1;\n"  # 3
        "okänt;2023;1;\n"  # 4
        "andel-cykel;;1;\n"  # 5
        "andel-cykel;1850;abc;1,234\n"  # 6
        "parkering;20x4;;\n"  # 7: no figures, passed over
        "parkering;2024;12,5,1;\n"  # 8
        "parkering;2025;1 000 000 000 000 000;\n"  # 9
        "andel-cykel;2023;52;\n"  # 10
        "andel-cykel;2023;53;\n"  # 11
        "andel-cykel;2024;53;;extra\n"  # 12
        "parkering;2030;10;12\n"  # 13: fine
    ).encode()
    assert refusal("organ.csv", data, organ=board_a) == [
        "Rad 2, kolumn år: 20x4 är inget år.",
        "Rad 3, kolumn nyckeltal: cellen är tom.",
        "Rad 4, kolumn nyckeltal: Nämnd A har inget nyckeltal med id okänt.",
        "Rad 5, kolumn år: cellen är tom.",
        "Rad 6, kolumn år: 1850 ligger utanför 1900–2100.",
        "Rad 6, kolumn utfall: abc är inget tal.",
        "Rad 6, kolumn målvärde: 1,234 har fler än två decimaler.",
        "Rad 8, kolumn utfall: 12,5,1 är inget tal.",
        "Rad 9, kolumn utfall: 1 000 000 000 000 000 är ett för stort tal.",
        "Rad 11, kolumn år: 2023 för andel-cykel finns redan på rad 10.",
        "Rad 12: raden har fler ifyllda celler (5) än rubrikraden har kolumner (4).",
    ]


def test_comma_csv_with_an_unquoted_decimal_comma_says_how_to_write_it(board_a, cycling):
    data = "år,utfall\n2023,52,5\n".encode()
    assert refusal("varden.csv", data, organ=board_a, indicator=cycling) == [
        "Rad 2: raden har fler ifyllda celler (3) än rubrikraden har kolumner (2). Filen använder komma "
        "som avgränsare: skriv decimaltal inom citattecken, som ”12,5”."
    ]


def test_one_indicator_file_naming_another_indicator_or_a_year_twice(board_a, cycling, parking):
    data = "nyckeltal;år;utfall\nandel-cykel;2023;1\nparkering;2024;2\nandel-cykel;2023;3\n".encode()
    assert refusal("varden.csv", data, organ=board_a, indicator=cycling) == [
        "Rad 3, kolumn nyckeltal: parkering är inte id för det här nyckeltalet (andel-cykel).",
        "Rad 4, kolumn år: 2023 finns redan på rad 2.",
    ]


def test_a_changed_target_of_a_decided_goal_is_refused(board_a, cycling):
    decide(cycling.goal)
    data = "år;utfall;målvärde\n2023;52;\n2026;;65\n2027;;70\n".encode()
    assert refusal("varden.csv", data, organ=board_a, indicator=Indicator.objects.get(pk=cycling.pk)) == [
        "Rad 3, kolumn målvärde: Målet ”Fler cyklar” är beslutat (Kommunfullmäktige, 2023-11-16, § 212) "
        "och kan inte ändras.",
        "Rad 4, kolumn målvärde: Målet ”Fler cyklar” är beslutat (Kommunfullmäktige, 2023-11-16, § 212) "
        "och kan inte ändras.",
    ]


def test_xlsx_cells_that_are_no_year_or_number(board_a, cycling):
    from datetime import datetime

    data = xlsx([["år", "utfall", "målvärde"], [datetime(2023, 1, 1), True, 33.333333], [2024.5, 1, None]])
    assert refusal("varden.xlsx", data, organ=board_a, indicator=cycling) == [
        "Rad 2, kolumn år: 2023-01-01T00:00:00 är inget år.",
        "Rad 2, kolumn utfall: True är inget tal.",
        "Rad 2, kolumn målvärde: 33,333333 har fler än två decimaler.",
        "Rad 3, kolumn år: 2024,5 är inget år.",
    ]


def test_a_deleted_indicator_is_unknown_to_an_organ_wide_file(board_a, cycling, parking):
    from django.utils import timezone

    Indicator.all_objects.filter(pk=parking.pk).update(deleted_at=timezone.now())
    data = "nyckeltal;år;utfall\nparkering;2023;1\n".encode()
    assert refusal("organ.csv", data, organ=board_a) == [
        "Rad 2, kolumn nyckeltal: Nämnd A har inget nyckeltal med id parkering."
    ]


# --- Writing ---------------------------------------------------------------------------------------


def test_import_writes_values_and_targets_and_counts_them(board_a, editor_a, cycling, parking):
    data = (
        "nyckeltal;år;utfall;målvärde\n"
        "andel-cykel;2022;50,0;\n"  # unchanged value
        "andel-cykel;2023;52,5;\n"  # added value
        "andel-cykel;2026;;62\n"  # changed target
        "parkering;2023;1 200;1 500\n"  # added value and target
    ).encode()
    records = AuditRecord.objects.count()
    versions = (cycling.version, parking.version)
    counts = services.indicator_figures_import(
        actor=editor_a, rows=read_figures("organ.csv", data, organ=board_a)
    )
    assert (counts.added, counts.changed, counts.unchanged) == (3, 1, 1)
    assert stored(cycling, parking) == [
        ("andel-cykel", "utfall", 2022, Decimal("50.00")),
        ("andel-cykel", "utfall", 2023, Decimal("52.50")),
        ("andel-cykel", "målvärde", 2026, Decimal("62.00")),
        ("parkering", "utfall", 2023, Decimal("1200.00")),
        ("parkering", "målvärde", 2023, Decimal("1500.00")),
    ]
    assert AuditRecord.objects.count() - records == 4
    assert list(
        AuditRecord.objects.filter(item_id=str(cycling.pk)).order_by("id").values_list("actor", "changes")
    )[-2:] == [
        (editor_a.pk, {"utfall 2023": [None, "52.5"]}),
        (editor_a.pk, {"målvärde 2026": ["60.00", "62"]}),
    ]
    cycling.refresh_from_db()
    parking.refresh_from_db()
    assert (cycling.version, parking.version) == (versions[0] + 1, versions[1] + 1)


def test_import_of_unchanged_figures_changes_nothing(board_a, editor_a, cycling):
    data = "år;utfall\n2022;50\n".encode()
    records, version = AuditRecord.objects.count(), cycling.version
    counts = services.indicator_figures_import(
        actor=editor_a, rows=read_figures("varden.csv", data, organ=board_a, indicator=cycling)
    )
    cycling.refresh_from_db()
    assert (counts.added, counts.changed, counts.unchanged) == (0, 0, 1)
    assert (AuditRecord.objects.count(), cycling.version) == (records, version)


def test_a_refusal_while_writing_leaves_nothing_behind(board_a, editor_a, cycling):
    """The goal is decided after the file was checked: the service refuses the changed target and the
    value written before it is rolled back."""
    data = "år;utfall;målvärde\n2023;52;\n2026;;65\n".encode()
    rows = read_figures("varden.csv", data, organ=board_a, indicator=cycling)
    decide(cycling.goal)
    cycling.goal.refresh_from_db()
    before, records = stored(cycling), AuditRecord.objects.count()
    with pytest.raises(ValidationError):
        services.indicator_figures_import(actor=editor_a, rows=rows)
    assert (stored(cycling), AuditRecord.objects.count()) == (before, records)


def test_the_documented_example_file_reads_as_documented(board_a, cycling, parking):
    """docs/examples/nyckeltal.csv, as docs/indicators-import.md shows it."""
    example = Path(__file__).resolve().parents[2] / "docs" / "examples" / "nyckeltal.csv"
    rows = read_figures(example.name, example.read_bytes(), organ=board_a)
    assert figures(rows) == [
        (2, "andel-cykel", 2022, Decimal("18.5"), None),
        (3, "andel-cykel", 2023, Decimal("19.25"), None),
        (4, "andel-cykel", 2024, None, Decimal("22")),
        (5, "parkering", 2023, Decimal("1234"), None),
        (6, "parkering", 2024, Decimal("1310"), Decimal("1500")),
    ]
