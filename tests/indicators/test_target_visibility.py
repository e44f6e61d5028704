"""Who sees an indicator's targets (styrkraft/indicators/targets.py, docs/roles.md): those who see the
organ's drafts see the targets as they stand; others see them only when upprättade or beslutade, else
the targets as decided (the version in force while a new one is prepared), else none. The indicator
page, the organ page and the chain follow the one rule."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from styrkraft.indicators import services as indicator_services
from styrkraft.indicators import states
from styrkraft.indicators.targets import visible_targets
from styrkraft.org.permissions import visibility
from tests import factories as f

DAY = datetime.date(2024, 11, 16)
DRAFT, DECIDED = "73,25", "81,5"  # the targets as the pages write them (Swedish decimals)


@pytest.fixture
def standalone(board_a, intent):
    """An indicator of board A tied to no goal (seen by everyone), with a draft target for 2026."""
    indicator = f.IndicatorFactory(organ=board_a, goal=None, title="Nöjda brukare", unit="%")
    f.IndicatorTargetFactory(indicator=indicator, year=2026, value=Decimal("73.25"))
    return indicator


def _pages(client, indicator) -> dict[str, object]:
    """The indicator page, the organ page and the chain (plan year 2024, targets from it on)."""
    pages = {
        "indicator": client.get(reverse("indicators:detail", args=[indicator.pk])),
        "organ": client.get(reverse("steering:organ", args=[indicator.organ.slug]), {"year": 2024}),
        "chain": client.get(reverse("steering:chain"), {"year": 2024}),
    }
    assert {name: r.status_code for name, r in pages.items()} == dict.fromkeys(pages, 200)
    return pages


def _shown(pages, indicator) -> tuple[dict, tuple]:
    """The targets on the indicator page's figures, and the organ page's summary target."""
    figures = {y.year: y.target for y in pages["indicator"].context["figures"].years if y.target is not None}
    (listed,) = [i for i in pages["organ"].context["page"].indicators if i.pk == indicator.pk]
    return figures, (listed.summary.target_year, listed.summary.target_value)


def _decide(indicator, editor, admin, version: int) -> None:
    states.indicator_targets_set_state(
        actor=editor, indicator=indicator, state="ready", expected_version=version
    )
    states.indicator_targets_decide(
        actor=admin, indicator=indicator, body=indicator.organ, decided_on=DAY, expected_version=version + 1
    )


@pytest.mark.parametrize("who", ["anonymous", "client_b"])
def test_without_a_role_on_the_organ_draft_targets_are_not_shown(request, who, standalone):
    pages = _pages(request.getfixturevalue(who), standalone)
    assert _shown(pages, standalone) == ({}, (None, None))
    for page in pages.values():
        assert DRAFT not in page.content.decode()


@pytest.mark.parametrize("who", ["client_a", "client_reader", "client_admin"])
def test_who_sees_the_organs_drafts_sees_the_draft_targets(request, who, standalone):
    pages = _pages(request.getfixturevalue(who), standalone)
    assert _shown(pages, standalone) == ({2026: Decimal("73.25")}, (2026, Decimal("73.25")))
    assert DRAFT in pages["indicator"].content.decode() and DRAFT in pages["organ"].content.decode()


def test_upprattade_targets_are_shown_to_everyone(anonymous, editor_a, standalone):
    states.indicator_targets_set_state(
        actor=editor_a, indicator=standalone, state="ready", expected_version=1
    )
    pages = _pages(anonymous, standalone)
    assert _shown(pages, standalone) == ({2026: Decimal("73.25")}, (2026, Decimal("73.25")))


def test_a_new_version_in_draft_shows_visitors_the_decided_targets(
    anonymous, client_b, client_a, editor_a, admin_user, board_a, intent
):
    indicator = f.IndicatorFactory(organ=board_a, goal=None, title="Nöjda brukare", unit="%")
    f.IndicatorTargetFactory(indicator=indicator, year=2026, value=Decimal("81.5"))
    _decide(indicator, editor_a, admin_user, version=1)
    decided = ({2026: Decimal("81.5")}, (2026, Decimal("81.5")))
    assert _shown(_pages(anonymous, indicator), indicator) == decided

    states.indicator_targets_new_version(actor=editor_a, indicator=indicator, expected_version=3)
    indicator_services.indicator_target_set(
        actor=editor_a, indicator=indicator, year=2026, value=Decimal("86.75")
    )
    for client in (anonymous, client_b):  # the targets as decided: in force until the new version is
        pages = _pages(client, indicator)
        assert _shown(pages, indicator) == decided
        assert "86,75" not in pages["indicator"].content.decode() + pages["organ"].content.decode()
        assert DECIDED in pages["organ"].content.decode()
    pages = _pages(client_a, indicator)
    assert _shown(pages, indicator) == ({2026: Decimal("86.75")}, (2026, Decimal("86.75")))
    assert "86,75" in pages["organ"].content.decode()


def test_the_rule(board_a, board_b, target_areas, editor_a, editor_b):
    """The one function: a goal's indicator is seen with its goal (targets included); a standalone
    indicator's draft targets fall back to the decided ones, else to none."""
    visitor, own, other = (visibility(u) for u in (AnonymousUser(), editor_a, editor_b))
    rows = [(2027, Decimal("2")), (2026, Decimal("1"))]
    with_goal = f.IndicatorFactory(
        organ=board_a, goal=f.GoalFactory(organ=board_a, target_area=target_areas[0])
    )
    alone = f.IndicatorFactory(organ=board_a, goal=None)
    assert visible_targets(with_goal, rows, visitor) == sorted(rows)
    assert visible_targets(alone, rows, own) == sorted(rows)
    assert visible_targets(alone, rows, visitor) == visible_targets(alone, rows, other) == []
    alone.decided_targets = {"2026": "0.50"}
    assert visible_targets(alone, rows, other) == [(2026, Decimal("0.50"))]
    alone.targets_state = "ready"
    assert visible_targets(alone, rows, visitor) == sorted(rows)


