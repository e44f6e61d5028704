"""Ändringshistorik: the audit trail in plain Swedish (styrkraft.core.history, exact sentences) and the
history page of each item (goal, assignment, indicator, organ)."""

import datetime
import re
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from styrkraft.core import history
from styrkraft.core.models import AuditRecord
from styrkraft.indicators import services as indicator_services
from styrkraft.steering import services
from styrkraft.steering.models import Assignment, RecordState
from tests import factories as f

AT = timezone.make_aware(datetime.datetime(2024, 5, 12, 14, 3))


def line(item_type, action, changes, actor_label="anna") -> str:
    record = AuditRecord(at=AT, actor_label=actor_label, action=action, item_type=item_type, changes=changes)
    return str(history.history_line(record))


# --- Sentences -------------------------------------------------------------------------------------


def test_update_of_a_text_field_names_the_field_by_its_label():
    assert line("steering.goal", "update", {"title": ["X", "Y"]}) == (
        "2024-05-12 14:03 – anna ändrade Mål från ”X” till ”Y”"
    )


def test_update_of_a_date_shows_the_date_without_quotes():
    assert line("steering.assignment", "update", {"deadline": ["2024-10-31", "2024-12-01"]}) == (
        "2024-05-12 14:03 – anna ändrade Senast från 2024-10-31 till 2024-12-01"
    )


def test_setting_an_empty_field_and_emptying_one():
    assert line("steering.assignment", "update", {"deadline": [None, "2024-10-31"]}) == (
        "2024-05-12 14:03 – anna satte Senast till 2024-10-31"
    )
    assert line("steering.goal", "update", {"responsible_person": ["Skolchef", ""]}) == (
        "2024-05-12 14:03 – anna tömde Ansvarig person eller roll (var ”Skolchef”)"
    )


def test_choices_are_shown_by_their_labels():
    assert line("steering.assignment", "update", {"status": ["not_started", "ongoing"]}) == (
        "2024-05-12 14:03 – anna ändrade Status från ej påbörjat till pågår"
    )
    assert line("indicators.indicator", "update", {"direction": ["higher", "lower"]}) == (
        "2024-05-12 14:03 – anna ändrade Riktning från högre är bättre till lägre är bättre"
    )


def test_foreign_keys_are_shown_by_their_recorded_text():
    assert line("steering.goal", "update", {"target_area": ["En trygg kommun", "En klimatsmart kommun"]}) == (
        "2024-05-12 14:03 – anna ändrade Målområde från ”En trygg kommun” till ”En klimatsmart kommun”"
    )


def test_numbers_are_in_the_swedish_format_and_years_as_they_are():
    assert line("indicators.indicator", "update", {"baseline_value": ["1234.50", "1300.00"]}) == (
        "2024-05-12 14:03 – anna ändrade Utgångsvärde från 1\xa0234,5 till 1\xa0300"
    )
    assert line("indicators.indicator", "update", {"baseline_year": [2021, 2022]}) == (
        "2024-05-12 14:03 – anna ändrade Utgångsår från 2021 till 2022"
    )


def test_several_changes_in_one_sentence():
    changes = {"title": ["X", "Y"], "rationale": ["", "Därför."], "status": ["draft", "ready"]}
    assert line("steering.goal", "update", changes) == (
        "2024-05-12 14:03 – anna ändrade Mål från ”X” till ”Y”, satte Motivering till ”Därför.” och "
        "ändrade Status från utkast till upprättad"
    )


def test_links_added_and_removed():
    changes = {"council_goals": [["Fossilfri kommun"], ["Trygg kommun", "Jobb åt alla"]]}
    assert line("steering.goal", "update", changes) == (
        "2024-05-12 14:03 – anna lade till ”Trygg kommun” och ”Jobb åt alla” i Kommunfullmäktiges mål "
        "och tog bort ”Fossilfri kommun” från Kommunfullmäktiges mål"
    )


