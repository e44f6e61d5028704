"""The one chart module: small SVG line charts of an indicator's values against its targets
(`line_chart`), and against its peers' mean and Riket as well (`comparison_chart`).

The markup is embedded in the web page as it is. It uses no style attributes (the site sends
a strict Content-Security-Policy); colours are SVG presentation attributes that CSS may override. Each
chart carries a text alternative (<title> and <desc>) that states every figure, so a screen reader
user gets the same information; the page shows the figures as a table next to the chart as well."""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from styrkraft.core.templatetags.styrkraft_tags import format_number, format_quantity

WIDTH = 360
HEIGHT = 220
LEFT = 56
RIGHT = 20
TOP = 28
BOTTOM = 56
PLOT_W = WIDTH - LEFT - RIGHT
PLOT_H = HEIGHT - TOP - BOTTOM
MAX_YEAR_LABELS = 8
VALUE_COLOUR = "#1d4f91"
TARGET_COLOUR = "#8a4b00"
GRID_COLOUR = "#c9ced6"
TEXT_COLOUR = "#3b4250"
PEER_COLOUR = "#2b6a36"
COUNTRY_COLOUR = "#6a3d8f"
LEGEND_LEFT = 12
LEGEND_SAMPLE = 22  # the width of a legend entry's line sample
LEGEND_CHAR = 6.2  # an estimate of a character's width at font-size 11
LEGEND_GAP = 16
LEGEND_ROW = 16

Point = tuple[int, Decimal | float | int]


def _coord(value: float) -> str:
    return f"{value:.1f}"


def _scale(values: list[float]) -> tuple[float, float]:
    """The value range of the y axis: the data with 10 % room, starting at 0 for non-negative data
    when that is close, and a sensible band around a single repeated value."""
    lo, hi = min(values), max(values)
    if lo == hi:
        pad = abs(lo) * 0.1 or 1.0
        lo, hi = lo - pad, hi + pad
        return (max(lo, 0.0) if min(values) >= 0 else lo), hi
    pad = (hi - lo) * 0.1
    new_lo = lo - pad
    if lo >= 0:
        new_lo = max(new_lo, 0.0)
    return new_lo, hi + pad


def _tick_decimals(lo: float, hi: float) -> int:
    span = hi - lo
    if span >= 10:
        return 0
    if span >= 1:
        return 1
    return 2


