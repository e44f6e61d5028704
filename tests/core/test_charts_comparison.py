"""The comparison chart: own values, target, peer mean and Riket as separate series that differ by line
pattern, marker and legend text, not by colour alone; the text alternative states every figure."""

import re
from decimal import Decimal

from styrkraft.core.charts import HEIGHT, LEGEND_ROW, WIDTH, Series, comparison_chart, line_chart

OWN = Series("values", "Utfall", [(2022, Decimal("52")), (2023, Decimal("55")), (2024, Decimal("57"))])
TARGET = Series("target", "Målvärde", [(2024, Decimal("56")), (2026, Decimal("60"))])
PEER = Series("peer", "Liknande kommuner (medel)", [(2022, 49.5), (2023, 50.25), (2024, None)])
RIKET = Series("country", "Riket", [(2022, 51.0), (2023, 52.0), (2024, 53.0)])


def _chart(*series, **kwargs):
    return comparison_chart(series, title="Behöriga", unit="%", direction="higher", chart_id="d", **kwargs)


def test_comparison_chart_draws_each_series_with_its_own_pattern_and_marker():
    svg = _chart(OWN, TARGET, PEER, RIKET)
    assert svg.count('class="chart-values"') == 1
    assert svg.count('class="chart-point"') == 3
    assert svg.count('class="chart-target"') == 2
    assert svg.count('<polyline class="chart-peer"') == 1
    assert svg.count('class="chart-peer-point"') == 2  # the missing 2024 is not drawn
    assert svg.count('<polyline class="chart-country"') == 1
    assert svg.count('class="chart-country-point"') == 3
    dashes = dict(re.findall(r'<polyline class="(chart-\w+)"[^>]*?(?: stroke-dasharray="([\d ]+)")?/>', svg))
    assert dashes == {"chart-values": "", "chart-peer": "7 4", "chart-country": "2 3"}
    assert "<rect" in svg and "style=" not in svg


def test_comparison_chart_legend_names_every_series_with_pattern_and_marker():
    svg = _chart(OWN, TARGET, PEER, RIKET)
    legend = svg[svg.index('<g class="chart-legend">') :]
    texts = re.findall(r'font-size="11">([^<]+)</text>', legend)
    assert texts == ["Utfall", "Målvärde", "Liknande kommuner (medel)", "Riket"]
    assert legend.count("<line ") == 3  # line samples for the three lines; the target has none
    assert 'stroke-dasharray="7 4"' in legend and 'stroke-dasharray="2 3"' in legend
    assert legend.count("<circle") == 1 and legend.count("<rect") == 1 and legend.count("<path") == 2
    # Four entries need two rows: the chart grows by one legend row.
    assert f'viewBox="0 0 {WIDTH} {HEIGHT + LEGEND_ROW}"' in svg
    assert all(float(x) <= WIDTH for x in re.findall(r'<text x="([\d.]+)"', legend))


def test_comparison_chart_text_alternative_states_every_figure():
    svg = _chart(OWN, TARGET, PEER, RIKET)
    assert (
        '<desc id="d-beskrivning">Utfall: 2022 52\xa0%; 2023 55\xa0%; 2024 57\xa0%. '
        "Målvärde: 2024 56\xa0%; 2026 60\xa0%. "
        "Liknande kommuner (medel): 2022 49,5\xa0%; 2023 50,25\xa0%. "
        "Riket: 2022 51\xa0%; 2023 52\xa0%; 2024 53\xa0%. Högre är bättre.</desc>"
    ) in svg
    assert '<title id="d-titel">Behöriga</title>' in svg


def test_comparison_chart_marks_preliminary_values_hollow_and_says_so():
    own = Series("values", "Utfall", OWN.points, preliminary=frozenset({2024, 2030}))
    svg = _chart(own, RIKET)
    points = re.findall(r'<circle class="chart-point"[^>]*/>', svg)
    assert ['fill="#ffffff"' in p for p in points] == [False, False, True]
    assert "2024 57\xa0% (preliminärt)." in svg
    assert ">Preliminärt värde</text>" in svg
    assert ">Preliminärt värde</text>" not in _chart(OWN, RIKET)  # only when a shown year is preliminary


def test_comparison_chart_leaves_out_empty_series():
    svg = _chart(OWN, Series("peer", "Liknande kommuner", []), Series("country", "Riket", [(2020, None)]))
    assert "Liknande kommuner" not in svg and "Riket" not in svg
    assert f'viewBox="0 0 {WIDTH} {HEIGHT}"' in svg


def test_comparison_chart_without_any_value_says_so():
    svg = _chart(Series("values", "Utfall", []), Series("country", "Riket", []))
    assert '<desc id="d-beskrivning">Inga värden ännu. Högre är bättre.</desc>' in svg
    assert ">Inga värden ännu</text>" in svg
    assert "chart-legend" not in svg


def test_comparison_chart_scale_covers_every_series():
    svg = _chart(
        Series("values", "Utfall", [(2022, 10), (2023, 12)]), Series("country", "Riket", [(2022, 100)])
    )
    ys = [float(v) for v in re.findall(r'<path class="chart-country-point" d="M[\d.]+,([\d.]+)', svg)]
    assert len(ys) == 1 and 28 <= ys[0] + 5 <= HEIGHT - 56  # the triangle's centre inside the plot


def test_line_chart_unchanged_by_the_series_machinery():
    svg = line_chart([(2021, 1), (2022, 2)], [(2023, 3)], title="t", chart_id="x")
    assert "chart-peer" not in svg and "chart-country" not in svg and "stroke-dasharray" not in svg
    assert f'viewBox="0 0 {WIDTH} {HEIGHT}"' in svg