def test_create_is_a_sentence_with_the_values_as_details():
    changes = {
        "title": [None, "Fler elever klarar skolan"],
        "rationale": [None, ""],
        "status": [None, "draft"],
        "order": [None, 0],
        "commitments": [None, []],
        "sdg_goals": [None, ["4. God utbildning för alla"]],
    }
    record = AuditRecord(
        at=AT, actor_label="anna", action="create", item_type="steering.goal", changes=changes
    )
    result = history.history_line(record)
    assert str(result) == "2024-05-12 14:03 – anna skapade målet"
    assert result.details == [
        "Mål: ”Fler elever klarar skolan”",
        "Status: utkast",
        "Globala mål: ”4. God utbildning för alla”",
    ]


@pytest.mark.parametrize(
    ("item_type", "expected"),
    [
        ("steering.goal", "skapade målet"),
        ("steering.assignment", "skapade uppdraget"),
        ("indicators.indicator", "skapade nyckeltalet"),
        ("org.organ", "skapade organet"),
        ("org.organrole", "skapade rollen"),
        ("auth.user", "skapade användaren"),
        ("org.term", "skapade mandatperiod"),
    ],
)
def test_create_names_the_kind_of_item(item_type, expected):
    assert history.describe(item_type, "create", {}) == expected


def test_state_change():
    assert line("steering.goal", "state", {"status": ["draft", "ready"]}) == (
        "2024-05-12 14:03 – anna ändrade status från utkast till upprättad"
    )


def test_delete_and_restore():
    assert line("steering.assignment", "delete", {}) == "2024-05-12 14:03 – anna tog bort uppdraget"
    assert line("steering.goal", "restore", {}) == "2024-05-12 14:03 – anna återställde målet"


def test_decision():
    changes = {"status": ["ready", "decided"], "decision": [None, "Nämnd A, 2024-11-20, § 12"]}
    assert line("steering.goal", "decide", changes) == (
        "2024-05-12 14:03 – anna registrerade beslutet om målet: ”Nämnd A, 2024-11-20, § 12”"
    )


def test_load_of_the_model_file():
    record = AuditRecord(
        at=AT,
        actor_label="system",
        action="load",
        item_type="org.municipality",
        changes={"replaced": False, "counts": {"organs": 12, "goals": 30, "values": 1500, "targets": 0}},
    )
    result = history.history_line(record)
    assert str(result) == "2024-05-12 14:03 – system läste in modellfilen"
    assert result.details == ["Organ: 12", "Mål: 30", "Utfall: 1\xa0500"]
    assert history.describe("org.municipality", "load", {"replaced": True}) == (
        "läste in modellfilen och ersatte det som fanns"
    )


def test_yearly_figures_of_an_indicator():
    assert line("indicators.indicator", "update", {"utfall 2023": [None, "52.00"]}) == (
        "2024-05-12 14:03 – anna satte Utfall 2023 till 52"
    )
    assert line("indicators.indicator", "update", {"målvärde 2026": ["60.00", "62.50"]}) == (
        "2024-05-12 14:03 – anna ändrade Målvärde 2026 från 60 till 62,5"
    )
    assert line("indicators.indicator", "delete", {"utfall 2023": ["52.00", None]}) == (
        "2024-05-12 14:03 – anna tömde Utfall 2023 (var 52)"
    )


def test_unknown_fields_keep_their_names_and_fields_without_a_label_get_one():
    assert line("steering.goal", "update", {"colour": ["blå", "röd"]}) == (
        "2024-05-12 14:03 – anna ändrade colour från ”blå” till ”röd”"
    )
    assert line("steering.goal", "update", {"order": [0, 1]}) == (
        "2024-05-12 14:03 – anna ändrade Ordning från 0 till 1"
    )


def test_booleans_and_an_empty_actor():
    assert line("org.municipality", "update", {"is_demo": [False, True]}, actor_label="") == (
        "2024-05-12 14:03 – okänd ändrade Demodata från nej till ja"
    )


def test_time_is_shown_in_the_sites_time_zone():
    at = datetime.datetime(2024, 1, 15, 23, 30, tzinfo=datetime.UTC)
    assert history.format_when(at) == "2024-01-16 00:30"


# --- The history page ------------------------------------------------------------------------------