def _year_labels(years: list[int]) -> list[int]:
    if len(years) <= MAX_YEAR_LABELS:
        return years
    step = -(-(len(years) - 1) // (MAX_YEAR_LABELS - 1))
    shown = years[::step]
    if shown[-1] != years[-1]:
        shown[-1] = years[-1]
    return shown


def describe(series: Sequence[Point], targets: Sequence[Point], *, unit: str, direction: str | None) -> str:
    """The chart's text alternative: every value and target in words."""
    parts = []
    if series:
        figures = "; ".join(f"{year} {format_quantity(value, unit)}" for year, value in series)
        parts.append(_("Utfall: %(figures)s.") % {"figures": figures})
    else:
        parts.append(_("Inga utfall ännu."))
    if targets:
        figures = "; ".join(f"{year} {format_quantity(value, unit)}" for year, value in targets)
        parts.append(_("Målvärden: %(figures)s.") % {"figures": figures})
    else:
        parts.append(_("Inga målvärden."))
    parts.append(_direction_sentence(direction))
    return " ".join(p for p in parts if p)


def _direction_sentence(direction: str | None) -> str:
    if direction == "higher":
        return _("Högre är bättre.")
    if direction == "lower":
        return _("Lägre är bättre.")
    return ""


@dataclass(frozen=True)
class Series:
    """One line of a chart. `kind` picks its look ("values", "target", "peer" or "country"); `label` is
    its legend text and its name in the text alternative; `preliminary` years are drawn as hollow markers
    and told as preliminary."""

    kind: str
    label: str
    points: Sequence[Point]
    preliminary: frozenset[int] = frozenset()


@dataclass(frozen=True)
class _Style:
    colour: str
    marker: str  # circle, diamond, square or triangle
    line_class: str = ""  # no line when empty
    point_class: str = ""
    dash: str = ""  # stroke-dasharray of the line; solid when empty
    layer: int = 0  # drawn from low to high


# Each series differs by line pattern and marker shape as well as by colour (WCAG 1.4.1); the legend
# repeats pattern, marker and a text label. Colours keep 3:1 against white (WCAG 1.4.11).
STYLES = {
    "values": _Style(VALUE_COLOUR, "circle", "chart-values", "chart-point", layer=2),
    "target": _Style(TARGET_COLOUR, "diamond", "", "chart-target", layer=3),
    "peer": _Style(PEER_COLOUR, "square", "chart-peer", "chart-peer-point", dash="7 4", layer=1),
    "country": _Style(
        COUNTRY_COLOUR, "triangle", "chart-country", "chart-country-point", dash="2 3", layer=0
    ),
}


def _join(parts) -> SafeString:
    """Safe markup parts (each made by format_html) as one safe string."""
    return format_html_join("", "{}", ((part,) for part in parts))


def _dash(style: _Style):
    return format_html(' stroke-dasharray="{}"', style.dash) if style.dash else ""


def _marker(
    shape: str, cx: float, cy: float, colour: str, *, css: str = "", hollow: bool = False
) -> SafeString:
    attrs = format_html(' class="{}"', css) if css else ""
    if shape == "diamond":
        return format_html(
            '<path{} d="M{},{} L{},{} L{},{} L{},{} Z" fill="#ffffff" stroke="{}" stroke-width="2.5"/>',
            attrs,
            *(_coord(cx), _coord(cy - 6), _coord(cx + 6), _coord(cy)),
            *(_coord(cx), _coord(cy + 6), _coord(cx - 6), _coord(cy)),
            colour,
        )
    if hollow:
        paint = format_html('fill="#ffffff" stroke="{}" stroke-width="2"', colour)
    else:
        paint = format_html('fill="{}"', colour)
    if shape == "square":
        return format_html(
            '<rect{} x="{}" y="{}" width="8" height="8" {}/>', attrs, _coord(cx - 4), _coord(cy - 4), paint
        )
    if shape == "triangle":
        return format_html(
            '<path{} d="M{},{} L{},{} L{},{} Z" {}/>',
            attrs,
            *(_coord(cx), _coord(cy - 5), _coord(cx + 5), _coord(cy + 4), _coord(cx - 5), _coord(cy + 4)),
            paint,
        )
    return format_html('<circle{} cx="{}" cy="{}" r="4" {}/>', attrs, _coord(cx), _coord(cy), paint)


def _legend_entries(series: Sequence[Series]) -> list[tuple[str, str | None, bool]]:
    """(label, kind, hollow) of each legend entry; a hollow circle explains preliminary values."""
    entries = [(s.label, s.kind, False) for s in series]
    if any(s.preliminary & {year for year, _v in s.points} for s in series):
        entries.append((_("Preliminärt värde"), "values", True))
    return entries


def _legend(series: Sequence[Series]) -> tuple[SafeString, int]:
    """The legend's markup, flowing into rows that fit the width, and the number of rows."""
    out, row, x = [], 0, LEGEND_LEFT
    for label, kind, hollow in _legend_entries(series):
        style = STYLES[kind]
        width = LEGEND_SAMPLE + 6 + int(len(label) * LEGEND_CHAR) + LEGEND_GAP
        if x > LEGEND_LEFT and x + width - LEGEND_GAP > WIDTH - 8:
            row, x = row + 1, LEGEND_LEFT
        y = HEIGHT - 10 + row * LEGEND_ROW
        if style.line_class and not hollow:
            out.append(
                format_html(
                    '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="2"{}/>',
                    *(x, x + LEGEND_SAMPLE, y - 4, y - 4),
                    style.colour,
                    _dash(style),
                )
            )
        out.append(_marker(style.marker, x + LEGEND_SAMPLE / 2, y - 4, style.colour, hollow=hollow))
        out.append(
            format_html(
                '<text x="{}" y="{}" fill="{}" font-size="11">{}</text>',
                x + LEGEND_SAMPLE + 6,
                y,
                TEXT_COLOUR,
                label,
            )
        )
        x += width
    return format_html('<g class="chart-legend">{}</g>', _join(out)), row + 1


def _svg(chart_id: str, height: int, title: str, desc: str, body: list) -> SafeString:
    title_id, desc_id = f"{chart_id}-titel", f"{chart_id}-beskrivning"
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{}" viewBox="0 0 {} {}" width="{}" height="{}" '
        'role="img" aria-labelledby="{} {}"><title id="{}">{}</title><desc id="{}">{}</desc>{}</svg>',
        *(chart_id, WIDTH, height, WIDTH, height, title_id, desc_id),
        *(title_id, title, desc_id, desc),
        _join(body),
    )


