"""Who follows Kolada's figures: the small interface through which a sync learns what to fetch and hands
the stored values on, so that Kolada stays a pure data source that knows no other app. The indicators
register theirs when the app is ready (styrkraft.indicators.kolada_series)."""

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Followed:
    """One series someone follows: a KPI for a municipality (its Kolada id, "" when it has none) and the
    peer group it is compared with ("" for none)."""

    kpi: str
    area: str
    peer_group: str


class Follower(Protocol):
    def followed(self) -> list[Followed]:
        """The series to fetch."""

    def copy_values(self, *, actor) -> int:
        """Take in the stored values (in the sync's transaction); returns how many values it wrote."""


_followers: list[Follower] = []


def register(follower: Follower) -> None:
    """Add a follower; one of each kind (an app's ready() may run more than once)."""
    if not any(type(known) is type(follower) for known in _followers):
        _followers.append(follower)


def followed() -> list[Followed]:
    return [series for follower in _followers for series in follower.followed()]


def copy_values(*, actor) -> int:
    return sum(follower.copy_values(actor=actor) for follower in _followers)