def _lines(response) -> list[str]:
    """The sentences of a history page, as text."""
    html = response.content.decode()
    found = re.findall(r'<span class="history-sentence">(.*?)</span>', html, flags=re.S)
    return [unescape(re.sub(r"<[^>]+>", "", s)) for s in found]


def _when(record) -> str:
    return history.format_when(record.at)


def test_goal_history_after_create_and_update(client_reader, board_a, target_areas, editor_a, editor_b):
    goal = services.goal_create(
        actor=editor_a, organ=board_a, year=2024, title="Fler resor med buss", target_area=target_areas[0]
    )
    services.goal_update(
        actor=editor_b,
        goal=goal,
        expected_version=1,
        title="Fler resor med kollektivtrafik",
        target_area=target_areas[1],
        record_state=RecordState.DRAFT,
    )
    created, updated = AuditRecord.objects.filter(item_type="steering.goal").order_by("id")
    response = client_reader.get(reverse("core:history", args=["steering.goal", goal.pk]))
    assert response.status_code == 200
    assert _lines(response) == [
        f"{_when(updated)} – redaktor-b ändrade Mål från ”Fler resor med buss” till ”Fler resor med "
        "kollektivtrafik” och ändrade Målområde från ”En klimatsmart kommun” till ”En trygg kommun”",
        f"{_when(created)} – redaktor-a skapade målet",
    ]
    html = response.content.decode()
    assert "<li>Målområde: ”En klimatsmart kommun”</li>" in html
    assert f'href="{reverse("steering:goal", args=[goal.pk])}"' in html


def test_assignment_history(client_a, board_a, board_b, editor_a):
    assignment = services.assignment_create(
        actor=editor_a, giver=board_a, receiver=board_b, year=2024, title="Utred busslinjer"
    )
    services.assignment_update(
        actor=editor_a,
        assignment=assignment,
        expected_version=1,
        deadline=datetime.date(2024, 10, 31),
        progress=Assignment.Progress.ONGOING,
    )
    updated = AuditRecord.objects.filter(item_type="steering.assignment").latest("id")
    response = client_a.get(reverse("core:history", args=["steering.assignment", assignment.pk]))
    assert _lines(response)[0] == (
        f"{_when(updated)} – redaktor-a satte Senast till 2024-10-31 och ändrade Status från ej påbörjat "
        "till pågår"
    )


def test_indicator_history_shows_yearly_figures(client_reader, board_a, target_areas, editor_a):
    goal = f.GoalFactory(organ=board_a, target_area=target_areas[0])
    indicator = f.IndicatorFactory(goal=goal)
    indicator_services.indicator_value_set(
        actor=editor_a, indicator=indicator, year=2023, value=Decimal("52.5")
    )
    indicator_services.indicator_target_set(
        actor=editor_a, indicator=indicator, year=2026, value=Decimal("60")
    )
    value, target = AuditRecord.objects.filter(item_type="indicators.indicator").order_by("id")
    response = client_reader.get(reverse("core:history", args=["indicators.indicator", indicator.pk]))
    assert _lines(response) == [
        f"{_when(target)} – redaktor-a satte Målvärde 2026 till 60",
        f"{_when(value)} – redaktor-a satte Utfall 2023 till 52,5",
    ]


def test_items_written_by_a_model_file_load_show_the_load(db, anonymous):
    from styrkraft.steering.modelfile import model_file_load, parse_model_file
    from tests.e2e.data import SMALL_FILE

    municipality = model_file_load(
        actor="inläsning", data=parse_model_file(SMALL_FILE.read_text(encoding="utf-8"))
    )
    organ = municipality.organs.get(slug="skolnamnden")
    load = AuditRecord.objects.get(action="load")
    response = anonymous.get(reverse("core:history", args=["org.organ", organ.pk]))
    assert _lines(response) == [f"{_when(load)} – inläsning läste in modellfilen"]


def test_an_item_without_records(anonymous, board_a):
    response = anonymous.get(reverse("core:history", args=["org.organ", board_a.pk]))
    assert response.status_code == 200
    assert _lines(response) == []
    assert "Inga ändringar är registrerade." in response.content.decode()


