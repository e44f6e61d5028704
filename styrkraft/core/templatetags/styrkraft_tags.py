"""Template filters for numbers in the active language's format (Swedish: 1 234,5), the SVG chart, and the
genitive of a name (core/words.py)."""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils.formats import number_format

from styrkraft.core import words

register = template.Library()

MAX_DECIMALS = 2
NBSP = "\xa0"


def format_number(value, decimals: int | None = None) -> str:
    """A number as people read it: Swedish decimal comma, no-break space between thousands, and no
    trailing zeros unless `decimals` asks for a fixed number of them. None gives an empty string."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    if decimals is None:
        exponent = number.normalize().as_tuple().exponent
        decimals = min(MAX_DECIMALS, max(0, -exponent)) if isinstance(exponent, int) else 0
    number = number.quantize(Decimal(1).scaleb(-decimals)) if decimals else number.quantize(Decimal(1))
    if number == 0:
        number = abs(number)  # never show "-0"
    return number_format(number, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def format_quantity(value, unit: str = "", decimals: int | None = None) -> str:
    """A number with its unit, joined by a no-break space ("85,2 %"); empty when there is no number.
    `decimals` as for format_number."""
    text = format_number(value, decimals)
    if text and unit:
        return f"{text}{NBSP}{unit}"
    return text


@register.filter
def num(value, decimals=None):
    """{{ value|num }} or {{ value|num:1 }}."""
    return format_number(value, None if decimals in (None, "") else int(decimals))


@register.filter
def quantity(value, unit=""):
    """{{ value|quantity:indicator.unit }}."""
    return format_quantity(value, unit or "")


@register.filter
def genitive(value):
    """{{ organ.name|genitive }}: "Kulturnämndens", "Västerås" (core/words.py)."""
    return words.genitive(value)


@register.inclusion_tag("partials/state_badge.html")
def state_badge(item, field: str = ""):
    """The one state badge: an item's records state, the field its model names as `state_field` (goals',
    assignments' and documents' record_state, an indicator's targets_state), or with `field` another
    choice field of the item (an assignment's progress, a document's validity)."""
    field = field or type(item).state_field
    return {"state": getattr(item, field), "label": getattr(item, f"get_{field}_display")()}
