"""Editing indicators and the table of their yearly values and targets. Who may reach these URLs is
tested with every other edit URL in tests/steering/test_edit_views.py."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from styrkraft.core.models import AuditRecord
from styrkraft.indicators.forms import SwedishDecimalField, parse_decimal
from styrkraft.indicators.models import Indicator
from tests import factories as f


@pytest.fixture
def indicator(board_a, target_areas):
    goal = f.GoalFactory(organ=board_a, target_area=target_areas[0], title="Fler cyklar")
    indicator = f.IndicatorFactory(goal=goal, title="Andel som cyklar", baseline_year=2022)
    f.IndicatorValueFactory(indicator=indicator, year=2022, value=Decimal("50"))
    f.IndicatorTargetFactory(indicator=indicator, year=2026, value=Decimal("60"))
    return indicator


def figures_url(indicator) -> str:
    return reverse("indicators:figures", args=[indicator.pk])


def stored(indicator) -> tuple[list, list]:
    return (
        list(indicator.values.order_by("year").values_list("year", "value")),
        list(indicator.targets.order_by("year").values_list("year", "value")),
    )


@pytest.mark.parametrize(
    ("text", "number"),
    [("12,5", "12.5"), ("12.5", "12.5"), ("1 234,5", "1234.5"), ("1\u00a0234,25", "1234.25"), ("-3", "-3")],
)
def test_parse_decimal_accepts_swedish_and_point_notation(text, number):
    assert parse_decimal(text) == Decimal(number)


@pytest.mark.parametrize("text", ["abc", "12,5,1", "1e5", "NaN", "12,,"])
def test_parse_decimal_refuses_what_is_not_a_number(text):
    with pytest.raises(ValueError):
        parse_decimal(text)


def test_decimal_field_refuses_more_than_two_decimals():
    field = SwedishDecimalField(label="Utfall 2024")
    with pytest.raises(ValidationError) as excinfo:
        field.clean("1,234")
    assert excinfo.value.messages == ["Skriv högst två decimaler."]


def test_figures_form_has_a_row_per_year_from_before_the_baseline_to_the_end_of_the_term(client_a, indicator):
    response = client_a.get(figures_url(indicator))
    form = response.context["form"]
    assert response.status_code == 200
    assert form.years == [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]
    assert (form["value_2022"].value(), form["target_2026"].value(), form["value_2023"].value()) == (
        "50",
        "60",
        None,
    )
    html = response.content.decode()
    assert '<label for="id_value_2021" class="visually-hidden">Utfall 2021</label>' in html
    assert '<label for="id_target_2021" class="visually-hidden">Målvärde 2021</label>' in html


def test_figures_form_saves_values_and_targets_with_comma_or_point(client_a, editor_a, indicator):
    response = client_a.post(
        figures_url(indicator),
        {
            "value_2022": "50",
            "value_2023": "52,5",
            "value_2024": "1 054.25",
            "target_2024": "55",
            "target_2026": "60",
            "version": "1",
        },
    )
    assert response.status_code == 302
    assert stored(indicator) == (
        [(2022, Decimal("50")), (2023, Decimal("52.5")), (2024, Decimal("1054.25"))],
        [(2024, Decimal("55")), (2026, Decimal("60"))],
    )
    changes = sorted(k for r in AuditRecord.objects.filter(actor=editor_a) for k in r.changes)
    assert changes == ["målvärde 2024", "utfall 2023", "utfall 2024"]
    indicator.refresh_from_db()
    assert indicator.version == 2


def test_figures_form_empty_cell_removes_the_stored_value(client_a, indicator):
    response = client_a.post(figures_url(indicator), {"value_2022": "", "target_2026": "60", "version": "1"})
    assert response.status_code == 302
    assert stored(indicator) == ([], [(2026, Decimal("60"))])


def test_figures_form_with_one_bad_cell_saves_nothing_and_names_the_cell(client_a, indicator):
    response = client_a.post(
        figures_url(indicator),
        {"value_2022": "50", "value_2023": "52,5", "target_2025": "abc", "target_2026": "60", "version": "1"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "target_2025": ["”abc” är inte ett tal. Skriv till exempel 12,5."]
    }
    html = response.content.decode()
    assert (
        '<a href="#id_target_2025">Målvärde 2025: ”abc” är inte ett tal. Skriv till exempel 12,5.</a>' in html
    )
    assert 'aria-describedby="id_target_2025_error"' in html
    assert 'value="52,5"' in html
    assert stored(indicator) == ([(2022, Decimal("50"))], [(2026, Decimal("60"))])
    assert AuditRecord.objects.count() == 0


def test_figures_form_on_stale_version_shows_stored_values_beside(client_a, client_admin, indicator):
    url = figures_url(indicator)
    assert (
        client_a.post(
            url, {"value_2022": "50", "value_2023": "51", "target_2026": "60", "version": "1"}
        ).status_code
        == 302
    )
    response = client_admin.post(
        url, {"value_2022": "50", "value_2023": "53", "target_2026": "60", "version": "1"}
    )
    form = response.context["form"]
    assert (response.status_code, form["version"].value(), form["value_2023"].value()) == (200, "2", "53")
    row_2023 = next(row for row in form.rows() if row["year"] == 2023)
    assert row_2023["stored_value"] == "51"
    assert stored(indicator)[0] == [(2022, Decimal("50")), (2023, Decimal("51"))]
    again = client_admin.post(
        url, {"value_2022": "50", "value_2023": "53", "target_2026": "60", "version": "2"}
    )
    assert (again.status_code, stored(indicator)[0]) == (302, [(2022, Decimal("50")), (2023, Decimal("53"))])


def test_indicator_create_from_kolada_needs_a_kolada_id(client_a, indicator):
    goal = indicator.goal
    response = client_a.post(
        reverse("steering:goal_indicator_create", args=[goal.pk]),
        {"title": "Elever i åk 9 som är behöriga", "direction": "higher", "source": "kolada"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "kolada_id": ["Ett nyckeltal från Kolada behöver ett Kolada-id."]
    }
    assert goal.indicators.count() == 1


def test_indicator_create_saves_for_the_goals_organ(client_a, editor_a, indicator):
    goal = indicator.goal
    response = client_a.post(
        reverse("steering:goal_indicator_create", args=[goal.pk]),
        {
            "title": "Cykelparkeringar",
            "unit": "antal",
            "direction": "higher",
            "source": "own",
            "baseline_year": "2023",
            "baseline_value": "1 200",
        },
    )
    created = Indicator.objects.get(title="Cykelparkeringar")
    assert response.status_code == 302
    assert (created.organ, created.goal, created.baseline_year, created.baseline_value) == (
        goal.organ,
        goal,
        2023,
        Decimal("1200"),
    )


def test_indicator_edit_with_bad_baseline_value_changes_nothing(client_a, indicator):
    response = client_a.post(
        reverse("indicators:edit", args=[indicator.pk]),
        {
            "title": "Nytt namn",
            "direction": "higher",
            "source": "own",
            "baseline_year": "2022",
            "baseline_value": "abc",
            "version": "1",
        },
    )
    assert response.context["form"].errors == {
        "baseline_value": ["”abc” är inte ett tal. Skriv till exempel 12,5."]
    }
    indicator.refresh_from_db()
    assert (indicator.title, indicator.version) == ("Andel som cyklar", 1)


def test_indicator_edit_needs_baseline_year_and_value_together(client_a, indicator):
    response = client_a.post(
        reverse("indicators:edit", args=[indicator.pk]),
        {
            "title": "Andel som cyklar",
            "direction": "higher",
            "source": "own",
            "baseline_year": "",
            "baseline_value": "50",
            "version": "1",
        },
    )
    assert response.context["form"].errors == {"baseline_value": ["Utgångsläget behöver både år och värde."]}


def test_indicator_edit_form_shows_baseline_with_comma(client_a, indicator):
    Indicator.objects.filter(pk=indicator.pk).update(baseline_value=Decimal("48.50"))
    response = client_a.get(reverse("indicators:edit", args=[indicator.pk]))
    assert 'value="48,5"' in response.content.decode()


def test_indicator_pages_refuse_editor_of_another_board_with_reason(client_b, indicator):
    response = client_b.get(reverse("indicators:edit", args=[indicator.pk]))
    assert response.status_code == 403
    assert "Du har inte behörighet att ändra nyckeltalen för Nämnd A." in response.content.decode()
