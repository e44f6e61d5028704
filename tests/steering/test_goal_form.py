"""The goal form: the target area first and only its commitments and council goals offered (htmx
re-renders them when the area changes; without JavaScript the others are folded away and refused on
save), Agenda 2030 targets grouped under their goals (the chosen ones first), "2 av 3 mål för 2024" up
front, and no "Lägg till mål" on the organ page once the organ has its maximum."""

import re

import pytest
from django.urls import reverse

from styrkraft.steering.models import Goal, SdgGoal
from tests import factories as f
from tests.query_counts import queries_of

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def links(municipality, target_areas):
    """Two commitments and a council goal per target area, and a council goal tied to no area."""
    made = {}
    for area in target_areas:
        made[area.code] = [
            f.CommitmentFactory(target_area=area, text=f"Under mandatperioden {area.code} {i}.")
            for i in (1, 2)
        ]
        f.CouncilGoalFactory(municipality=municipality, target_area=area, title=f"KF-mål {area.code}")
    f.CouncilGoalFactory(municipality=municipality, title="KF-mål för alla")
    return made


def _create_url(year=2024) -> str:
    return reverse("steering:goal_create", args=["namnd-a"]) + f"?year={year}"


def _open_and_folded(html: str, marker: str) -> tuple[str, str]:
    """The part of a choice widget before its folded-away <details> and the part inside it."""
    before, _sep, after = html.partition(f'<details class="choice-others"><summary>{marker}</summary>')
    return before, after


def test_the_target_area_comes_first(client_a, board_a, target_areas):
    response = client_a.get(_create_url())
    assert list(response.context["form"].fields)[:3] == ["target_area", "title", "rationale"]
    html = response.content.decode()
    assert html.index('id="id_target_area"') < html.index('id="id_title"') < html.index('id="id_commitments"')


def test_a_new_goal_without_an_area_shows_every_area_grouped(client_a, board_a, links):
    html = client_a.get(_create_url()).content.decode()
    assert "Välj målområde först" in html
    assert '<details class="choice-others">' not in html
    for code in ("klimat", "social", "jobb"):
        assert f"Under mandatperioden {code} 1." in html and f"KF-mål {code}" in html


def test_the_edit_form_offers_its_areas_commitments_and_folds_the_others(
    client_a, board_a, target_areas, links
):
    goal = f.GoalFactory(organ=board_a, target_area=target_areas[1])
    html = client_a.get(reverse("steering:goal_edit", args=[goal.pk])).content.decode()
    shown, folded = _open_and_folded(html, "Inriktningar under andra målområden")
    assert "Under mandatperioden social 1." in shown and "Under mandatperioden social 2." in shown
    assert "Under mandatperioden klimat 1." not in shown
    assert "Under mandatperioden klimat 1." in folded and "Under mandatperioden jobb 2." in folded
    shown, folded = _open_and_folded(html, "Fullmäktiges mål under andra målområden")
    assert "KF-mål social" in shown.split('id="id_council_goals"')[1] and "KF-mål för alla" in shown
    assert "KF-mål klimat" in folded and "KF-mål klimat" not in shown.split('id="id_council_goals"')[1]


