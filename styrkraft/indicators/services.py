"""Every write to indicators, their yearly values and targets."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from styrkraft.core import audit
from styrkraft.core.models import AuditRecord
from styrkraft.core.services import create, restore, save_versioned, soft_delete, unique_code, update
from styrkraft.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from styrkraft.lifecycle import refuse_if_frozen, replaced_message
from styrkraft.org.models import Organ

INDICATOR_FIELDS = [
    "title",
    "unit",
    "direction",
    "source",
    "kolada_id",
    "baseline_year",
    "baseline_value",
    "goal",
]


@transaction.atomic
def indicator_create(
    *,
    actor,
    organ: Organ,
    title: str,
    direction: str,
    goal=None,  # a steering.models.Goal
    unit: str = "",
    source: str = Indicator.Source.OWN,
    kolada_id: str = "",
    baseline_year: int | None = None,
    baseline_value: Decimal | None = None,
    code: str = "",
    is_demo: bool = False,
) -> Indicator:
    indicator = Indicator(
        organ=organ,
        goal=goal,
        title=title,
        unit=unit,
        direction=direction,
        source=source,
        kolada_id=kolada_id,
        baseline_year=baseline_year,
        baseline_value=baseline_value,
        is_demo=is_demo,
        code=code or unique_code(Indicator.all_objects.filter(organ=organ), kolada_id or title),
        order=goal.indicators.count() if goal else 0,
    )
    create(indicator, actor=actor, changes=audit.created(indicator, INDICATOR_FIELDS))
    return indicator


@transaction.atomic
def indicator_update(*, actor, indicator: Indicator, expected_version: int, **changes) -> Indicator:
    unknown = set(changes) - set(INDICATOR_FIELDS)
    if unknown:
        raise TypeError(f"indicator_update got unknown fields: {sorted(unknown)}")
    refuse_definition_change(indicator)
    before = audit.snapshot(indicator, INDICATOR_FIELDS)
    for name, value in changes.items():
        setattr(indicator, name, value)
    return update(
        indicator, actor=actor, fields=INDICATOR_FIELDS, before=before, expected_version=expected_version
    )


def _set_yearly(model, *, actor, indicator: Indicator, year: int, value: Decimal | None, label: str):
    """Create, change or (value None) remove one yearly figure, with an audit record."""
    existing = model.objects.select_for_update().filter(indicator=indicator, year=year).first()
    old = str(existing.value) if existing else None
    if value is None:
        if existing:
            existing.delete()
            audit.record(
                actor=actor,
                action=AuditRecord.Action.DELETE,
                instance=indicator,
                changes={f"{label} {year}": [old, None]},
            )
        return None
    if existing:
        if existing.value == value:
            return existing
        existing.value = value
        existing.full_clean()
        save_versioned(existing, fields=["value"], expected_version=existing.version)
        obj = existing
    else:
        obj = model(indicator=indicator, year=year, value=value)
        obj.full_clean()
        obj.save()
    audit.record(
        actor=actor,
        action=AuditRecord.Action.UPDATE,
        instance=indicator,
        changes={f"{label} {year}": [old, str(value)]},
    )
    return obj


@transaction.atomic
def indicator_value_set(*, actor, indicator: Indicator, year: int, value: Decimal | None):
    """Set one outcome (utfall): follow-up, so also of a decided goal's indicator, but not of a replaced
    version's (nobody looks there: the outcome belongs on the indicator in force)."""
    refuse_if_replaced(indicator)
    return _set_yearly(
        IndicatorValue, actor=actor, indicator=indicator, year=year, value=value, label="utfall"
    )


def indicator_in_force(indicator: Indicator) -> Indicator | None:
    """The same indicator in the goal's version in force (itself unless its goal is replaced); None
    when the new version of the goal no longer has it."""
    current = indicator
    while current is not None and current.is_replaced:
        current = Indicator.objects.filter(supersedes=current).select_related("goal").order_by("pk").first()
    return current


def replaced_indicator_message(indicator: Indicator) -> str:
    """Why nothing of a replaced version's indicator changes, naming the indicator in force."""
    current = indicator_in_force(indicator)
    if current is None:
        return replaced_message(indicator.goal)
    return _(
        "Nyckeltalet ”%(item)s” (id %(code)s) hör till en version av målet som är ersatt av en ny "
        "version och kan inte ändras. Det nyckeltal som gäller är ”%(current)s” med id %(current_code)s."
    ) % {
        "item": indicator.title,
        "code": indicator.code,
        "current": current.title,
        "current_code": current.code,
    }


