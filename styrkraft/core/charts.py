"""The one chart module: small SVG line charts of an indicator's values against its targets.

The same markup is embedded in the web page and in the PDF. It uses no style attributes (the site sends
a strict Content-Security-Policy); colours are SVG presentation attributes that CSS may override. Each
chart carries a text alternative (<title> and <desc>) that states every figure, so a screen reader
user gets the same information; the page shows the figures as a table next to the chart as well."""

from collections.abc import Sequence
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
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
    if direction == "higher":
        parts.append(_("Högre är bättre."))
    elif direction == "lower":
        parts.append(_("Lägre är bättre."))
    return " ".join(parts)


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
    title_id, desc_id = f"{chart_id}-titel", f"{chart_id}-beskrivning"
    desc = describe(series, targets, unit=unit, direction=direction)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{escape(chart_id)}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img" '
        f'aria-labelledby="{escape(title_id)} {escape(desc_id)}">',
        f'<title id="{escape(title_id)}">{escape(title)}</title>',
        f'<desc id="{escape(desc_id)}">{escape(desc)}</desc>',
    ]
    years = sorted({y for y, _v in series} | {y for y, _v in targets})
    if not years:
        out.append(
            f'<text class="chart-empty" x="{WIDTH // 2}" y="{HEIGHT // 2}" text-anchor="middle" '
            f'fill="{TEXT_COLOUR}" font-size="14">{escape(_("Inga värden ännu"))}</text>'
        )
        out.append("</svg>")
        return mark_safe("".join(out))  # every text above is escaped

    lo, hi = _scale([float(v) for _y, v in series] + [float(v) for _y, v in targets])
    first, last = years[0], years[-1]

    def x(year: int) -> float:
        if first == last:
            return LEFT + PLOT_W / 2
        return LEFT + (year - first) / (last - first) * PLOT_W

    def y(value) -> float:
        return TOP + (hi - float(value)) / (hi - lo) * PLOT_H

    decimals = _tick_decimals(lo, hi)
    out.append('<g class="chart-axes">')
    for tick in (lo, (lo + hi) / 2, hi):
        ty = _coord(y(tick))
        out.append(
            f'<line class="chart-grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{ty}" y2="{ty}" '
            f'stroke="{GRID_COLOUR}" stroke-width="1"/>'
        )
        label = format_number(Decimal(str(round(tick, decimals))), decimals)
        out.append(
            f'<text class="chart-label" x="{LEFT - 6}" y="{ty}" dy="4" text-anchor="end" '
            f'fill="{TEXT_COLOUR}" font-size="11">{escape(label)}</text>'
        )
    base_y = TOP + PLOT_H
    for year in _year_labels(years):
        out.append(
            f'<text class="chart-label" x="{_coord(x(year))}" y="{base_y + 18}" text-anchor="middle" '
            f'fill="{TEXT_COLOUR}" font-size="11">{year}</text>'
        )
    if unit:
        out.append(
            f'<text class="chart-label chart-unit" x="{LEFT - 6}" y="{TOP - 14}" text-anchor="end" '
            f'fill="{TEXT_COLOUR}" font-size="11">{escape(unit)}</text>'
        )
    out.append("</g>")

    if len(series) >= 2:
        points = " ".join(f"{_coord(x(yr))},{_coord(y(v))}" for yr, v in series)
        out.append(
            f'<polyline class="chart-values" points="{points}" fill="none" stroke="{VALUE_COLOUR}" '
            f'stroke-width="2.5" stroke-linejoin="round"/>'
        )
    for yr, v in series:
        out.append(
            f'<circle class="chart-point" cx="{_coord(x(yr))}" cy="{_coord(y(v))}" r="4" fill="{VALUE_COLOUR}"/>'
        )
    for yr, v in targets:
        cx, cy = x(yr), y(v)
        out.append(
            f'<path class="chart-target" d="M{_coord(cx)},{_coord(cy - 6)} L{_coord(cx + 6)},{_coord(cy)} '
            f'L{_coord(cx)},{_coord(cy + 6)} L{_coord(cx - 6)},{_coord(cy)} Z" fill="#ffffff" '
            f'stroke="{TARGET_COLOUR}" stroke-width="2.5"/>'
        )

    legend_y = HEIGHT - 10
    out.append(
        f'<g class="chart-legend"><circle cx="{LEFT + 4}" cy="{legend_y - 4}" r="4" fill="{VALUE_COLOUR}"/>'
        f'<text x="{LEFT + 14}" y="{legend_y}" fill="{TEXT_COLOUR}" font-size="11">{escape(_("Utfall"))}</text>'
        f'<path d="M{LEFT + 94},{legend_y - 10} L{LEFT + 100},{legend_y - 4} L{LEFT + 94},{legend_y + 2} '
        f'L{LEFT + 88},{legend_y - 4} Z" fill="#ffffff" stroke="{TARGET_COLOUR}" stroke-width="2"/>'
        f'<text x="{LEFT + 106}" y="{legend_y}" fill="{TEXT_COLOUR}" font-size="11">'
        f"{escape(_('Målvärde'))}</text></g>"
    )
    out.append("</svg>")
    return mark_safe("".join(out))  # every text above is escaped
