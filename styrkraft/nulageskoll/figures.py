"""The key figures (Nyckeltal) of a nulägeskoll: for each chosen indicator its latest value with year and
source, its target, its trend in words, the series for the sparkline, and for a Kolada indicator the
peer mean and Riket, as plain JSON-safe dicts (the snapshot stored when the page is upprättad is a list
of them; numbers are Decimal text, formatted when shown).

The figures are the indicator page's (styrkraft.indicators.figures.figures_for: own values, targets,
peer mean and Riket, in at most five queries for any number of indicators; one more reads the
indicators) and its trend rule (figures.indicator_trend). The rules (docs/nulageskoll.md, Nyckeltal och
förslag):

- A nulägeskoll for plan year `year` is written in the spring of `year - 1`: only values up to and
  including `year - 1` count. The latest value is the value of the latest such year.
- `stale`: the latest value is older than `year - 2` (in the spring of 2024 the 2023 outcome is the
  newest one can expect; a 2022 one is old). Without any value it is false: `value` None says that.
- Target: the nearest target year at or after the latest value's year (with no value, after
  `year - 1`), of the targets everyone sees (styrkraft.indicators.targets with the public view).
- Trend: over the values up to `year - 1`, the one trend of the product; `trend` says which way the
  fitted line goes ("ökar", "minskar", "oförändrad"; "" with too few values), `trend_good` whether that
  is better (None when unchanged, unjudged or the indicator has no direction).
- Series: the values of the last SERIES_YEARS years up to the latest value.
- Comparison (Kolada): the peer mean and Riket of the latest year up to `year - 1` that has an own value
  and either of them; none when there is no such year.
"""

from decimal import Decimal

from django.utils.translation import gettext_noop

from styrkraft.core.templatetags.styrkraft_tags import MAX_DECIMALS
from styrkraft.indicators.analysis import IMPROVING, UNCHANGED
from styrkraft.indicators.figures import IndicatorFigures, figures_for, indicator_trend
from styrkraft.indicators.models import Indicator
from styrkraft.org.permissions import Visibility

SERIES_YEARS = 10
PUBLIC = Visibility(everything=False, organ_ids=frozenset())  # what anyone sees: the page is public

# The words are data (the snapshot keeps them) in the page's language, Swedish; each is also a msgid,
# so a page shown in another language translates them with gettext.
TREND_WORDS = {
    "up": gettext_noop("ökar"),
    "down": gettext_noop("minskar"),
    "flat": gettext_noop("oförändrad"),
}
OWN_SOURCE = gettext_noop("Egen uppgift")
DIRECTIONS = {Indicator.Direction.HIGHER: "up", Indicator.Direction.LOWER: "down"}


def decimal_text(value) -> str | None:
    """A number as JSON-safe text without trailing zeros ("82.5", "90", "1234"), rounded to the decimals
    the indicator page shows (MAX_DECIMALS, half to even, as format_number): Kolada's values and our
    peer means are floats."""
    if value is None:
        return None
    number = Decimal(str(value))
    if number.as_tuple().exponent < -MAX_DECIMALS:
        number = number.quantize(Decimal(1).scaleb(-MAX_DECIMALS))
    return format(number.normalize(), "f")


def key_figures(indicators, *, year: int, visible: Visibility = PUBLIC) -> list[dict]:
    """The key-figure dict of each of `indicators` (Indicator objects or their ids), in their order, for
    the nulägeskoll prepared for plan year `year`. Reads the indicators again (with what the figures
    need), so the count of queries does not depend on how they were read: at most six. An indicator
    deleted since it was chosen is left out."""
    pks = [getattr(item, "pk", item) for item in indicators]
    found = Indicator.objects.filter(pk__in=pks).select_related("organ__municipality")
    by_pk = {indicator.pk: indicator for indicator in found}
    ordered = [by_pk[pk] for pk in dict.fromkeys(pks) if pk in by_pk]
    figures = figures_for(ordered, visible=visible, ranks=False)  # no rank: only the shown areas' values
    return [key_figure(figures[indicator.pk], year=year) for indicator in ordered]


def key_figure(figures: IndicatorFigures, *, year: int) -> dict:
    indicator = figures.indicator
    until = year - 1
    rows = [row for row in figures.years if row.year <= until]
    values = [(row.year, row.own) for row in rows if row.own is not None]
    latest_year, latest_value = values[-1] if values else (None, None)
    target_from = latest_year if latest_year is not None else until + 1
    target_year, target = next(
        (
            (row.year, row.target)
            for row in figures.years
            if row.year >= target_from and row.target is not None
        ),
        (None, None),
    )
    direction = DIRECTIONS.get(indicator.direction, "none")
    trend = indicator_trend(indicator, values)
    if not trend.is_judged:
        word, good = "", None
    elif trend.verdict == UNCHANGED:
        word, good = TREND_WORDS["flat"], None
    else:
        word = TREND_WORDS["up" if trend.slope > 0 else "down"]
        good = None if direction == "none" else trend.verdict == IMPROVING
    compared = [
        row for row in rows if row.own is not None and (row.peer is not None or row.riket is not None)
    ]
    comparison = compared[-1] if figures.is_kolada and compared else None
    return {
        "indicator": indicator.pk,
        "title": indicator.title,
        "unit": indicator.unit,
        "source": f"Kolada {indicator.kolada_id}" if figures.is_kolada else OWN_SOURCE,
        "value": decimal_text(latest_value),
        "year": latest_year,
        "stale": latest_year is not None and latest_year < year - 2,
        "target": decimal_text(target),
        "target_year": target_year,
        "direction": direction,
        "trend": word,
        "trend_good": good,
        "series": [[y, decimal_text(v)] for y, v in values if y > latest_year - SERIES_YEARS],
        "peers": decimal_text(comparison.peer) if comparison else None,
        "riket": decimal_text(comparison.riket) if comparison else None,
        "comparison_year": comparison.year if comparison else None,
    }