def test_history_does_not_mix_items(client_reader, board_a, board_b, target_areas, editor_a):
    goal_a = services.goal_create(
        actor=editor_a, organ=board_a, year=2024, title="A:s mål", target_area=target_areas[0]
    )
    services.goal_create(
        actor=editor_a, organ=board_b, year=2024, title="B:s mål", target_area=target_areas[0]
    )
    response = client_reader.get(reverse("core:history", args=["steering.goal", goal_a.pk]))
    assert len(_lines(response)) == 1


@pytest.mark.parametrize(
    ("item_type", "item_id"),
    [
        ("steering.goal", "999999"),
        ("steering.goal", "abc"),
        ("core.auditrecord", "1"),
        ("finns.inte", "1"),
        ("auth.user", "1"),
    ],
)
def test_unknown_item_or_type_is_404(anonymous, admin_user, item_type, item_id):
    response = anonymous.get(reverse("core:history", args=[item_type, item_id]))
    assert response.status_code == 404


def test_history_page_queries_are_bounded(
    client_reader, board_a, target_areas, editor_a, django_assert_max_num_queries
):
    goal = services.goal_create(
        actor=editor_a, organ=board_a, year=2024, title="Mål", target_area=target_areas[0]
    )
    for n in range(20):
        services.goal_update(actor=editor_a, goal=goal, expected_version=n + 1, title=f"Mål {n}")
    url = reverse("core:history", args=["steering.goal", goal.pk])
    # Session, user, the item, its records; the reader's roles and the organs below them (visibility);
    # whether the goal has a newer version.
    with django_assert_max_num_queries(8):
        response = client_reader.get(url)
    assert len(_lines(response)) == 21


def test_item_pages_link_to_their_history(client_reader, board_a, board_b, target_areas, editor_a):
    goal = f.GoalFactory(organ=board_a, target_area=target_areas[0])
    indicator = f.IndicatorFactory(goal=goal)
    assignment = f.AssignmentFactory(giver=board_a, receiver=board_b)
    pages = {
        reverse("steering:goal", args=[goal.pk]): [
            reverse("core:history", args=["steering.goal", goal.pk]),
            reverse("core:history", args=["indicators.indicator", indicator.pk]),
        ],
        reverse("steering:assignment", args=[assignment.pk]): [
            reverse("core:history", args=["steering.assignment", assignment.pk])
        ],
        reverse("steering:organ", args=[board_a.slug]) + "?year=2024": [
            reverse("core:history", args=["org.organ", board_a.pk])
        ],
    }
    for page, links in pages.items():
        html = client_reader.get(page).content.decode()
        assert [link for link in links if f'href="{link}"' in html] == links, page


def test_changes_are_told_in_the_order_of_the_models_fields_whatever_order_they_are_stored_in():
    # PostgreSQL's jsonb gives the keys back in its own order.
    changes = {
        "status": ["ongoing", "closed"],
        "målvärde 2026": [None, "60"],
        "zeta": ["a", "b"],
        "deadline": [None, "2024-10-31"],
        "utfall 2023": [None, "52"],
        "title": ["X", "Y"],
    }
    assert history.describe("steering.assignment", "update", changes) == (
        "ändrade Uppdrag från ”X” till ”Y”, satte Senast till 2024-10-31, ändrade Status från pågår till "
        "avslutat, satte Utfall 2023 till 52, satte Målvärde 2026 till 60 och ändrade zeta från ”a” till ”b”"
    )


def test_history_of_a_draft_is_for_those_who_see_the_drafts(
    anonymous, client_b, client_reader, board_a, target_areas
):
    """A draft's history holds its wording: visitors and editors of other organs are refused; the
    finalised goal's history is open to everyone (anyone can see who changed what and when)."""
    goal = f.GoalFactory(organ=board_a, target_area=target_areas[0])
    url = reverse("core:history", args=["steering.goal", goal.pk])
    assert [c.get(url).status_code for c in (anonymous, client_b, client_reader)] == [302, 403, 200]
    goal.record_state = RecordState.READY
    goal.save()
    assert [c.get(url).status_code for c in (anonymous, client_b, client_reader)] == [200, 200, 200]
