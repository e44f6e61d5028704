"""Kolada knows no other app (a forbidden contract in pyproject.toml): a sync asks the followers
(styrkraft.kolada.followers) what to fetch and hands the stored values on to them; the indicators are one
follower among any (styrkraft.indicators.kolada_series)."""

import pytest

from styrkraft.kolada import followers
from styrkraft.kolada.models import KoladaValue
from styrkraft.kolada.recorded import HOOR_FILE
from styrkraft.kolada.sync import import_file, values_sync

HOOR = "1267"


class TaxRateFollower:
    """A follower that is not an indicator, as a later app would register one: Höör's tax rate."""

    def __init__(self):
        self.copied = []

    def followed(self) -> list[followers.Followed]:
        return [followers.Followed(kpi="N00901", area=HOOR, peer_group="")]

    def copy_values(self, *, actor) -> int:
        self.copied.append((actor, KoladaValue.objects.filter(kpi="N00901", area=HOOR).count()))
        return 0


@pytest.fixture
def tax_follower(monkeypatch):
    follower = TaxRateFollower()
    monkeypatch.setattr(followers, "_followers", list(followers._followers))  # registered for this test only
    followers.register(follower)
    followers.register(follower)  # twice is once
    return follower


def test_an_import_hands_the_stored_values_to_every_follower_once(db, tax_follower):
    import_file(HOOR_FILE, actor="test")

    assert tax_follower.copied == [("test", 8)]  # after the values are stored, within the run


def test_a_sync_fetches_what_the_followers_follow(kolada, db, tax_follower):
    record = values_sync(kolada, actor="test", year_from=2018)

    assert record.ok and record.requests > 0  # without a follower nothing is asked (test_sync.py)
    assert KoladaValue.objects.filter(kpi="N00901", area=HOOR, year=2024).get().value == 21.75
    assert tax_follower.copied[0][0] == "test" and tax_follower.copied[0][1] > 0