def _render(series: Sequence[Series], *, title: str, desc: str, unit: str, chart_id: str) -> SafeString:
    series = [replace(s, points=sorted((int(y), v) for y, v in s.points if v is not None)) for s in series]
    years = sorted({y for s in series for y, _v in s.points})
    if not years:
        empty = format_html(
            '<text class="chart-empty" x="{}" y="{}" text-anchor="middle" fill="{}" font-size="14">{}</text>',
            *(WIDTH // 2, HEIGHT // 2, TEXT_COLOUR),
            _("Inga värden ännu"),
        )
        return _svg(chart_id, HEIGHT, title, desc, [empty])
    legend, rows = _legend(series)
    height = HEIGHT + (rows - 1) * LEGEND_ROW

    lo, hi = _scale([float(v) for s in series for _y, v in s.points])
    first, last = years[0], years[-1]

    def x(year: int) -> float:
        if first == last:
            return LEFT + PLOT_W / 2
        return LEFT + (year - first) / (last - first) * PLOT_W

    def y(value) -> float:
        return TOP + (hi - float(value)) / (hi - lo) * PLOT_H

    decimals = _tick_decimals(lo, hi)
    axes = []
    for tick in (lo, (lo + hi) / 2, hi):
        ty = _coord(y(tick))
        axes.append(
            format_html(
                '<line class="chart-grid" x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="1"/>',
                *(LEFT, WIDTH - RIGHT, ty, ty),
                GRID_COLOUR,
            )
        )
        label = format_number(Decimal(str(round(tick, decimals))), decimals)
        axes.append(
            format_html(
                '<text class="chart-label" x="{}" y="{}" dy="4" text-anchor="end" fill="{}" font-size="11">{}</text>',
                *(LEFT - 6, ty, TEXT_COLOUR),
                label,
            )
        )
    base_y = TOP + PLOT_H
    for year in _year_labels(years):
        axes.append(
            format_html(
                '<text class="chart-label" x="{}" y="{}" text-anchor="middle" fill="{}" font-size="11">{}</text>',
                *(_coord(x(year)), base_y + 18, TEXT_COLOUR),
                year,
            )
        )
    if unit:
        axes.append(
            format_html(
                '<text class="chart-label chart-unit" x="{}" y="{}" text-anchor="end" fill="{}" font-size="11">{}</text>',
                *(LEFT - 6, TOP - 14, TEXT_COLOUR),
                unit,
            )
        )
    body = [format_html('<g class="chart-axes">{}</g>', _join(axes))]

    layered = sorted(series, key=lambda s: STYLES[s.kind].layer)
    for s in layered:
        style = STYLES[s.kind]
        if style.line_class and len(s.points) >= 2:
            points = " ".join(f"{_coord(x(yr))},{_coord(y(v))}" for yr, v in s.points)
            body.append(
                format_html(
                    '<polyline class="{}" points="{}" fill="none" stroke="{}" stroke-width="{}" '
                    'stroke-linejoin="round"{}/>',
                    *(style.line_class, points, style.colour),
                    "2.5" if s.kind == "values" else "2",
                    _dash(style),
                )
            )
    for s in layered:
        style = STYLES[s.kind]
        for yr, v in s.points:
            hollow = yr in s.preliminary
            body.append(
                _marker(style.marker, x(yr), y(v), style.colour, css=style.point_class, hollow=hollow)
            )
    body.append(legend)
    return _svg(chart_id, height, title, desc, body)


def line_chart(
    series: Sequence[Point],
    targets: Sequence[Point] = (),
    *,
    title: str,
    unit: str = "",
    direction: str | None = None,
    chart_id: str = "diagram",
) -> SafeString:
    """An SVG line chart of `series` (year, value) with `targets` (year, value) as diamond markers.

    `chart_id` must be unique on the page: it names the <title> and <desc> that label the chart."""
    series = sorted((int(y), v) for y, v in series)
    targets = sorted((int(y), v) for y, v in targets)
    return _render(
        [Series("values", _("Utfall"), series), Series("target", _("Målvärde"), targets)],
        title=title,
        desc=describe(series, targets, unit=unit, direction=direction),
        unit=unit,
        chart_id=chart_id,
    )


def describe_series(series: Sequence[Series], *, unit: str, direction: str | None) -> str:
    """A comparison chart's text alternative: each series with every figure, preliminary ones said so."""
    parts = []
    for s in series:
        points = sorted((int(y), v) for y, v in s.points if v is not None)
        if not points:
            continue
        preliminary = " " + _("(preliminärt)")
        figures = "; ".join(
            f"{year} {format_quantity(v, unit)}{preliminary if year in s.preliminary else ''}"
            for year, v in points
        )
        parts.append(_("%(series)s: %(figures)s.") % {"series": s.label, "figures": figures})
    if not parts:
        parts.append(_("Inga värden ännu."))
    parts.append(_direction_sentence(direction))
    return " ".join(p for p in parts if p)


def comparison_chart(
    series: Sequence[Series],
    *,
    title: str,
    unit: str = "",
    direction: str | None = None,
    chart_id: str = "diagram",
) -> SafeString:
    """An SVG line chart of several series (own values, target, peer mean, Riket), each with its own line
    pattern, marker and legend label. Series without values are left out of chart and legend."""
    shown = [s for s in series if any(v is not None for _y, v in s.points)]
    desc = describe_series(shown, unit=unit, direction=direction)
    return _render(shown, title=title, desc=desc, unit=unit, chart_id=chart_id)
