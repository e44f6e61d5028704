"""Decided and replaced items (steering.models.Versioned, styrkraft.lifecycle): imports, templates and pickers
offer only what is in force (or a new version under way, labelled); a replaced version takes no figures
and names the one in force; assignments follow their goal to its new version; the edit pages of decided
items redirect to the item's page saying why, and the pages offer "Ny version" instead (issue 8, points 2
and 6)."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from styrkraft.core.models import AuditRecord
from styrkraft.indicators import fileimport
from styrkraft.indicators import services as indicator_services
from styrkraft.indicators import states as target_states
from styrkraft.indicators.models import Indicator, IndicatorValue
from styrkraft.steering import services, states, versions
from styrkraft.steering.forms.assignments import AssignmentForm
from styrkraft.steering.models import Assignment, Goal, RecordState, SteeringDocument
from tests import factories as f

DAY, LATER = datetime.date(2023, 11, 16), datetime.date(2024, 6, 1)


@pytest.fixture(autouse=True)
def _swedish():
    with translation.override("sv"):
        yield


def _messages(response) -> list[str]:
    return [m.message for m in get_messages(response.wsgi_request)]


@pytest.fixture
def decided(board_a, council, target_areas, admin_user):
    """Board A's two goals for 2024, decided, each with the indicator "Besök per invånare"."""
    goals = []
    for n, area in enumerate(target_areas[:2]):
        goal = f.GoalFactory(
            organ=board_a, target_area=area, record_state=RecordState.READY, title=f"Mål {n}"
        )
        code = "besok-per-invanare-2" if n else "besok-per-invanare"
        indicator = f.IndicatorFactory(goal=goal, code=code, title="Besök per invånare")
        f.IndicatorTargetFactory(indicator=indicator, year=2026, value=Decimal("5"))
        goals.append(goal)
    services.plan_year_decide(actor=admin_user, organ=board_a, year=2024, body=council, decided_on=DAY)
    return [Goal.objects.get(pk=g.pk) for g in goals]


def _new_version(goal, editor):
    new = versions.goal_new_version(actor=editor, goal=goal)
    services.goal_set_status(actor=editor, goal=new, status="ready", expected_version=new.version)
    return Goal.objects.get(pk=new.pk)


@pytest.fixture
def replaced(decided, editor_a, admin_user, board_a, council):
    """Both goals in a new version, decided: version 1 is replaced (ersatt av ny version)."""
    new = [_new_version(goal, editor_a) for goal in decided]
    services.plan_year_decide(actor=admin_user, organ=board_a, year=2024, body=council, decided_on=LATER)
    return [Goal.objects.get(pk=g.pk) for g in decided], [Goal.objects.get(pk=g.pk) for g in new]


def _indicator(code: str) -> Indicator:
    return Indicator.objects.select_related("goal").get(code=code)


# --- Point 2: imports, templates and pickers offer only what is in force ------------------------------


def test_the_organ_import_page_and_template_list_only_the_indicators_in_force(client_a, board_a, replaced):
    response = client_a.get(reverse("indicators:organ_import", args=[board_a.slug]))
    html = response.content.decode()
    assert [i.code for i in response.context["indicators"]] == [
        "besok-per-invanare-v2",
        "besok-per-invanare-2-v2",
    ]
    assert "<code>besok-per-invanare-v2</code>" in html and "<code>besok-per-invanare-2-v2</code>" in html
    assert "<code>besok-per-invanare</code>" not in html and "<code>besok-per-invanare-2</code>" not in html
    lines = (
        client_a.get(reverse("indicators:organ_import_template", args=[board_a.slug]))
        .content.decode()
        .splitlines()
    )
    assert sorted({line.split(";")[0] for line in lines[1:]}) == [
        "besok-per-invanare-2-v2",
        "besok-per-invanare-v2",
    ]


