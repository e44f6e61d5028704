"""Which targets of an indicator a user sees: the one rule every page that shows targets follows (the
organ, goal and indicator pages, the steering chain; docs/roles.md, Handlingens läge).

Those who see the organ's drafts (its roles, and administrators: `Visibility.sees_drafts_of`) see the
targets as they stand, drafts included. Others see only what is upprättat or beslutat:

- an indicator tied to a goal is seen only with its goal (`Visibility.indicators`), which they see only
  when it is upprättad or beslutad, and its targets are decided with the goal: they see its targets;
- an indicator tied to no goal: its targets when they are upprättade or beslutade (`targets_state`);
  while they are a draft, the targets as decided (`decided_targets`: the version in force while a new
  version is prepared) when there are any, else none."""

from decimal import Decimal

from django.utils.translation import gettext as _

from styrkraft.core.records import RecordState
from styrkraft.org.permissions import Visibility

FINALISED = (RecordState.READY, RecordState.DECIDED)


def _sees_targets_as_they_stand(indicator, visible: Visibility) -> bool:
    return (
        visible.sees_drafts_of(indicator.organ_id)
        or indicator.goal_id is not None
        or indicator.targets_state in FINALISED
    )


def visible_targets(indicator, targets, visible: Visibility) -> list[tuple[int, Decimal]]:
    """The (year, value) targets of `indicator` that `visible` sees, by year. `targets` are the
    indicator's IndicatorTarget rows as (year, value) pairs (however the caller read them: the rule
    adds no query); `indicator` is an Indicator or any object with its `organ_id`, `goal_id`,
    `targets_state` and `decided_targets`."""
    if _sees_targets_as_they_stand(indicator, visible):
        return sorted(targets)
    return sorted((int(year), Decimal(value)) for year, value in (indicator.decided_targets or {}).items())


def targets_state(indicator, visible: Visibility) -> tuple[str, str]:
    """The records state of the indicator's targets as its pages name it to `visible`: (state, label).
    Targets of a replaced version of a goal are never called beslutade alone; those who see only the
    targets as decided, while a new version of them is a draft, are told a new version is under way,
    not "utkast" beside targets in force."""
    if indicator.is_replaced:
        return "superseded", _("beslutade, ersatta av ny version")
    if not _sees_targets_as_they_stand(indicator, visible) and indicator.decided_targets:
        return "decided", _("beslutade, ny version under arbete")
    return indicator.targets_state, indicator.get_targets_state_display()


TARGET_CHANGE = "målvärde "  # the key of a target's change in the indicator's audit records: "målvärde 2026"


def history_without_draft_targets(records, indicator, visible: Visibility) -> list:
    """The indicator's history as `visible` may read it: while its targets are a draft that user does not
    see (visible_targets), the changes to targets made since they were last decided (or ever, when they
    never were) are left out, so the history does not show what the page hides."""
    records = list(records)
    if _sees_targets_as_they_stand(indicator, visible):
        return records
    decided = [r.at for r in records if r.item_type == "indicators.indicator" and r.action == "decide"]
    since = max(decided) if decided else None
    return [
        r
        for r in records
        if not (
            r.item_type == "indicators.indicator"
            and (since is None or r.at > since)
            and any(key.startswith(TARGET_CHANGE) for key in (r.changes or {}))
        )
    ]
