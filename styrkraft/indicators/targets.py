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

from styrkraft.org.permissions import Visibility
from styrkraft.steering.models import RecordState

FINALISED = (RecordState.READY, RecordState.DECIDED)


def visible_targets(indicator, targets, visible: Visibility) -> list[tuple[int, Decimal]]:
    """The (year, value) targets of `indicator` that `visible` sees, by year. `targets` are the
    indicator's IndicatorTarget rows as (year, value) pairs (however the caller read them: the rule
    adds no query); `indicator` is an Indicator or any object with its `organ_id`, `goal_id`,
    `targets_state` and `decided_targets`."""
    if (
        visible.sees_drafts_of(indicator.organ_id)
        or indicator.goal_id is not None
        or indicator.targets_state in FINALISED
    ):
        return sorted(targets)
    return sorted((int(year), Decimal(value)) for year, value in (indicator.decided_targets or {}).items())