def test_a_new_version_under_way_is_listed_beside_the_one_in_force_and_labelled(
    client_a, board_a, decided, editor_a
):
    _new_version(decided[0], editor_a)
    response = client_a.get(reverse("indicators:organ_import", args=[board_a.slug]))
    html = response.content.decode()
    assert len(response.context["indicators"]) == 3
    assert "ny version under arbete (upprättad)" in html
    lines = (
        client_a.get(reverse("indicators:organ_import_template", args=[board_a.slug]))
        .content.decode()
        .splitlines()
    )
    titles = {line.split(";")[0]: line.split(";")[1] for line in lines[1:]}
    assert titles == {
        "besok-per-invanare": "Besök per invånare",
        "besok-per-invanare-2": "Besök per invånare",
        "besok-per-invanare-v2": "Besök per invånare – ny version under arbete (upprättad)",
    }


def test_an_import_row_to_a_replaced_indicator_is_refused_naming_the_one_in_force(board_a, replaced):
    data = "nyckeltal;år;utfall\nbesok-per-invanare;2024;3,5\nbesok-per-invanare-v2;2024;4\n".encode()
    with pytest.raises(fileimport.ImportRefused) as refused:
        fileimport.read_figures("fil.csv", data, organ=board_a)
    assert refused.value.messages == [
        "Rad 2, kolumn nyckeltal: Nyckeltalet ”Besök per invånare” (id besok-per-invanare) hör till en "
        "version av målet som är ersatt av en ny version och kan inte ändras. Det nyckeltal som gäller är "
        "”Besök per invånare” med id besok-per-invanare-v2."
    ]


def test_the_organ_import_refuses_the_file_and_writes_nothing(client_a, board_a, replaced):
    upload = SimpleUploadedFile("fil.csv", "nyckeltal;år;utfall\nbesok-per-invanare;2024;3\n".encode())
    response = client_a.post(reverse("indicators:organ_import", args=[board_a.slug]), {"fil": upload})
    assert response.status_code == 200
    assert "besok-per-invanare-v2" in response.context["form"].non_field_errors()[0]
    assert not IndicatorValue.objects.filter(year=2024).exists()


def test_figures_on_a_replaced_version_are_refused_by_the_service(replaced, editor_a):
    old = _indicator("besok-per-invanare")
    with pytest.raises(
        ValidationError, match="Det nyckeltal som gäller är ”Besök per invånare” med id besok"
    ):
        indicator_services.indicator_value_set(actor=editor_a, indicator=old, year=2024, value=Decimal("3"))
    with pytest.raises(ValidationError, match="ersatt av en ny version"):
        indicator_services.indicator_figures_save(
            actor=editor_a,
            indicator=old,
            expected_version=old.version,
            values={2024: Decimal("3")},
            targets={},
        )
    assert not IndicatorValue.objects.filter(indicator=old, year=2024).exists()
    # The indicator in force takes the outcome: that is the follow-up of a decided goal.
    current = _indicator("besok-per-invanare-v2")
    indicator_services.indicator_value_set(actor=editor_a, indicator=current, year=2024, value=Decimal("3"))


def test_the_goal_picker_offers_no_replaced_goal_and_labels_a_new_version(
    board_a, board_b, decided, editor_a
):
    new = _new_version(decided[0], editor_a)
    form = AssignmentForm(giver=board_b, year=2024)
    labels = {
        g.pk: label
        for g, label in (
            (g, form.fields["goal"].label_from_instance(g)) for g in form.fields["goal"].queryset
        )
    }
    assert labels[new.pk].endswith("– ny version under arbete (upprättad)")
    assert decided[0].pk in labels
    services.plan_year_decide(
        actor=f.UserFactory(is_superuser=True),
        organ=board_a,
        year=2024,
        body=board_a.parent,
        decided_on=LATER,
    )
    form = AssignmentForm(giver=board_b, year=2024)
    assert set(form.fields["goal"].queryset.values_list("pk", flat=True)) == {decided[1].pk, new.pk}