def _organ_page_queries(client, organ) -> int:
    url = reverse("steering:organ", args=[organ.slug])
    client.get(url, {"year": 2024})  # the session and caches warm
    with CaptureQueriesContext(connection) as queries:
        client.get(url, {"year": 2024})
    return len(queries)


@pytest.mark.parametrize("who", ["anonymous", "client_a"])
def test_the_rule_adds_no_query_per_indicator(request, who, standalone):
    """The organ page reads as many queries for six standalone indicators with targets as for one."""
    client = request.getfixturevalue(who)
    one = _organ_page_queries(client, standalone.organ)
    for n in range(5):
        indicator = f.IndicatorFactory(organ=standalone.organ, goal=None, decided_targets={"2026": "1.00"})
        f.IndicatorTargetFactory(indicator=indicator, year=2026 + n)
    assert _organ_page_queries(client, standalone.organ) == one


def test_the_history_does_not_show_draft_targets_the_page_hides(
    anonymous, client_b, client_a, editor_a, admin_user, board_a, intent
):
    indicator = f.IndicatorFactory(organ=board_a, goal=None, title="Nöjda brukare", unit="%")
    indicator_services.indicator_target_set(
        actor=editor_a, indicator=indicator, year=2026, value=Decimal("81.5")
    )
    url = reverse("core:history", args=["indicators.indicator", indicator.pk])

    def shows(client, text: str) -> bool:
        page = client.get(url).content.decode()
        return text in page or text.replace(".", ",") in page

    assert not shows(anonymous, "81.5") and shows(client_a, "81.5")  # never decided: a draft
    indicator.refresh_from_db()
    _decide(indicator, editor_a, admin_user, version=indicator.version)
    assert shows(anonymous, "81.5")  # decided: its history is public with it
    states.indicator_targets_new_version(actor=editor_a, indicator=indicator, expected_version=3)
    indicator_services.indicator_target_set(
        actor=editor_a, indicator=indicator, year=2026, value=Decimal("86.75")
    )
    for client in (anonymous, client_b):
        assert shows(client, "81.5") and not shows(client, "86.75")
    assert shows(client_a, "86.75")
