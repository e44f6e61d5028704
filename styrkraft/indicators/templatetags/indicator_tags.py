"""Template filters for indicators: the trend over the last N years in words."""

from django import template
from django.conf import settings

from styrkraft.indicators.figures import indicator_trend, trend_sentence

register = template.Library()


@register.filter
def long_trend(indicator) -> dict:
    """{% with trend=indicator|long_trend %}: the trend of the indicator's own values over the last
    KOLADA_TREND_YEARS years, `trend.verdict` (improving, worsening, unchanged, too_few) and
    `trend.sentence` ("Förbättras: +1,2 procentenheter per år (...)"). Prefetch the indicator's
    `values` to keep the page's queries fixed."""
    found = indicator_trend(indicator)
    return {
        "verdict": found.verdict,
        "sentence": trend_sentence(found, indicator.unit, settings.KOLADA_TREND_YEARS),
        "years": settings.KOLADA_TREND_YEARS,
    }