def test_assignments_follow_their_goal_to_its_new_version_when_it_is_decided(
    decided, board_a, board_b, council, editor_a, admin_user
):
    old = decided[0]
    draft = f.AssignmentFactory(giver=board_b, receiver=board_a, goal=old, record_state=RecordState.DRAFT)
    given = f.AssignmentFactory(giver=board_b, receiver=board_a, goal=old, record_state=RecordState.READY)
    states.assignment_decide(
        actor=admin_user, assignment=given, body=council, decided_on=DAY, expected_version=1
    )
    new = _new_version(old, editor_a)
    assert Assignment.objects.get(pk=draft.pk).goal_id == old.pk  # the old version is in force until then
    services.plan_year_decide(actor=admin_user, organ=board_a, year=2024, body=council, decided_on=LATER)
    assert {a.pk: a.goal_id for a in Assignment.objects.filter(pk__in=[draft.pk, given.pk])} == {
        draft.pk: new.pk,
        given.pk: new.pk,
    }
    moved = AuditRecord.objects.filter(
        item_type="steering.assignment", item_id=str(draft.pk), action="update"
    )
    assert moved.get().changes == {
        "goal": [f"{old.title} (version som ersätts)", f"{new.title} (ny version, beslutad)"]
    }


# --- Wording: never "beslutad" alone for a replaced version; visitors and a new version of targets ----


def test_visitors_see_a_new_version_under_way_beside_targets_in_force(
    anonymous, board_a, editor_a, admin_user
):
    indicator = f.IndicatorFactory(organ=board_a, goal=None, title="Nöjda brukare")
    f.IndicatorTargetFactory(indicator=indicator, year=2026, value=Decimal("81.5"))
    target_states.indicator_targets_set_state(
        actor=editor_a, indicator=indicator, state="ready", expected_version=1
    )
    target_states.indicator_targets_decide(
        actor=admin_user, indicator=indicator, body=board_a, decided_on=DAY, expected_version=2
    )
    target_states.indicator_targets_new_version(actor=editor_a, indicator=indicator, expected_version=3)
    html = anonymous.get(reverse("indicators:detail", args=[indicator.pk])).content.decode()
    assert (
        'Målvärdenas läge: <span class="status status-decided">beslutade, ny version under arbete</span>'
        in html
    )
    assert "utkast" not in html


def test_the_targets_of_a_replaced_version_are_not_called_decided_alone(client_a, replaced):
    old = _indicator("besok-per-invanare")
    html = client_a.get(reverse("indicators:detail", args=[old.pk])).content.decode()
    assert (
        'Målvärdenas läge: <span class="status status-superseded">beslutade, ersatta av ny version</span>'
        in html
    )
    assert "Ändra värden" not in html and "För in utfall" not in html


# --- Point 6: decided items offer "Ny version"; their edit pages redirect saying why -------------------


