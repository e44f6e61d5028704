"""The SVG chart module: structure, text alternative and the awkward inputs."""

import re
from decimal import Decimal

from django.utils import translation

from styrkraft.core.charts import HEIGHT, WIDTH, line_chart
from styrkraft.core.templatetags.styrkraft_tags import format_number, format_quantity


def _coords(svg: str, name: str) -> list[float]:
    return [float(v) for v in re.findall(rf'{name}="(-?[\d.]+)"', svg)]


def test_line_chart_structure_and_text_alternative():
    svg = line_chart(
        [(2021, Decimal("83.0")), (2022, Decimal("84.1")), (2023, Decimal("85.2"))],
        [(2024, Decimal("87")), (2026, Decimal("90"))],
        title="Behöriga elever",
        unit="%",
        direction="higher",
        chart_id="diagram-7",
    )
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="diagram-7" ')
    assert f'viewBox="0 0 {WIDTH} {HEIGHT}"' in svg
    assert 'role="img"' in svg
    assert 'aria-labelledby="diagram-7-titel diagram-7-beskrivning"' in svg
    assert '<title id="diagram-7-titel">Behöriga elever</title>' in svg
    assert (
        '<desc id="diagram-7-beskrivning">Utfall: 2021 83\xa0%; 2022 84,1\xa0%; 2023 85,2\xa0%. '
        "Målvärden: 2024 87\xa0%; 2026 90\xa0%. Högre är bättre.</desc>"
    ) in svg
    assert svg.count('class="chart-point"') == 3
    assert svg.count('class="chart-values"') == 1
    assert svg.count('class="chart-target"') == 2
    assert "style=" not in svg
    assert svg.endswith("</svg>")


def test_line_chart_points_follow_the_values():
    svg = line_chart([(2020, 10), (2021, 20), (2022, 15)], [], title="t")
    cx = _coords(svg, "cx")[:3]
    cy = _coords(svg, "cy")[:3]
    assert cx == sorted(cx)
    # A higher value is drawn higher up (a smaller y).
    assert cy[1] < cy[2] < cy[0]


def test_line_chart_year_labels_show_every_year_of_a_short_series():
    svg = line_chart([(2020, 1), (2021, 2)], [(2023, 3)], title="t")
    labels = re.findall(r'text-anchor="middle" fill="#3b4250" font-size="11">(\d{4})</text>', svg)
    assert labels == ["2020", "2021", "2023"]


def test_line_chart_long_series_thins_year_labels_but_keeps_first_and_last():
    svg = line_chart([(year, year - 2000) for year in range(2010, 2025)], [], title="t")
    labels = re.findall(r'text-anchor="middle" fill="#3b4250" font-size="11">(\d{4})</text>', svg)
    assert labels[0] == "2010"
    assert labels[-1] == "2024"
    assert len(labels) <= 8
    assert svg.count('class="chart-point"') == 15


def test_line_chart_empty_series_says_so():
    svg = line_chart([], [], title="Tomt", chart_id="d")
    assert '<desc id="d-beskrivning">Inga utfall ännu. Inga målvärden.</desc>' in svg
    assert ">Inga värden ännu</text>" in svg
    assert 'class="chart-point"' not in svg
    assert "polyline" not in svg


def test_line_chart_single_point_has_no_line():
    svg = line_chart([(2024, Decimal("5"))], [], title="En punkt", direction="lower")
    assert svg.count('class="chart-point"') == 1
    assert "polyline" not in svg
    assert _coords(svg, "cx")[0] == 56 + (WIDTH - 56 - 20) / 2
    assert "Utfall: 2024 5. Inga målvärden. Lägre är bättre." in svg


def test_line_chart_all_equal_values_stay_inside_the_plot():
    svg = line_chart([(2020, 7), (2021, 7), (2022, 7)], [(2023, 7)], title="Lika")
    ys = _coords(svg, "cy")[:3]
    assert len(set(ys)) == 1
    assert 28 < ys[0] < HEIGHT - 56


def test_line_chart_negative_values():
    svg = line_chart([(2020, Decimal("-12.5")), (2021, Decimal("3"))], [(2022, Decimal("-1"))], title="Netto")
    ys = _coords(svg, "cy")[:2]
    assert all(28 <= y <= HEIGHT - 56 for y in ys)
    assert "Utfall: 2020 -12,5; 2021 3." in svg
    assert "nan" not in svg.lower()


def test_line_chart_escapes_text():
    svg = line_chart([(2020, 1)], [], title='<script>"x"</script>', unit="<b>")
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert "<b>" not in svg


def test_line_chart_swedish_axis_labels():
    svg = line_chart([(2020, 1000), (2021, 3000)], [], title="t")
    labels = re.findall(r'text-anchor="end" fill="#3b4250" font-size="11">([^<]+)</text>', svg)
    assert labels == ["800", "2\xa0000", "3\xa0200"]


def test_format_number_swedish():
    assert format_number(Decimal("1234.50")) == "1\xa0234,5"
    assert format_number(Decimal("87.00")) == "87"
    assert format_number(Decimal("0.71")) == "0,71"
    assert format_number(1234567) == "1\xa0234\xa0567"
    assert format_number(Decimal("2.345"), 1) == "2,3"
    assert format_number(None) == ""
    assert format_quantity(Decimal("85.20"), "%") == "85,2\xa0%"
    assert format_quantity(None, "%") == ""


def test_format_number_english():
    with translation.override("en"):
        assert format_number(Decimal("1234.5")) == "1,234.5"
