"""What a decision reference and the dates of the steering chain may be (docs/architecture.md, "Limits
of what is typed"). One place for the model fields' validators, the models' clean(), the forms and the
model file loader, so that each refuses the same things with the same words.

What is impossible is refused (a § of -5, a deadline before the assignment's plan year, a next review
before the document was decided, a decision dated in the future); what is merely odd is a warning
finding in rules.py (a deadline years after the plan year)."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# No Swedish municipality of today decided anything before the municipal reform of 1971.
FIRST_DATE = datetime.date(1971, 1, 1)
LAST_DATE = datetime.date(2099, 12, 31)
# A deadline later than this many years after the plan year is odd (a warning finding).
DEADLINE_YEARS_AFTER_PLAN_YEAR = 4

validate_paragraph = RegexValidator(
    r"\A[1-9][0-9]{0,4}\Z",
    message=gettext_lazy("Paragrafen är ett positivt heltal, till exempel 212."),
    code="paragraph",
)
# A diarienummer as municipalities write them: KS 2023/00456, KF 2023:12, BN-2024-123, 2023.0456. Letters,
# digits, spaces and . / : - , beginning with a letter or digit and holding a digit.
validate_case_number = RegexValidator(
    r"\A(?=[^\d]*\d)[0-9A-Za-zÅÄÖÜÉåäöüé][0-9A-Za-zÅÄÖÜÉåäöüé ./:\-]{1,39}\Z",
    message=gettext_lazy(
        "Diarienumret skrivs med bokstäver, siffror, mellanslag och . / : - och innehåller en siffra, "
        "till exempel KS 2023/00456."
    ),
    code="case_number",
)


def clean_paragraph(text: str) -> str:
    """A § as typed ('§ 212', ' 212 ') as it is stored ('212')."""
    return text.strip().removeprefix("§").strip()


def validate_plausible_date(value: datetime.date) -> None:
    if value is not None and not FIRST_DATE <= value <= LAST_DATE:
        raise ValidationError(
            _("%(date)s är inget rimligt datum; det ska ligga mellan %(first)s och %(last)s.")
            % {"date": value.isoformat(), "first": FIRST_DATE.isoformat(), "last": LAST_DATE.isoformat()},
            code="implausible_date",
        )


def validate_decision_date(value: datetime.date) -> None:
    """A decision has been taken: a plausible date, not after today."""
    validate_plausible_date(value)
    if value is not None and value > timezone.localdate():
        raise ValidationError(
            _("Beslutsdatumet %(date)s ligger i framtiden; ett beslut registreras när det är fattat.")
            % {"date": value.isoformat()},
            code="future_decision",
        )


def deadline_error(deadline: datetime.date | None, *, year: int | None, decided_on=None) -> str | None:
    """Why an assignment of plan year `year` cannot have this deadline, or None."""
    if deadline is None:
        return None
    if year is not None and deadline < datetime.date(year, 1, 1):
        return _("Slutdatumet %(date)s ligger före planåret %(year)s som uppdraget hör till.") % {
            "date": deadline.isoformat(),
            "year": year,
        }
    if decided_on is not None and deadline < decided_on:
        return _("Slutdatumet %(date)s ligger före beslutet om uppdraget (%(decided)s).") % {
            "date": deadline.isoformat(),
            "decided": decided_on.isoformat(),
        }
    return None


def plan_decision_error(decided_on: datetime.date | None, *, year: int | None) -> str | None:
    """Why the goals of plan year `year` cannot have been decided on `decided_on`, or None: a plan year
    is decided in the autumn before it (at the earliest two years before), at the latest during it."""
    if decided_on is None or year is None:
        return None
    first, last = datetime.date(year - 2, 1, 1), datetime.date(year, 12, 31)
    if first <= decided_on <= last:
        return None
    return _(
        "Beslutsdatumet %(date)s passar inte planåret %(year)s: målen för ett planår beslutas tidigast "
        "%(first)s och senast %(last)s."
    ) % {"date": decided_on.isoformat(), "year": year, "first": first.isoformat(), "last": last.isoformat()}


def deadline_is_odd(deadline: datetime.date | None, *, year: int | None) -> bool:
    """A deadline years after the plan year: possible, but worth a second look."""
    return bool(deadline and year and deadline.year > year + DEADLINE_YEARS_AFTER_PLAN_YEAR)


def next_review_error(next_review: datetime.date | None, *, decided_on) -> str | None:
    """Why a steering document decided on `decided_on` cannot have this next review, or None."""
    if next_review is not None and decided_on is not None and next_review <= decided_on:
        return _("Nästa översyn (%(date)s) ska ligga efter beslutsdatumet %(decided)s.") % {
            "date": next_review.isoformat(),
            "decided": decided_on.isoformat(),
        }
    return None
