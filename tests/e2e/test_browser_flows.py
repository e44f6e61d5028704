"""The main flows in a real browser: sign in through the form, add goals, see the refusal of a fourth,
sign out; what an anonymous visitor sees; the plan-year selector."""

import re

import pytest

from styrkraft.steering.models import Goal
from tests.e2e import helpers

# The live server gives each test a transactional database (tests/conftest.py reloads Agenda 2030 after
# the flush that ends each such test).
pytestmark = pytest.mark.browser

REFUSAL = (
    "Skolnämnden har redan 3 mål för 2024. En nämnd får ha högst 3 mål per planår (styrmodellens regel 1)."
)


def _add_goal(page, base_url, world, title: str, target_area: str) -> None:
    """Fill in and send the new-goal form of the world's board for 2024."""
    helpers.open_page(page, f"{base_url}/organ/{world.board.slug}/mal/nytt/?year={world.year}")
    # The title's label is "Mål (obligatoriskt)"; "Målområde" must not match.
    page.get_by_label(re.compile(r"^Mål\b")).fill(title)
    page.get_by_label("Motivering").fill("Prövat i webbläsaren.")
    page.get_by_label("Målområde").select_option(label=target_area)
    with page.expect_navigation():
        page.get_by_role("button", name="Spara målet").click()
    helpers.assert_page_sound(page)


def _goal_titles(world) -> list[str]:
    return list(
        Goal.objects.filter(organ=world.board, year=world.year).order_by("pk").values_list("title", flat=True)
    )


def test_editor_signs_in_adds_goals_is_refused_a_fourth_and_signs_out(page, base_url, world):
    helpers.sign_in_by_form(page, base_url, world.editor.username)
    assert page.get_by_text(f"Inloggad som {world.editor.username}").count() == 1

    # The board has two goals for 2024: a third is accepted and shows on the organ page.
    _add_goal(
        page, base_url, world, "Fler barn läser varje dag", "En jämlik, trygg och socialt hållbar kommun"
    )
    assert page.locator("h1").inner_text() == "Fler barn läser varje dag"
    helpers.open_page(page, f"{base_url}/organ/{world.board.slug}/?year={world.year}")
    assert page.get_by_role("heading", name="Fler barn läser varje dag", exact=True).count() == 1

    # A fourth is refused with the rule's message, and no fourth goal exists.
    _add_goal(page, base_url, world, "Ett fjärde mål", "En klimatsmart och ekologiskt hållbar kommun")
    assert page.get_by_role("alert").get_by_text(REFUSAL).count() == 1
    assert _goal_titles(world) == [
        "Fler elever är behöriga till gymnasiet",
        "Skolans transporter blir fossilfria",
        "Fler barn läser varje dag",
    ]
    helpers.assert_accessible(page)

    with page.expect_navigation():
        page.get_by_role("button", name="Logga ut").click()
    helpers.assert_page_sound(page)
    assert page.get_by_role("link", name="Logga in").count() == 1
    assert page.get_by_text("Inloggad som").count() == 0


def test_wrong_password_is_refused_on_the_sign_in_page(page, base_url, world):
    helpers.sign_in_by_form(page, base_url, world.editor.username, password="fel-lösenord")
    assert page.url.startswith(f"{base_url}/konto/logga-in/")
    assert page.get_by_role("alert").count() == 1
    assert page.get_by_role("button", name="Logga ut").count() == 0
    helpers.assert_accessible(page)


def test_anonymous_visitor_sees_no_edit_links(page, base_url, world):
    pages = [
        "/",
        f"/organ/{world.board.slug}/?year={world.year}",
        f"/mal/{world.goal.pk}/",
        f"/uppdrag/{world.assignment.pk}/",
    ]
    for path in pages:
        helpers.open_page(page, base_url + path)
        edit_links = page.locator(
            "a[href*='/andra/'], a[href*='/nytt/'], a[href*='/varden/'], form[action*='/status/']"
        )
        assert edit_links.count() == 0, f"{path} shows editing to an anonymous visitor"
        assert page.get_by_role("link", name="Logga in").count() == 1


def test_editor_sees_edit_links_on_own_board(page, base_url, world):
    helpers.sign_in_by_cookie(page, world.editor, base_url)
    helpers.open_page(page, f"{base_url}/organ/{world.board.slug}/?year={world.year}")
    new_goal = f"/organ/{world.board.slug}/mal/nytt/?year={world.year}"
    assert page.locator(f"a[href='{new_goal}']").count() == 1


def test_year_selector_on_start_page_shows_the_chosen_year(page, base_url, world):
    helpers.open_page(page, f"{base_url}/?year=2025")
    assert page.get_by_role("heading", name=world.goal.title, exact=True).count() == 0
    page.get_by_label("Planår").select_option("2024")
    page.get_by_role("button", name="Visa").click()
    page.wait_for_url(f"{base_url}/?year=2024")
    assert page.get_by_label("Planår").input_value() == "2024"
    assert page.get_by_role("heading", name=world.goal.title, exact=True).count() == 1
    helpers.assert_page_sound(page)
