"""The records state of an indicator's targets on the site: shown on the figures page and the indicator
page; the organ's editors set them upprättade or back to utkast, administrators decide them; decided
targets are read-only on the figures page while the values stay editable."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from styrkraft.core.models import AuditRecord
from styrkraft.indicators.models import Indicator
from styrkraft.steering.models import Decision, RecordState
from tests import factories as f
from tests.query_counts import queries_of

DECISION = {"decided_on": "2024-03-04", "paragraph": "31", "case_number": "NA 2024/007"}


@pytest.fixture
def indicator(board_a):
    """A goal-less indicator of board A with one target, its targets a draft."""
    indicator = f.IndicatorFactory(goal=None, organ=board_a, title="Sjukfrånvaro", baseline_year=2022)
    f.IndicatorTargetFactory(indicator=indicator, year=2026, value=Decimal("5"))
    return indicator


def _figures(indicator) -> str:
    return reverse("indicators:figures", args=[indicator.pk])


def _state_url(indicator) -> str:
    return reverse("indicators:targets_state", args=[indicator.pk])


def _decide_url(indicator) -> str:
    return reverse("indicators:targets_decide", args=[indicator.pk])


def _messages(response) -> list[str]:
    return [m.message for m in get_messages(response.wsgi_request)]


def _stored(indicator) -> tuple:
    return Indicator.objects.values_list("targets_state", "targets_decision_id", "version").get(
        pk=indicator.pk
    )


def _decide(indicator, body) -> Decision:
    decision = Decision.objects.create(
        municipality=indicator.organ.municipality,
        body=body,
        decided_on=datetime.date(2024, 3, 4),
        paragraph="31",
    )
    Indicator.objects.filter(pk=indicator.pk).update(
        targets_state=RecordState.DECIDED, targets_decision=decision
    )
    indicator.refresh_from_db()
    return decision


def test_url_names():
    assert reverse("indicators:targets_state", args=[3]) == "/nyckeltal/3/malvarden/lage/"
    assert reverse("indicators:targets_decide", args=[3]) == "/nyckeltal/3/malvarden/beslut/"


# --- The figures page ------------------------------------------------------------------------------


def test_figures_page_shows_the_state_and_the_button(client_a, indicator):
    response = client_a.get(_figures(indicator))
    page = response.content.decode()
    assert 'Målvärdenas läge: <span class="status status-draft">utkast</span>' in page
    assert f'action="{_state_url(indicator)}"' in page
    assert ">Upprätta målvärdena</button>" in page
    assert _decide_url(indicator) not in page
    assert "target_2026" in response.context["form"].fields


def test_admin_sees_the_decision_link_for_finalised_targets(client_admin, client_a, indicator):
    Indicator.objects.filter(pk=indicator.pk).update(targets_state=RecordState.READY)
    admin_page = client_admin.get(_figures(indicator)).content.decode()
    assert f'href="{_decide_url(indicator)}"' in admin_page
    assert ">Målvärdena tillbaka till utkast</button>" in admin_page
    assert _decide_url(indicator) not in client_a.get(_figures(indicator)).content.decode()


def test_decided_targets_are_read_only_and_values_still_saved(client_a, editor_a, indicator, council):
    _decide(indicator, council)
    response = client_a.get(_figures(indicator))
    page = response.content.decode()
    assert "Beslut: Kommunfullmäktige, 2024-03-04, § 31" in page
    assert "Målvärdena för ”Sjukfrånvaro” är beslutade (Kommunfullmäktige, 2024-03-04, § 31)" in page
    assert "Utfallen kan du fortfarande föra in." in page
    assert _state_url(indicator) not in page
    form = response.context["form"]
    assert [name for name in form.fields if name.startswith("target_")] == []
    assert '<td class="num">5</td>' in page
    response = client_a.post(
        _figures(indicator), {"value_2023": "6,1", "target_2026": "9", "version": str(indicator.version)}
    )
    assert response.status_code == 302
    assert list(indicator.values.values_list("year", "value")) == [(2023, Decimal("6.1"))]
    assert list(indicator.targets.values_list("year", "value")) == [(2026, Decimal("5"))]


def test_targets_of_a_decided_goal_are_read_only_without_buttons(
    client_admin, board_a, target_areas, council
):
    decision = Decision.objects.create(
        municipality=board_a.municipality, body=council, decided_on=datetime.date(2023, 11, 16)
    )
    goal = f.GoalFactory(
        organ=board_a, target_area=target_areas[0], record_state=RecordState.DECIDED, decision=decision
    )
    indicator = f.IndicatorFactory(goal=goal, targets_state=RecordState.DECIDED, targets_decision=decision)
    f.IndicatorTargetFactory(indicator=indicator, year=2026, value=Decimal("60"))
    response = client_admin.get(_figures(indicator))
    page = response.content.decode()
    assert response.context["form"].targets_frozen is True
    assert _state_url(indicator) not in page
    assert _decide_url(indicator) not in page
    response = client_admin.post(_state_url(indicator), {"state": "draft", "version": "1"})
    assert _messages(response) == [
        f"Målvärdena för ”{indicator.title}” beslutas med målet ”{goal.title}” och planåret, inte här."
    ]
    assert client_admin.get(_decide_url(indicator)).status_code == 302
    assert _stored(indicator) == ("decided", decision.pk, 1)


def test_indicator_page_shows_the_targets_state(anonymous, client_a, indicator, council):
    page = client_a.get(reverse("indicators:detail", args=[indicator.pk])).content.decode()
    assert 'Målvärdenas läge: <span class="status status-draft">utkast</span>' in page
    _decide(indicator, council)
    page = anonymous.get(reverse("indicators:detail", args=[indicator.pk])).content.decode()
    assert 'Målvärdenas läge: <span class="status status-decided">beslutad</span>' in page
    assert "Beslut: Kommunfullmäktige, 2024-03-04, § 31" in page


def test_figures_page_queries_do_not_grow_with_years(client_admin, indicator, council):
    _decide(indicator, council)
    small = queries_of(client_admin, _figures(indicator))
    for year in range(2005, 2024):
        f.IndicatorValueFactory(indicator=indicator, year=year, value=Decimal(year - 2000))
        f.IndicatorTargetFactory(indicator=indicator, year=year + 40, value=Decimal("4"))
    assert queries_of(client_admin, _figures(indicator)) == small <= 14


# --- The state button ------------------------------------------------------------------------------


def test_editor_finalises_the_targets_and_returns_them_to_draft(client_a, indicator):
    response = client_a.post(_state_url(indicator), {"state": "ready", "version": "1"})
    assert (response.status_code, response["Location"]) == (302, _figures(indicator))
    assert _messages(response) == ["Målvärdena är upprättade."]
    assert _stored(indicator) == ("ready", None, 2)
    record = AuditRecord.objects.get(item_type="indicators.indicator", action="state")
    assert record.changes == {"targets_state": ["draft", "ready"]}
    response = client_a.post(_state_url(indicator), {"state": "draft", "version": "2"})
    assert _messages(response)[-1] == "Målvärdena är återställda till utkast."
    assert _stored(indicator) == ("draft", None, 3)


def test_finalising_without_targets_is_refused_and_shown(client_a, indicator):
    indicator.targets.all().delete()
    response = client_a.post(_state_url(indicator), {"state": "ready", "version": "1"}, follow=True)
    assert "”Sjukfrånvaro” kan inte upprättas: Nyckeltalet har inga målvärden." in response.content.decode()
    assert _stored(indicator) == ("draft", None, 1)
    assert AuditRecord.objects.count() == 0


def test_stale_version_is_a_conflict(client_a, indicator):
    Indicator.objects.filter(pk=indicator.pk).update(version=4)
    response = client_a.post(_state_url(indicator), {"state": "ready", "version": "3"})
    [message] = _messages(response)
    assert message.startswith("Någon annan har ändrat ”Sjukfrånvaro” sedan du öppnade det (nu version 4).")
    assert (_stored(indicator), AuditRecord.objects.count()) == (("draft", None, 4), 0)


@pytest.mark.parametrize("client_name", ["client_b", "client_reader"])
def test_others_may_not_change_the_state(request, client_name, indicator):
    response = request.getfixturevalue(client_name).post(
        _state_url(indicator), {"state": "ready", "version": "1"}
    )
    assert response.status_code == 403
    assert (_stored(indicator), AuditRecord.objects.count()) == (("draft", None, 1), 0)


def test_anonymous_is_sent_to_sign_in_and_get_is_not_allowed(anonymous, client_a, indicator):
    response = anonymous.post(_state_url(indicator), {"state": "ready", "version": "1"})
    assert (response.status_code, response["Location"]) == (
        302,
        f"/konto/logga-in/?next={_state_url(indicator)}",
    )
    assert client_a.get(_state_url(indicator)).status_code == 405
    assert _stored(indicator) == ("draft", None, 1)


# --- The decision page -----------------------------------------------------------------------------


def test_admin_decides_finalised_targets(client_admin, indicator, council):
    Indicator.objects.filter(pk=indicator.pk).update(targets_state=RecordState.READY)
    page = client_admin.get(_decide_url(indicator))
    assert (page.status_code, page.context["form"].fields["body"].initial) == (200, council.pk)
    response = client_admin.post(_decide_url(indicator), {**DECISION, "body": council.pk, "version": "1"})
    assert (response.status_code, response["Location"]) == (302, _figures(indicator))
    decision = Decision.objects.get()
    assert (str(decision), decision.title) == (
        "Kommunfullmäktige, 2024-03-04, § 31, dnr NA 2024/007",
        "Målvärden för Sjukfrånvaro",
    )
    assert _stored(indicator) == ("decided", decision.pk, 2)
    assert _messages(response) == [
        "Målvärdena för ”Sjukfrånvaro” är beslutade: Kommunfullmäktige, 2024-03-04, § 31, dnr NA 2024/007."
    ]


def test_deciding_draft_targets_is_refused_on_the_form(client_admin, indicator, council):
    assert client_admin.get(_decide_url(indicator)).context["not_decidable"] == (
        "”Sjukfrånvaro” måste vara upprättat innan det kan beslutas."
    )
    response = client_admin.post(_decide_url(indicator), {**DECISION, "body": council.pk, "version": "1"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "”Sjukfrånvaro” måste vara upprättat innan det kan beslutas."
    ]
    assert (Decision.objects.count(), AuditRecord.objects.count(), _stored(indicator)) == (
        0,
        0,
        ("draft", None, 1),
    )


def test_deciding_a_stale_version_is_a_conflict(client_admin, indicator, council):
    Indicator.objects.filter(pk=indicator.pk).update(targets_state=RecordState.READY, version=2)
    response = client_admin.post(_decide_url(indicator), {**DECISION, "body": council.pk, "version": "1"})
    assert response.status_code == 200
    assert "nu version 2" in response.context["form"].non_field_errors()[0]
    assert (Decision.objects.count(), _stored(indicator)) == (0, ("ready", None, 2))


@pytest.mark.parametrize("client_name", ["client_a", "client_b", "client_reader"])
def test_only_administrators_decide(request, client_name, indicator, council):
    Indicator.objects.filter(pk=indicator.pk).update(targets_state=RecordState.READY)
    client = request.getfixturevalue(client_name)
    assert client.get(_decide_url(indicator)).status_code == 403
    response = client.post(_decide_url(indicator), {**DECISION, "body": council.pk, "version": "1"})
    assert response.status_code == 403
    assert (Decision.objects.count(), _stored(indicator)) == (0, ("ready", None, 1))


def test_anonymous_decision_is_sent_to_sign_in(anonymous, indicator, council):
    response = anonymous.get(_decide_url(indicator))
    assert (response.status_code, response["Location"]) == (
        302,
        f"/konto/logga-in/?next={_decide_url(indicator)}",
    )
