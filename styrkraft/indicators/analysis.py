"""What we compute from key-figure values: the trend over the last N years, the rank among all
municipalities and the mean of a group's members. Pure functions on plain numbers (no database).

Everything here is *our own processing* of Kolada data ("Egen bearbetning av data från Kolada"), never
to be credited to Kolada itself. The rules, in short (docs/kolada.md, section Analys, says the same):

- Trend: the values of the last `years` calendar years up to the latest year that has a value (gaps
  allowed), fitted by least squares. `slope` is the fitted change per year; `change_percent` is the
  change from the *fitted* value of the first year to the fitted value of the last year, in percent of
  the fitted first value (not given when the fitted line touches or crosses zero: a percentage of a
  value near zero says nothing). The verdict is read against the indicator's direction; the fitted
  change over the window within TOLERANCE (1 %) of the mean absolute value is "oförändrat". Fewer than
  MIN_VALUES (3) values give "för få värden för att bedöma": two points always make a line, so they
  would be a guess.
- Rank: competition ranking ("1224"): 1 is the best value respecting the direction, equal values share
  a rank and the next rank is skipped. The count is the number of areas that have a value.
- Members' mean: the unweighted mean of the members that have a value, what Kolada itself gives as a
  group's value; used only when Kolada has no value for the group.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

HIGHER = "higher"
LOWER = "lower"

IMPROVING = "improving"
WORSENING = "worsening"
UNCHANGED = "unchanged"
TOO_FEW = "too_few"

VERDICT_LABELS = {
    IMPROVING: _("förbättras"),
    WORSENING: _("försämras"),
    UNCHANGED: _("oförändrat"),
    TOO_FEW: _("för få värden för att bedöma"),
}

MIN_VALUES = 3
TOLERANCE = 0.01  # a fitted change within 1 % of the mean absolute value is "oförändrat"
DEFAULT_YEARS = 5

Number = float | int | Decimal


def _check_direction(direction: str) -> None:
    if direction not in (HIGHER, LOWER):
        raise ValueError(f"direction must be {HIGHER!r} or {LOWER!r}, not {direction!r}")


@dataclass(frozen=True)
class Trend:
    verdict: str
    n: int  # values in the window
    first_year: int | None = None
    last_year: int | None = None
    slope: float | None = None  # fitted change per year
    fitted_first: float | None = None
    fitted_last: float | None = None
    change_percent: float | None = None  # fitted first -> fitted last, in % of the fitted first

    @property
    def label(self) -> str:
        return str(VERDICT_LABELS[self.verdict])

    @property
    def change(self) -> float | None:
        """The fitted change from the first to the last year of the window."""
        if self.fitted_first is None or self.fitted_last is None:
            return None
        return self.fitted_last - self.fitted_first

    @property
    def is_judged(self) -> bool:
        return self.verdict != TOO_FEW


def trend(
    points: Iterable[tuple[int, Number | None]],
    *,
    direction: str,
    years: int = DEFAULT_YEARS,
    until: int | None = None,
) -> Trend:
    """The trend of (year, value) points over the last `years` years up to the latest year with a value
    (and not after `until` when given). Missing values (None) are skipped; a year given twice is an
    error."""
    _check_direction(direction)
    if years < 1:
        raise ValueError("years must be at least 1")
    data: dict[int, float] = {}
    for year, value in points:
        if value is None or (until is not None and year > until):
            continue
        if year in data:
            raise ValueError(f"year {year} given twice")
        data[int(year)] = float(value)
    if not data:
        return Trend(verdict=TOO_FEW, n=0)
    last = max(data)
    window = sorted((y, v) for y, v in data.items() if y > last - years)
    n = len(window)
    first = window[0][0]
    if n < MIN_VALUES:
        return Trend(verdict=TOO_FEW, n=n, first_year=first, last_year=last)

    mean_x = sum(y for y, _v in window) / n
    mean_y = sum(v for _y, v in window) / n
    sxx = sum((y - mean_x) ** 2 for y, _v in window)
    sxy = sum((y - mean_x) * (v - mean_y) for y, v in window)
    slope = sxy / sxx
    fitted_first = mean_y + slope * (first - mean_x)
    fitted_last = mean_y + slope * (last - mean_x)
    change = slope * (last - first)

    percent = None
    if fitted_first != 0 and fitted_last != 0 and (fitted_first > 0) == (fitted_last > 0):
        percent = change / abs(fitted_first) * 100

    level = sum(abs(v) for _y, v in window) / n
    if abs(change) <= TOLERANCE * level:
        verdict = UNCHANGED
    elif (change > 0) == (direction == HIGHER):
        verdict = IMPROVING
    else:
        verdict = WORSENING
    return Trend(
        verdict=verdict,
        n=n,
        first_year=first,
        last_year=last,
        slope=slope,
        fitted_first=fitted_first,
        fitted_last=fitted_last,
        change_percent=percent,
    )


@dataclass(frozen=True)
class Rank:
    position: int  # 1 = best
    count: int  # areas with a value


def rank(values: Mapping[str, Number | None], area: str, *, direction: str) -> Rank | None:
    """The rank of `area`'s value among `values` (area -> value; None means no value), 1 the best
    respecting `direction`, ties sharing a rank ("1224"). None when `area` has no value."""
    _check_direction(direction)
    own = values.get(area)
    if own is None:
        return None
    own = float(own)
    present = [float(v) for v in values.values() if v is not None]
    sign = 1 if direction == HIGHER else -1
    better = sum(1 for v in present if sign * v > sign * own)
    return Rank(position=better + 1, count=len(present))


@dataclass(frozen=True)
class MembersMean:
    value: float
    n: int  # members with a value
    of: int  # members in the group


def members_mean(values: Mapping[str, Number | None], members: Iterable[str]) -> MembersMean | None:
    """The unweighted mean of the members' values (area -> value), our own processing; None when no
    member has a value."""
    members = list(dict.fromkeys(members))
    present = [float(values[m]) for m in members if values.get(m) is not None]
    if not present:
        return None
    return MembersMean(value=sum(present) / len(present), n=len(present), of=len(members))
