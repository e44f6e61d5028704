"""Two editors in two browsers save the same goal, and the same indicator's figures, from the same
version: the second one's form comes back merged three ways (the other's change taken in, the own
change kept, a field both changed offered as a choice), passes axe, and saving it keeps both changes."""

import re
from decimal import Decimal

import pytest

from styrkraft.indicators.models import Indicator
from styrkraft.steering.models import Goal
from tests import factories as f
from tests.e2e import helpers

pytestmark = pytest.mark.browser


@pytest.fixture
def other_page(browser, base_url, world):
    """A second editor of the same board, in a browser of their own."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    page = context.new_page()
    helpers.watch_console(page)
    other = f.OrganRoleFactory(organ=world.board, user__username="redaktor-skola-2").user
    helpers.sign_in_by_cookie(page, other, base_url)
    yield page
    assert helpers.console_problems(page) == []
    context.close()


def _save(page, button: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()
    helpers.assert_page_sound(page)


def test_goal_conflict_form_merges_three_ways(page, other_page, base_url, world):
    url = f"{base_url}/mal/{world.goal.pk}/andra/"
    helpers.sign_in_by_cookie(page, world.editor, base_url)
    helpers.open_page(page, url)
    helpers.open_page(other_page, url)
    # The other editor changes the title and the responsible person, and saves first.
    other_page.get_by_label(re.compile(r"^Mål\b")).fill("Alla elever behöriga")
    other_page.get_by_label("Ansvarig person eller roll").fill("Skolchefen")
    _save(other_page, "Spara målet")
    # This editor changes the title too, and the rationale, from the version they opened.
    page.get_by_label(re.compile(r"^Mål\b")).fill("Fler elever behöriga")
    page.get_by_label("Motivering").fill("Behörighet öppnar gymnasiet.")
    _save(page, "Spara målet")
    assert page.get_by_role("heading", name=re.compile("Så här är det sparat nu")).count() == 1
    assert page.get_by_label("Ansvarig person eller roll").input_value() == "Skolchefen"
    assert page.get_by_label("Motivering").input_value() == "Behörighet öppnar gymnasiet."
    choice = page.get_by_role("group", name=re.compile("Mål: du och någon annan har ändrat"))
    assert choice.get_by_label("Behåll min ändring: ”Fler elever behöriga”").count() == 1
    helpers.assert_accessible(page)
    choice.get_by_label("Använd det som är sparat: ”Alla elever behöriga”").check()
    _save(page, "Spara målet")
    assert page.url == f"{base_url}/mal/{world.goal.pk}/"
    goal = Goal.objects.get(pk=world.goal.pk)
    assert (goal.title, goal.rationale, goal.responsible_person) == (
        "Alla elever behöriga",
        "Behörighet öppnar gymnasiet.",
        "Skolchefen",
    )


def test_figures_conflict_form_merges_three_ways(page, other_page, base_url, world):
    indicator = world.indicator
    url = f"{base_url}/nyckeltal/{indicator.pk}/varden/"
    helpers.sign_in_by_cookie(page, world.editor, base_url)
    helpers.open_page(page, url)
    helpers.open_page(other_page, url)
    other_page.get_by_label("Utfall 2023").fill("81,5")
    other_page.get_by_label("Utfall 2024").fill("83")
    _save(other_page, "Spara värdena")
    page.get_by_label("Utfall 2024").fill("84")
    page.get_by_label("Utfall 2022").fill("79")
    _save(page, "Spara värdena")
    assert page.get_by_label("Utfall 2023").input_value() == "81,5"
    assert page.get_by_label("Utfall 2022").input_value() == "79"
    helpers.assert_accessible(page)
    page.get_by_role("group", name=re.compile("Utfall 2024")).get_by_label(
        re.compile("Behåll min ändring")
    ).check()
    _save(page, "Spara värdena")
    values = dict(Indicator.objects.get(pk=indicator.pk).values.values_list("year", "value"))
    assert (values[2022], values[2023], values[2024]) == (Decimal("79"), Decimal("81.5"), Decimal("84"))
