"""Suggestions from the data: plain sentences for the sections *Verksamhetens resultat* (`results`) and
*Trender och deras konsekvenser för verksamheten* (`trends`), built from the key-figure dicts of
styrkraft.nulageskoll.figures only, one paragraph per key figure, in the active language (Swedish
unless asked otherwise) with its number format.

They never say more than the dicts support (docs/nulageskoll.md, Nyckeltal och förslag):

- Results, the current state: the latest value and its year; beside it the peer mean and Riket of the
  comparison year (higher, lower or the same: no judgement, no cause); the target (already reached, or
  how far away: percentage points for a unit "%", else the unit); "Utfall saknas efter <år>" when the
  value is stale; "har inget utfall ännu" when there is none. Nothing about peers without peers.
- Trends, the development: the change from the first to the last value of the trend's years, only when
  the fitted line (the product's trend rule, analysis.trend) and the two values agree ("har ökat",
  "har minskat"; "i stort sett oförändrad" within the rule's flat band; else only the two values);
  whether that is better or worse, from the indicator's direction; the years missing in between; and
  (when the line and the values agree) what continuing means, only as the fitted line says it: the
  target is reached by its year, or, when the trend worsens and the target is not reached, the
  distance grows. Too few values say so.
- Only years that have values are named. Numbers compared in one sentence have the same decimals.
"""

from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from styrkraft.core.history import join_phrases
from styrkraft.core.templatetags.styrkraft_tags import MAX_DECIMALS, format_number, format_quantity
from styrkraft.indicators import analysis
from styrkraft.nulageskoll.figures import TREND_WORDS

UP, DOWN, FLAT = TREND_WORDS["up"], TREND_WORDS["down"], TREND_WORDS["flat"]
FIT_DIRECTION = {"up": analysis.HIGHER, "down": analysis.LOWER}


def results(figs: list[dict]) -> list[str]:
    """One paragraph per key figure: its latest value beside peers and Riket, its target, its age."""
    return [" ".join(_result(fig)) for fig in figs]


def trends(figs: list[dict]) -> list[str]:
    """One paragraph per key figure: its development over the trend's years and what continuing means."""
    return [" ".join(_trend(fig)) for fig in figs]


def _number(text) -> Decimal | None:
    return None if text is None else Decimal(text)


def _decimals(*values: Decimal) -> int:
    """The decimals the most precise of `values` needs (at most MAX_DECIMALS)."""
    needed = [-v.normalize().as_tuple().exponent for v in values]
    return min(MAX_DECIMALS, max(0, *needed))


def _alike(unit: str, *values: Decimal) -> list[str]:
    """The values with their unit, all with the same decimals, to be read side by side."""
    decimals = _decimals(*values)
    return [format_quantity(v, unit, decimals) for v in values]


def _amount(value: Decimal, unit: str) -> str:
    """A difference: percentage points for a unit "%", else the value in its unit."""
    if unit == "%":
        number = format_number(value)
        return ngettext("%(number)s procentenhet", "%(number)s procentenheter", 1 if value == 1 else 2) % {
            "number": number
        }
    return format_quantity(value, unit)


def _relation(own: Decimal, other: Decimal) -> str:
    if own > other:
        return _("högre än")
    if own < other:
        return _("lägre än")
    return _("samma som")


def _reached(fig: dict, value: Decimal, target: Decimal) -> bool | None:
    """The value meets the target, read with the direction; None without a direction."""
    if fig["direction"] == "up":
        return value >= target
    if fig["direction"] == "down":
        return value <= target
    return None


def _comparison(fig: dict, own: Decimal) -> tuple[str, str] | None:
    """(own value, "higher than peers (x) and Riket (y)") at the comparison year, same decimals."""
    peers, riket = _number(fig["peers"]), _number(fig["riket"])
    present = [v for v in (peers, riket) if v is not None]
    if not present:
        return None
    own_text, *texts = _alike(fig["unit"], own, *present)
    if peers is not None and riket is not None:
        peers_relation, riket_relation = _relation(own, peers), _relation(own, riket)
        values = {"peers": texts[0], "riket": texts[1]}
        if peers_relation == riket_relation:
            clause = _("%(relation)s liknande kommuner (%(peers)s) och riket (%(riket)s)") % {
                "relation": peers_relation,
                **values,
            }
        else:
            clause = _(
                "%(peers_relation)s liknande kommuner (%(peers)s) men %(riket_relation)s riket (%(riket)s)"
            ) % {
                "peers_relation": peers_relation,
                "riket_relation": riket_relation,
                **values,
            }
    elif peers is not None:
        clause = _("%(relation)s liknande kommuner (%(peers)s)") % {
            "relation": _relation(own, peers),
            "peers": texts[0],
        }
    else:
        clause = _("%(relation)s riket (%(riket)s)") % {"relation": _relation(own, riket), "riket": texts[0]}
    return own_text, clause


