"""Words: the genitive of a name in both languages (core/words.py), singular and plural with a count, the
sign-in's own error heading, and version notices without a link followed by stranded punctuation."""

import datetime
import re
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from styrkraft.core.words import genitive
from styrkraft.steering import rules, services, versions
from styrkraft.steering.models import Goal, RecordState
from tests import factories as f
from tests.conftest import PASSWORD

SWEDISH = [
    ("Kulturnämnden", "Kulturnämndens"),  # a consonant
    ("Västerås stad", "Västerås stads"),
    ("Nacka", "Nackas"),  # a vowel
    ("Ale", "Ales"),
    ("Västerås", "Västerås"),  # -s keeps the name as it is
    ("Max", "Max"),  # -x
    ("Rodez", "Rodez"),  # -z
    ("KF", "KF:s"),  # an abbreviation
    ("Nämnd A", "Nämnd A:s"),  # a letter
    ("Agenda 2030", "Agenda 2030:s"),  # a digit
]
ENGLISH = [
    ("Kulturnämnden", "Kulturnämnden's"),
    ("Västerås stad", "Västerås stad's"),
    ("Nacka", "Nacka's"),
    ("Västerås", "Västerås's"),
    ("Max", "Max's"),
    ("Rodez", "Rodez's"),
    ("KF", "KF's"),
]


@pytest.mark.parametrize(("name", "expected"), SWEDISH)
def test_genitive_in_swedish(name, expected):
    with translation.override("sv"):
        assert genitive(name) == expected


@pytest.mark.parametrize(("name", "expected"), ENGLISH)
def test_genitive_in_english(name, expected):
    with translation.override("en"):
        assert genitive(name) == expected


def test_genitive_filter_follows_the_language():
    template = Template("{% load styrkraft_tags %}{{ name|genitive }} mål")
    rendered = {}
    for language in ("sv", "en"):
        with translation.override(language):
            rendered[language] = [
                template.render(Context({"name": n})) for n in ("Kulturnämnden", "Västerås")
            ]
    assert rendered == {
        "sv": ["Kulturnämndens mål", "Västerås mål"],
        "en": ["Kulturnämnden&#x27;s mål", "Västerås&#x27;s mål"],
    }


def _coverage_message(board, target_area) -> str:
    f.GoalFactory(organ=board, target_area=target_area)
    found = rules.findings_for_year(board.municipality, 2024)
    return next(x.message for x in found if x.rule == rules.TARGET_AREA_COVERAGE)


@pytest.mark.parametrize(
    ("name", "swedish", "english"),
    [
        ("Kulturnämnden", "Kulturnämndens mål", "Kulturnämnden's goals"),
        (
            "Kommunstyrelsen i Västerås",
            "Kommunstyrelsen i Västerås mål",
            "Kommunstyrelsen i Västerås's goals",
        ),
    ],
)
def test_target_area_rule_says_the_organs_goals_and_one_target_area(
    municipality, council, target_areas, name, swedish, english
):
    board = f.OrganFactory(municipality=municipality, slug="namnd", name=name, parent=council)
    with translation.override("sv"):
        assert _coverage_message(board, target_areas[0]) == (
            f"{swedish} för 2024 täcker 1 målområde; minst 2 krävs (regel 2)."
        )
    with translation.override("en"):
        found = rules.findings_for_year(board.municipality, 2024)
        message = next(x.message for x in found if x.rule == rules.TARGET_AREA_COVERAGE)
    assert message == f"{english} for 2024 cover 1 target area; at least 2 are required (rule 2)."


def test_target_area_rule_counts_target_areas_in_the_plural(board_a, target_areas):
    board_a.municipality.min_target_areas = 3
    board_a.municipality.save(update_fields=["min_target_areas"])
    f.GoalFactory(organ=board_a, target_area=target_areas[0])
    assert _coverage_message(board_a, target_areas[1]) == (
        "Nämnd A:s mål för 2024 täcker 2 målområden; minst 3 krävs (regel 2)."
    )


def _heading(html: str) -> str:
    return re.search(r'<h2 id="error-summary-heading">(.*?)</h2>', html).group(1)