def test_the_organ_page_offers_a_new_version_not_editing_on_decided_goals(
    client_a, client_b, board_a, decided
):
    html = client_a.get(reverse("steering:organ", args=[board_a.slug]), {"year": 2024}).content.decode()
    assert "Ändra mål" not in html
    for goal in decided:
        assert f'action="{reverse("steering:goal_new_version", args=[goal.pk])}"' in html
    html = client_b.get(reverse("steering:organ", args=[board_a.slug]), {"year": 2024}).content.decode()
    assert "Ny version" not in html


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_edit_page_of_a_decided_goal_redirects_saying_why(client_a, decided, method):
    goal = decided[0]
    response = getattr(client_a, method)(
        reverse("steering:goal_edit", args=[goal.pk]), {"title": "Nytt"} if method == "post" else None
    )
    assert (response.status_code, response["Location"]) == (302, reverse("steering:goal", args=[goal.pk]))
    assert _messages(response) == [f"Målet ”{goal.title}” är beslutat ({goal.decision}) och kan inte ändras."]
    assert Goal.objects.get(pk=goal.pk).title == goal.title


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_edit_page_of_a_replaced_goal_names_the_version_in_force(client_a, replaced, method):
    old, new = replaced[0][0], replaced[1][0]
    response = getattr(client_a, method)(reverse("steering:goal_edit", args=[old.pk]))
    assert response["Location"] == reverse("steering:goal", args=[old.pk])
    assert _messages(response) == [
        f"”{old.title}” är ersatt av en ny version och kan varken ändras eller tas bort. Den version som gäller "
        f"är ”{new.title}” (version 2, beslutad {new.decision})."
    ]


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_edit_page_of_a_replaced_assignment_redirects_saying_why(
    client_a, board_a, board_b, council, editor_a, admin_user, method
):
    old = f.AssignmentFactory(giver=board_a, receiver=board_b, record_state=RecordState.READY)
    states.assignment_decide(
        actor=admin_user, assignment=old, body=council, decided_on=DAY, expected_version=1
    )
    new = versions.assignment_new_version(actor=editor_a, assignment=Assignment.objects.get(pk=old.pk))
    states.assignment_set_state(actor=editor_a, assignment=new, state="ready", expected_version=1)
    states.assignment_decide(
        actor=admin_user, assignment=new, body=council, decided_on=LATER, expected_version=2
    )
    response = getattr(client_a, method)(
        reverse("steering:assignment_edit", args=[old.pk]),
        {"progress": "closed"} if method == "post" else None,
    )
    assert (response.status_code, response["Location"]) == (
        302,
        reverse("steering:assignment", args=[old.pk]),
    )
    assert _messages(response)[0].startswith(f"”{old.title}” är ersatt av en ny version")
    assert Assignment.objects.get(pk=old.pk).progress == old.progress


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_edit_page_of_a_replaced_document_names_the_version_in_force(
    client_a, board_a, council, editor_a, admin_user, method
):
    old = f.SteeringDocumentFactory(
        owner=board_a, decided_by=None, decided_on=None, record_state=RecordState.READY
    )
    states.steering_document_decide(
        actor=admin_user, document=old, body=council, decided_on=DAY, expected_version=1
    )
    new = versions.steering_document_new_version(actor=editor_a, document=type(old).objects.get(pk=old.pk))
    states.steering_document_set_state(actor=editor_a, document=new, state="ready", expected_version=1)
    states.steering_document_decide(
        actor=admin_user, document=new, body=council, decided_on=LATER, expected_version=2
    )
    response = getattr(client_a, method)(
        reverse("steering:document_edit", args=[old.pk]), {"title": "Nytt"} if method == "post" else None
    )
    assert (response.status_code, response["Location"]) == (302, reverse("steering:document", args=[old.pk]))
    assert _messages(response) == [
        f"”{old.title}” är ersatt av en ny version och kan varken ändras eller tas bort. Den version som gäller "
        f"är ”{new.title}” (version 2, beslutad Kommunfullmäktige, 2024-06-01)."
    ]


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_indicator_edit_page_of_a_decided_goal_redirects_saying_why(client_a, decided, method):
    indicator = _indicator("besok-per-invanare")
    response = getattr(client_a, method)(
        reverse("indicators:edit", args=[indicator.pk]), {"title": "Nytt"} if method == "post" else None
    )
    assert (response.status_code, response["Location"]) == (
        302,
        reverse("indicators:detail", args=[indicator.pk]),
    )
    assert _messages(response) == [
        f"Målet ”{indicator.goal.title}” är beslutat ({indicator.goal.decision}) och kan inte ändras."
    ]