def test_htmx_rerenders_the_area_fields_alone_for_the_chosen_area(client_a, board_a, target_areas, links):
    response = client_a.get(_create_url() + f"&part=area&target_area={target_areas[2].pk}", **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="goal-area-fields" class="goal-area-fields">')
    assert "<html" not in html and 'name="title"' not in html
    shown, folded = _open_and_folded(html, "Inriktningar under andra målområden")
    assert "Under mandatperioden jobb 1." in shown and "Under mandatperioden klimat 1." not in shown
    assert "Under mandatperioden klimat 1." in folded


def test_the_area_select_asks_htmx_for_the_area_fields(client_a, board_a, target_areas):
    html = client_a.get(_create_url()).content.decode()
    assert (
        '<div class="goal-area-choice" hx-get="/organ/namnd-a/mal/nytt/?year=2024" hx-trigger="change" '
        'hx-include="[name=\'target_area\']" hx-vals=\'{"part": "area"}\' hx-target="#goal-area-fields" '
        'hx-swap="outerHTML">'
    ) in html


@pytest.mark.parametrize("raw", ["abc", "99999999999999999999", "-1", ""])
def test_an_odd_area_in_a_rerender_shows_every_area(client_a, board_a, target_areas, links, raw):
    response = client_a.get(_create_url() + f"&part=area&target_area={raw}", **HTMX)
    assert response.status_code == 200
    assert "Välj målområde först" in response.content.decode()


def test_without_htmx_the_part_parameter_gives_the_whole_page(client_a, board_a, target_areas, links):
    response = client_a.get(_create_url() + f"&part=area&target_area={target_areas[0].pk}")
    html = response.content.decode()
    assert "<html" in html and 'name="title"' in html
    # The area given is taken as chosen (a link or a reload may carry it).
    assert response.context["form"].area == target_areas[0]


def test_a_council_goal_of_another_area_is_refused(client_a, board_a, target_areas, links, municipality):
    wrong = municipality.council_goals.get(title="KF-mål social")
    response = client_a.post(
        _create_url(),
        {"title": "Fler cyklar", "target_area": target_areas[0].pk, "council_goals": [wrong.pk]},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "council_goals": [
            "Fullmäktiges mål ”KF-mål social” hör till målområdet ”En trygg kommun”, inte till ”En klimatsmart kommun”."
        ]
    }
    assert Goal.objects.count() == 0


def test_council_goals_of_the_area_and_of_no_area_are_saved(
    client_a, board_a, target_areas, links, municipality
):
    chosen = [municipality.council_goals.get(title=t).pk for t in ("KF-mål klimat", "KF-mål för alla")]
    response = client_a.post(
        _create_url(), {"title": "Fler cyklar", "target_area": target_areas[0].pk, "council_goals": chosen}
    )
    assert response.status_code == 302
    assert sorted(Goal.objects.get().council_goals.values_list("title", flat=True)) == [
        "KF-mål för alla",
        "KF-mål klimat",
    ]


def _details(html: str) -> list[tuple[bool, str]]:
    """(open, heading) of each Agenda 2030 goal's <details> in the targets field, in order."""
    return [
        (bool(is_open), heading)
        for is_open, heading in re.findall(
            r'<details class="choice-details"( open)?><summary>([^<]+)</summary>', html
        )
    ]


def test_sdg_targets_are_grouped_under_every_goal_folded_without_a_choice(client_a, board_a, target_areas):
    html = client_a.get(_create_url()).content.decode()
    details = _details(html)
    assert len(details) == 17 and not any(is_open for is_open, _heading in details)
    assert details[0] == (False, "1. Ingen fattigdom")
    assert '<select name="sdg_targets"' not in html
    assert html.count('name="sdg_targets"') == 169


def test_the_chosen_goals_targets_come_first_and_open(client_a, board_a, target_areas):
    goal = f.GoalFactory(organ=board_a, target_area=target_areas[0])
    goal.sdg_goals.add(SdgGoal.objects.get(number=11))
    goal.sdg_targets.add(SdgGoal.objects.get(number=13).targets.first())  # its goal opens too
    html = client_a.get(reverse("steering:goal_edit", args=[goal.pk])).content.decode()
    details = _details(html)
    assert [heading for is_open, heading in details if is_open] == [
        "11. Hållbara städer och samhällen",
        "13. Bekämpa klimatförändringarna",
    ]
    assert details[0][0] and details[1][0] and len(details) == 17
    assert '<details class="choice-others"><summary>Delmål under andra globala mål</summary>' in html


def test_htmx_rerenders_the_targets_for_the_chosen_goals(client_a, board_a, target_areas):
    eleven = SdgGoal.objects.get(number=11)
    response = client_a.get(_create_url() + f"&part=sdg&sdg_goals={eleven.pk}&sdg_goals=abc", **HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="goal-sdg-targets" class="goal-sdg-targets">')
    assert [heading for is_open, heading in _details(html) if is_open] == [
        "11. Hållbara städer och samhällen"
    ]
    # A target already ticked stays ticked.
    target = eleven.targets.first()
    html = client_a.get(
        _create_url() + f"&part=sdg&sdg_goals={eleven.pk}&sdg_targets={target.pk}", **HTMX
    ).content.decode()
    assert re.search(rf'value="{target.pk}"[^>]*checked', html)


def test_the_form_says_how_many_goals_the_organ_has(client_a, board_a, target_areas):
    goal = f.GoalFactory(organ=board_a, target_area=target_areas[0])
    f.GoalFactory(organ=board_a, target_area=target_areas[1])
    assert "Nämnd A har 2 av 3 mål för 2024." in client_a.get(_create_url()).content.decode()
    assert (
        "Nämnd A har 2 av 3 mål för 2024."
        in client_a.get(reverse("steering:goal_edit", args=[goal.pk])).content.decode()
    )
    assert "Nämnd A har 0 av 3 mål för 2025." in client_a.get(_create_url(2025)).content.decode()


def test_organ_page_offers_add_goal_below_the_maximum(client_a, board_a, target_areas):
    f.GoalFactory(organ=board_a, target_area=target_areas[0])
    html = client_a.get("/organ/namnd-a/?year=2024").content.decode()
    assert '<a class="button" href="/organ/namnd-a/mal/nytt/?year=2024">Lägg till mål</a>' in html
    assert "det högsta antalet per planår" not in html


def test_organ_page_at_the_maximum_says_why_and_how_instead(client_a, board_a, target_areas):
    for area in target_areas:
        f.GoalFactory(organ=board_a, target_area=area)
    html = client_a.get("/organ/namnd-a/?year=2024").content.decode()
    assert "Lägg till mål" not in html
    assert (
        "Nämnd A har redan 3 av 3 mål för 2024, det högsta antalet per planår (styrmodellens regel 1). "
        "För att lägga till ett nytt mål måste ett av målen först tas bort"
    ) in html
    form_page = client_a.get(_create_url()).content.decode()
    assert "ett nytt mål kan inte sparas förrän ett av målen har tagits bort" in form_page


def test_a_visitor_sees_no_goal_limit_notice(anonymous, board_a, target_areas):
    for area in target_areas:
        f.GoalFactory(organ=board_a, target_area=area, record_state="ready")
    html = anonymous.get("/organ/namnd-a/?year=2024").content.decode()
    assert "det högsta antalet per planår" not in html and "Lägg till mål" not in html


def test_the_form_and_its_parts_use_a_fixed_number_of_queries(
    client_a, board_a, target_areas, links, municipality
):
    goal = f.GoalFactory(organ=board_a, target_area=target_areas[0])
    goal.sdg_targets.add(*SdgGoal.objects.get(number=4).targets.all()[:2])
    urls = [
        (reverse("steering:goal_edit", args=[goal.pk]), {}),
        (_create_url() + f"&part=area&target_area={target_areas[1].pk}", HTMX),
        (_create_url() + "&part=sdg&sdg_goals=3&sdg_targets=1&sdg_targets=2", HTMX),
    ]
    before = [queries_of(client_a, url, **headers) for url, headers in urls]
    for area in target_areas:
        for i in range(10):
            f.CommitmentFactory(target_area=area, text=f"Fler {area.code} {i}")
            f.CouncilGoalFactory(municipality=municipality, target_area=area)
    goal.sdg_targets.add(*SdgGoal.objects.get(number=5).targets.all())
    assert [queries_of(client_a, url, **headers) for url, headers in urls] == before
    assert max(before) <= 25


@pytest.mark.parametrize("raw", ["abc", "99999999999999999999", "-1", "", "1.5", "²", "٣"])
def test_odd_goals_or_targets_in_a_rerender_are_left_out(client_a, board_a, target_areas, raw):
    response = client_a.get(_create_url() + f"&part=sdg&sdg_goals={raw}&sdg_targets={raw}", **HTMX)
    assert response.status_code == 200
    assert [heading for is_open, heading in _details(response.content.decode()) if is_open] == []