def test_failed_sign_in_is_headed_as_a_failed_sign_in(anonymous, editor_a):
    response = anonymous.post(reverse("login"), {"username": "redaktor-a", "password": "fel"})
    assert (response.status_code, _heading(response.content.decode())) == (200, "Inloggningen misslyckades")
    anonymous.cookies["django_language"] = "en"
    response = anonymous.post(reverse("login"), {"username": "redaktor-a", "password": "fel"})
    assert _heading(response.content.decode()) == "Sign-in failed"


def test_a_form_that_saves_is_still_headed_det_gick_inte_att_spara(client_a, board_a, target_areas):
    response = client_a.post(
        reverse("steering:goal_create", args=[board_a.slug]) + "?year=2024", {"title": ""}
    )
    assert (response.status_code, _heading(response.content.decode())) == (200, "Det gick inte att spara")


def test_signing_in_still_works_with_the_heading_only_on_failure(anonymous, editor_a):
    page = anonymous.get(reverse("login")).content.decode()
    response = anonymous.post(reverse("login"), {"username": "redaktor-a", "password": PASSWORD})
    assert ("error-summary" in page, response.status_code) == (False, 302)


@pytest.fixture
def goal_versions(board_a, council, target_areas, admin_user, editor_a):
    goals = []
    for area in target_areas[:2]:
        goal = f.GoalFactory(organ=board_a, target_area=area, record_state=RecordState.READY)
        f.IndicatorTargetFactory(indicator=f.IndicatorFactory(goal=goal), year=2026, value=Decimal("50"))
        goals.append(goal)
    services.plan_year_decide(
        actor=admin_user, organ=board_a, year=2024, body=council, decided_on=datetime.date(2023, 11, 16)
    )
    old = Goal.objects.get(pk=goals[0].pk)
    return old, versions.goal_new_version(actor=editor_a, goal=old)


def _notice(client, goal) -> str:
    html = client.get(reverse("steering:goal", args=[goal.pk])).content.decode()
    notice = re.search(r'<div class="notice notice-versions".*?</div>', html, re.S).group(0)
    return " ".join(notice.split())


def test_version_notices_end_no_link_in_stranded_punctuation(client_a, goal_versions):
    old, new = goal_versions
    notices = {"old": _notice(client_a, old), "new": _notice(client_a, new)}
    assert f'<a href="/mal/{old.pk}/">Föregående version</a> finns kvar att läsa.' in notices["new"]
    assert f'<a href="/mal/{old.pk}/">Den version som gäller</a> är beslutad' in notices["new"]
    assert f'<a href="/mal/{new.pk}/">En nyare version</a> finns: utkast.' in notices["old"]
    assert [re.findall(r"</a>\s*[.,;:!?)]", n) for n in notices.values()] == [[], []]
    assert "se den" not in notices["new"]


def test_counts_in_vem_kor_are_singular_or_plural(client_admin, board_a, target_areas):
    f.GoalFactory(organ=board_a, target_area=target_areas[0])
    f.IndicatorFactory(goal=f.GoalFactory(organ=board_a, target_area=target_areas[1]))
    client_admin.cookies["django_language"] = "en"
    html = client_admin.get(reverse("steering:responsibility") + "?year=2024").content.decode()
    assert '>2<span class="visually-hidden"> goals, Nämnd A</span>' in html
    assert '>1<span class="visually-hidden"> key figure, Nämnd A</span>' in html


def test_the_findings_count_badge_says_error_or_errors(client_admin, board_a, target_areas):
    f.GoalFactory(organ=board_a, target_area=target_areas[0])  # errors: one target area, no indicator, ...
    client_admin.cookies["django_language"] = "en"
    html = client_admin.get(reverse("steering:organ", args=[board_a.slug]) + "?year=2024").content.decode()
    badge = re.search(
        r'<span class="count count-error">(\d+)<span class="visually-hidden"> (\w+)</span>', html
    )
    count = len([x for x in rules.findings_for_year(board_a.municipality, 2024) if x.is_error])
    assert (int(badge.group(1)), badge.group(2)) == (count, "error" if count == 1 else "errors")
    assert count > 1