def refuse_if_replaced(indicator: Indicator) -> None:
    if indicator.is_replaced:
        raise ValidationError(replaced_indicator_message(indicator), code="replaced")


def refuse_definition_change(indicator: Indicator) -> None:
    """An indicator's definition and targets are part of a decided goal and frozen with it; its
    outcomes (values) are follow-up and may still be entered, except on a replaced version."""
    refuse_if_replaced(indicator)
    if indicator.goal_id:
        refuse_if_frozen(indicator.goal, indicator.goal.decided_message)


def refuse_target_change(indicator: Indicator) -> None:
    """Raise ValidationError (saying why) when the indicator's targets may not change; the one check
    used by indicator_target_set and by the file import before it writes anything."""
    refuse_definition_change(indicator)
    refuse_if_frozen(
        indicator,
        lambda: (
            _(
                "Målvärdena för ”%(indicator)s” är beslutade (%(decision)s) och kan inte ändras; en "
                "ändring görs i en ny version av målvärdena."
            )
            % {"indicator": indicator.title, "decision": indicator.targets_decision}
        ),
    )


@transaction.atomic
def indicator_target_set(*, actor, indicator: Indicator, year: int, value: Decimal | None):
    """Set one target. Targets are decided content: a change is refused once the goal is decided."""
    current = (
        IndicatorTarget.objects.filter(indicator=indicator, year=year).values_list("value", flat=True).first()
    )
    if current != value:
        refuse_target_change(indicator)
    return _set_yearly(
        IndicatorTarget, actor=actor, indicator=indicator, year=year, value=value, label="målvärde"
    )


@transaction.atomic
def indicator_delete(*, actor, indicator: Indicator) -> None:
    """Remove an indicator without losing it (an administrator can restore it)."""
    refuse_definition_change(indicator)
    soft_delete(indicator, actor=actor)


@transaction.atomic
def indicator_restore(*, actor, indicator: Indicator) -> Indicator:
    restore(indicator, actor=actor)
    return indicator


@transaction.atomic
def indicator_figures_save(
    *,
    actor,
    indicator: Indicator,
    expected_version: int,
    values: dict[int, Decimal | None],
    targets: dict[int, Decimal | None],
) -> Indicator:
    """Save a whole table of yearly values and targets at once (the values form). The indicator's
    version is bumped, so two people saving the same table concurrently cannot both win."""
    refuse_if_replaced(indicator)
    save_versioned(indicator, fields=[], expected_version=expected_version)
    for year, value in sorted(values.items()):
        indicator_value_set(actor=actor, indicator=indicator, year=year, value=value)
    for year, value in sorted(targets.items()):
        indicator_target_set(actor=actor, indicator=indicator, year=year, value=value)
    return indicator


@dataclass
class ImportCounts:
    """What an import did, counted per figure (a value or a target of one year)."""

    added: int = 0
    changed: int = 0
    unchanged: int = 0


@transaction.atomic
def indicator_figures_import(*, actor, rows: Iterable) -> ImportCounts:
    """Write the yearly values and targets read from a file (`fileimport.read_figures`: rows with
    `indicator`, `year`, `value`, `target`), all or nothing. An empty cell (None) changes nothing: an
    import never removes a figure. Each change goes through indicator_value_set / indicator_target_set,
    so it is audited like the values form and a changed target of a decided goal is refused (and the
    whole import with it). Every indicator changed gets a new version, so a values form opened before the
    import reports a conflict instead of overwriting the imported figures."""
    rows = list(rows)
    ids = {row.indicator.pk for row in rows}
    stored = {
        kind: {
            (indicator_id, year): value
            for indicator_id, year, value in model.objects.filter(indicator__in=ids).values_list(
                "indicator_id", "year", "value"
            )
        }
        for kind, model in (("value", IndicatorValue), ("target", IndicatorTarget))
    }
    setters = {"value": indicator_value_set, "target": indicator_target_set}
    counts, touched = ImportCounts(), set()
    for row in rows:
        for kind in ("value", "target"):
            new = getattr(row, kind)
            if new is None:
                continue
            old = stored[kind].get((row.indicator.pk, row.year))
            if old == new:
                counts.unchanged += 1
                continue
            if old is None:
                counts.added += 1
            else:
                counts.changed += 1
            setters[kind](actor=actor, indicator=row.indicator, year=row.year, value=new)
            stored[kind][(row.indicator.pk, row.year)] = new
            touched.add(row.indicator.pk)
    if touched:
        Indicator.objects.filter(pk__in=touched).update(version=F("version") + 1, updated_at=timezone.now())
    return counts