def _result(fig: dict) -> list[str]:
    title, unit = fig["title"], fig["unit"]
    value, target = _number(fig["value"]), _number(fig["target"])
    if value is None:
        sentences = [_("%(title)s har inget utfall ännu.") % {"title": title}]
        if target is not None:
            sentences.append(
                _("Målet är %(target)s till %(target_year)s.")
                % {"target": format_quantity(target, unit), "target_year": fig["target_year"]}
            )
        return sentences

    series = {year: _number(text) for year, text in fig["series"]}
    compared_year = fig["comparison_year"]
    compared = _comparison(fig, series[compared_year]) if compared_year in series else None
    if compared and compared_year == fig["year"]:
        sentences = [
            _("%(title)s var %(value)s %(year)s, %(comparison)s.")
            % {"title": title, "value": compared[0], "year": fig["year"], "comparison": compared[1]}
        ]
    else:
        sentences = [
            _("%(title)s var %(value)s %(year)s.")
            % {"title": title, "value": format_quantity(value, unit), "year": fig["year"]}
        ]
        if compared:
            sentences.append(
                _("%(year)s var utfallet %(value)s, %(comparison)s.")
                % {"year": compared_year, "value": compared[0], "comparison": compared[1]}
            )
    if fig["stale"]:
        sentences.append(_("Utfall saknas efter %(year)s.") % {"year": fig["year"]})
    if target is not None:
        sentences.append(_target(fig, value, target))
    return sentences


def _target(fig: dict, value: Decimal, target: Decimal) -> str:
    unit = fig["unit"]
    values = {
        "target": format_quantity(target, unit),
        "target_year": fig["target_year"],
        "distance": _amount(abs(target - value), unit),
    }
    reached = _reached(fig, value, target)
    if reached is None:
        return _("Skillnaden mot målet %(target)s till %(target_year)s är %(distance)s.") % values
    if fig["target_year"] > fig["year"]:
        if reached:
            return _("Målet %(target)s till %(target_year)s är redan nått.") % values
        return _("Målet %(target)s till %(target_year)s är %(distance)s bort.") % values
    if reached:
        return _("Målet %(target)s för %(target_year)s nåddes.") % values
    return _("Målet %(target)s för %(target_year)s nåddes inte: utfallet var %(distance)s från det.") % values


def _trend(fig: dict) -> list[str]:
    title, unit = fig["title"], fig["unit"]
    series = {year: _number(text) for year, text in fig["series"]}
    years = settings.KOLADA_TREND_YEARS
    if not series:
        return [_("%(title)s har inget utfall ännu, så ingen utveckling kan beskrivas.") % {"title": title}]
    fit = analysis.trend(
        series.items(), direction=FIT_DIRECTION.get(fig["direction"], analysis.HIGHER), years=years
    )
    if not fig["trend"] or not fit.is_judged:
        return [
            ngettext(
                "För %(title)s finns %(n)s utfall de senaste %(years)s åren: för få för att bedöma utvecklingen.",
                "För %(title)s finns %(n)s utfall de senaste %(years)s åren: för få för att bedöma utvecklingen.",
                fit.n,
            )
            % {"title": title, "n": fit.n, "years": years}
        ]
    first, last = series[fit.first_year], series[fit.last_year]
    first_text, last_text = _alike(unit, first, last)
    values = {
        "title": title,
        "first": first_text,
        "first_year": fit.first_year,
        "last": last_text,
        "last_year": fit.last_year,
    }
    word = fig["trend"]
    moved = (word == UP and last > first) or (word == DOWN and last < first)
    if moved and word == UP:
        sentences = [
            _("%(title)s har ökat från %(first)s %(first_year)s till %(last)s %(last_year)s.") % values
        ]
    elif moved:
        sentences = [
            _("%(title)s har minskat från %(first)s %(first_year)s till %(last)s %(last_year)s.") % values
        ]
    elif word == FLAT:
        sentences = [
            _(
                "%(title)s har varit i stort sett oförändrad: %(first)s %(first_year)s och %(last)s %(last_year)s."
            )
            % values
        ]
    else:
        sentences = [_("%(title)s var %(first)s %(first_year)s och %(last)s %(last_year)s.") % values]
    if moved and fig["trend_good"] is not None:
        sentences.append(_better_or_worse(fig))
    missing = [y for y in range(fit.first_year, fit.last_year) if y not in series]
    if missing:
        sentences.append(
            _("Utfall saknas för %(years)s.") % {"years": join_phrases([str(y) for y in missing])}
        )
    if moved and (continuing := _continuing(fig, fit, last)):
        sentences.append(continuing)
    return sentences


def _better_or_worse(fig: dict) -> str:
    if fig["direction"] == "down":
        if fig["trend_good"]:
            return _("Eftersom lägre är bättre är det en förbättring.")
        return _("Eftersom lägre är bättre är det en försämring.")
    return _("Det är en förbättring.") if fig["trend_good"] else _("Det är en försämring.")


def _continuing(fig: dict, fit: analysis.Trend, last: Decimal) -> str | None:
    """What the fitted line says of the target when it goes on: reached by its year, or (worsening) the
    distance grows. Asked only when the line and the values agree on the way; nothing when the target
    is already reached, is not after the last value, or the trend is not judged better or worse."""
    target = _number(fig["target"])
    if target is None or fig["trend_good"] is None or fig["target_year"] <= fit.last_year:
        return None
    if _reached(fig, last, target):
        return None
    values = {"target": format_quantity(target, fig["unit"]), "target_year": fig["target_year"]}
    if not fig["trend_good"]:
        return (
            _("Om utvecklingen fortsätter ökar avståndet till målet %(target)s till %(target_year)s.")
            % values
        )
    projected = Decimal(str(fit.fitted_last + fit.slope * (fig["target_year"] - fit.last_year)))
    if _reached(fig, projected, target):
        return _("Om utvecklingen fortsätter nås målet %(target)s till %(target_year)s.") % values
    return None