def test_the_figures_page_of_a_decided_goal_still_takes_outcomes(client_a, decided):
    indicator = _indicator("besok-per-invanare")
    response = client_a.get(reverse("indicators:figures", args=[indicator.pk]))
    assert response.status_code == 200 and response.context["targets_note"]


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_figures_and_import_pages_of_a_replaced_version_redirect_naming_the_one_in_force(
    client_a, replaced, method
):
    old = _indicator("besok-per-invanare")
    for name in ("indicators:figures", "indicators:import", "indicators:import_template"):
        if method == "post" and name == "indicators:import_template":
            continue
        response = getattr(client_a, method)(
            reverse(name, args=[old.pk]),
            {"version": old.version, "value_2024": "3"} if method == "post" else None,
        )
        assert (response.status_code, response["Location"]) == (
            302,
            reverse("indicators:detail", args=[old.pk]),
        )
        assert _messages(response)[-1].endswith(
            "Det nyckeltal som gäller är ”Besök per invånare” med id besok-per-invanare-v2."
        )
    assert not IndicatorValue.objects.filter(indicator=old, year=2024).exists()


def test_no_indicator_is_added_to_a_decided_goal(client_a, decided):
    goal = decided[0]
    response = client_a.get(reverse("steering:goal_indicator_create", args=[goal.pk]))
    assert (response.status_code, response["Location"]) == (302, reverse("steering:goal", args=[goal.pk]))
    html = client_a.get(reverse("steering:goal", args=[goal.pk])).content.decode()
    assert "Lägg till nyckeltal" not in html and "Ändra nyckeltal" not in html and "För in utfall" in html


def test_an_assignment_cannot_be_linked_to_a_replaced_goal(replaced, board_a, board_b, editor_b):
    old = replaced[0][0]
    with pytest.raises(
        ValidationError, match="är ersatt av en ny version; ett uppdrag bidrar till den version"
    ):
        services.assignment_create(
            actor=editor_b, giver=board_b, receiver=board_a, year=2024, title="X", goal=old
        )


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_assignments_left_on_a_replaced_goal(replaced, board_a, board_b, council):
    """Migration 0006 runs on the schema it was written for (steering 0006: a goal's state was `status`),
    and migration 0007 then turns a document's inline decision back into a Decision."""
    from importlib import import_module

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    (old, _other), (new, _other_new) = replaced
    document = f.SteeringDocumentFactory(owner=board_a, decided_by=council, paragraph="88")
    left = f.AssignmentFactory(
        giver=board_b, receiver=board_a, record_state=RecordState.DECIDED, decision=old.decision
    )
    kept = f.AssignmentFactory(
        giver=board_b, receiver=board_a, record_state=RecordState.SUPERSEDED, decision=old.decision
    )
    Assignment.objects.filter(pk__in=[left.pk, kept.pk]).update(goal=old)  # as before this fix
    before = [("steering", "0006_assignments_follow_goal_versions")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        import_module(
            "styrkraft.steering.migrations.0006_assignments_follow_goal_versions"
        ).follow_new_versions(executor.loader.project_state(before).apps, None)
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    assert str(SteeringDocument.objects.get(pk=document.pk).decision) == f"{council.name}, 2022-06-09, § 88"
    assert dict(Assignment.objects.filter(pk__in=[left.pk, kept.pk]).values_list("pk", "goal_id")) == {
        left.pk: new.pk,
        kept.pk: old.pk,
    }
    record = AuditRecord.objects.get(item_type="steering.assignment", item_id=str(left.pk), action="update")
    assert (record.actor_label, record.changes) == (
        "system",
        {"goal": [f"{old.title} (version som ersätts)", f"{new.title} (ny version, beslutad)"]},
    )


def test_a_new_version_links_its_indicators_and_the_migration_links_older_copies(replaced):
    from importlib import import_module

    from django.apps import apps

    links = dict(Indicator.objects.filter(supersedes__isnull=False).values_list("code", "supersedes__code"))
    assert links == {
        "besok-per-invanare-v2": "besok-per-invanare",
        "besok-per-invanare-2-v2": "besok-per-invanare-2",
    }
    Indicator.objects.update(supersedes=None)  # copies made before Indicator.supersedes existed
    import_module("styrkraft.indicators.migrations.0005_indicator_supersedes").link_copied_indicators(
        apps, None
    )
    assert (
        dict(Indicator.objects.filter(supersedes__isnull=False).values_list("code", "supersedes__code"))
        == links
    )
