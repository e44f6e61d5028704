"""Two editors save the same item from the same version (EditForm's three-way merge): the second one's
form comes back holding the first one's changes and the second one's own, a field both changed asks
which change holds, and saving again keeps both, for every form with optimistic locking: goals,
assignments, steering documents, indicators and their yearly figures."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.urls import reverse

from styrkraft.indicators.models import Indicator
from styrkraft.steering.models import Assignment, Goal, SteeringDocument
from tests import factories as f


@pytest.fixture
def items(board_a, board_b, target_areas):
    area = target_areas[0]
    commitments = [
        f.CommitmentFactory(target_area=area, code=f"c{n}", text=f"Inriktning {n}.") for n in (1, 2, 3)
    ]
    goal = f.GoalFactory(organ=board_a, target_area=area, title="Fler cyklar", rationale="Förr.")
    goal.commitments.set(commitments[:1])
    indicator = f.IndicatorFactory(goal=goal, title="Andel som cyklar", unit="%")
    f.IndicatorValueFactory(indicator=indicator, year=2024, value=Decimal("10"))
    f.IndicatorTargetFactory(indicator=indicator, year=2026, value=Decimal("60"))
    assignment = f.AssignmentFactory(giver=board_a, receiver=board_b, title="Utred cykelbanor", year=2024)
    document = f.SteeringDocumentFactory(
        owner=board_a, title="Cykelprogram", record_state="draft", decided_by=None, decided_on=None
    )
    return {
        "goal": goal,
        "commitments": commitments,
        "indicator": indicator,
        "assignment": assignment,
        "document": document,
    }


def _form_data(form) -> dict:
    """What the browser posts for a form as it is shown (hidden base and version included)."""
    data = {}
    for field in form:
        value = field.value()
        if isinstance(field.field, forms.BooleanField):
            if value:
                data[field.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[field.html_name] = [str(v) for v in value]
        else:
            shown = field.field.widget.format_value(value)  # a select gives a list of one
            data[field.html_name] = (shown[0] if shown else "") if isinstance(shown, list) else shown or ""
    return data


def _open(client, url) -> dict:
    response = client.get(url)
    assert response.status_code == 200
    return _form_data(response.context["form"])


# For each kind of form: its URL, the field A changes (and to what), the field B changes, and how to
# read both from the database.
KINDS = {
    "goal": (
        lambda i: reverse("steering:goal_edit", args=[i["goal"].pk]),
        ("title", "Från A", lambda i: Goal.objects.get(pk=i["goal"].pk).title),
        ("rationale", "Från B.", lambda i: Goal.objects.get(pk=i["goal"].pk).rationale),
    ),
    "goal, multiple choice": (
        lambda i: reverse("steering:goal_edit", args=[i["goal"].pk]),
        (
            "commitments",
            lambda i: [str(c.pk) for c in i["commitments"][:2]],
            lambda i: sorted(
                str(pk) for pk in Goal.objects.get(pk=i["goal"].pk).commitments.values_list("pk", flat=True)
            ),
        ),
        ("title", "Från B", lambda i: Goal.objects.get(pk=i["goal"].pk).title),
    ),
    "assignment": (
        lambda i: reverse("steering:assignment_edit", args=[i["assignment"].pk]),
        ("deadline", "2024-12-15", lambda i: str(Assignment.objects.get(pk=i["assignment"].pk).deadline)),
        ("title", "Från B", lambda i: Assignment.objects.get(pk=i["assignment"].pk).title),
    ),
    "steering document": (
        lambda i: reverse("steering:document_edit", args=[i["document"].pk]),
        ("validity", "under_revision", lambda i: SteeringDocument.objects.get(pk=i["document"].pk).validity),
        ("title", "Från B", lambda i: SteeringDocument.objects.get(pk=i["document"].pk).title),
    ),
    "indicator": (
        lambda i: reverse("indicators:edit", args=[i["indicator"].pk]),
        ("unit", "procent", lambda i: Indicator.objects.get(pk=i["indicator"].pk).unit),
        ("title", "Från B", lambda i: Indicator.objects.get(pk=i["indicator"].pk).title),
    ),
    "figures": (
        lambda i: reverse("indicators:figures", args=[i["indicator"].pk]),
        ("value_2024", "12,5", lambda i: str(i["indicator"].values.get(year=2024).value)),
        ("target_2026", "70", lambda i: str(i["indicator"].targets.get(year=2026).value)),
    ),
}
STORED = {"12,5": "12.50", "70": "70.00", "22": "22.00"}  # a figure as typed, as the database gives it
# back
BOTH = {"commitments": None, "deadline": "2024-11-30", "validity": "repealed", "value_2024": "22"}


def _value(value, items):
    return value(items) if callable(value) else value


def _as_stored(value):
    return sorted(value) if isinstance(value, list) else STORED.get(value, value)


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_second_save_keeps_the_first_change_and_resaving_keeps_both(kind, client_a, client_admin, items):
    url_of, (field_a, value_a, stored_a), (field_b, value_b, stored_b) = KINDS[kind]
    url, value_a = url_of(items), _value(value_a, items)
    opened_a, opened_b = _open(client_a, url), _open(client_admin, url)
    assert client_a.post(url, {**opened_a, field_a: value_a}).status_code == 302
    response = client_admin.post(url, {**opened_b, field_b: value_b})
    assert response.status_code == 200
    form = response.context["form"]
    shown = _form_data(form)
    # B's form holds A's change and B's, and asks nothing: nobody changed the same field.
    assert (shown[field_a], shown[field_b], form.merge_conflicts) == (value_a, value_b, {})
    assert form.non_field_errors()[0].endswith(
        "Formuläret visar nu det som är sparat, med dina ändringar ovanpå. Se över det och spara igen."
    )
    assert stored_b(items) != _as_stored(value_b)  # nothing of B's is saved yet
    again = client_admin.post(url, shown)
    assert again.status_code == 302
    assert (stored_a(items), stored_b(items)) == (_as_stored(value_a), _as_stored(value_b))


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("choice", ["mine", "theirs"])
def test_a_field_both_changed_asks_and_the_choice_holds(kind, choice, client_a, client_admin, items):
    url_of, (field, value_a, stored), (other, value_other, stored_other) = KINDS[kind]
    url, value_a = url_of(items), _value(value_a, items)
    value_b = BOTH.get(field) or "B:s"
    if field == "commitments":
        value_b = [str(items["commitments"][2].pk)]
    opened_a, opened_b = _open(client_a, url), _open(client_admin, url)
    assert client_a.post(url, {**opened_a, field: value_a}).status_code == 302
    response = client_admin.post(url, {**opened_b, field: value_b, other: value_other})
    form = response.context["form"]
    assert list(form.merge_conflicts) == [field]
    assert f'name="{field}__merge"' in response.content.decode()
    shown = _form_data(form)
    assert (shown[field], shown[other]) == (value_b, value_other)  # B's own input, awaiting the choice
    # Saving again without choosing is refused; nothing is lost.
    unchosen = client_admin.post(url, shown)
    assert unchosen.status_code == 200
    assert unchosen.context["form"].errors[field] == [
        "Välj om din ändring eller det som är sparat ska gälla."
    ]
    assert stored(items) == _as_stored(value_a)
    chosen = client_admin.post(url, {**shown, f"{field}__merge": choice})
    assert chosen.status_code == 302
    assert stored(items) == _as_stored(value_b if choice == "mine" else value_a)
    assert stored_other(items) == _as_stored(value_other)


def test_an_altered_base_asks_about_every_field_that_differs(client_a, client_admin, items):
    """A base that is not signed (or signed for another version) cannot make the form take a value
    silently: every field that differs from what is stored asks, as if both had changed it."""
    url = reverse("steering:goal_edit", args=[items["goal"].pk])
    opened_a, opened_b = _open(client_a, url), _open(client_admin, url)
    assert client_a.post(url, {**opened_a, "title": "Från A"}).status_code == 302
    for base in (opened_b["base"] + "x", "", _open(client_admin, url)["base"]):
        response = client_admin.post(url, {**opened_b, "base": base, "rationale": "Från B."})
        form = response.context["form"]
        assert response.status_code == 200
        assert (list(form.merge_conflicts), _form_data(form)["title"]) == (
            ["title", "rationale"],
            "Fler cyklar",
        )
        assert Goal.objects.values_list("title", "rationale", "version").get(pk=items["goal"].pk) == (
            "Från A",
            "Förr.",
            2,
        )


def test_a_third_save_in_between_merges_again(client_a, client_admin, items):
    """B resolves a conflict; meanwhile A saves again: B's next save merges against what B was shown."""
    url = reverse("steering:assignment_edit", args=[items["assignment"].pk])
    opened_a, opened_b = _open(client_a, url), _open(client_admin, url)
    assert client_a.post(url, {**opened_a, "title": "Från A"}).status_code == 302
    shown = _form_data(client_admin.post(url, {**opened_b, "title": "Från B"}).context["form"])
    second_a = _open(client_a, url)
    assert client_a.post(url, {**second_a, "deadline": "2024-12-01"}).status_code == 302
    response = client_admin.post(url, {**shown, "title__merge": "mine", "report_back": "Till KS i december"})
    shown = _form_data(response.context["form"])
    assert (shown["title"], shown["deadline"], shown["report_back"]) == (
        "Från B",
        "2024-12-01",
        "Till KS i december",
    )
    assert client_admin.post(url, shown).status_code == 302
    assignment = Assignment.objects.get(pk=items["assignment"].pk)
    assert (assignment.title, assignment.deadline, assignment.report_back, assignment.version) == (
        "Från B",
        datetime.date(2024, 12, 1),
        "Till KS i december",
        4,
    )
