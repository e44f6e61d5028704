"""Editing forms of the steering chain. A form validates what the user typed and hands clean values to a
service; it never saves. The helpers at the top (version field, service errors, conflicts) are shared by
every editing form of the product, the indicator forms included."""

from decimal import Decimal
from itertools import groupby

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from styrkraft.core import forms as fields
from styrkraft.core.services import ConflictError
from styrkraft.org.models import Organ
from styrkraft.steering import validators
from styrkraft.steering.models import (
    Assignment,
    Commitment,
    CouncilGoal,
    Goal,
    SdgGoal,
    SdgTarget,
    TargetArea,
)

DATE_FORMAT = "%Y-%m-%d"


def format_decimal(value: Decimal | None) -> str:
    """'12,5' for Decimal('12.50'): a stored number as it is shown in an input."""
    if value is None:
        return ""
    return format(value.normalize(), "f").replace(".", ",")


class EditForm(forms.Form):
    """A form that shows the errors a service raised and the conflict when someone else saved first.

    Forms that edit an existing item carry a hidden `version`: the version the user opened, passed to
    the service as expected_version."""

    conflict_current = None

    def add_version_field(self, version: int) -> None:
        self.fields["version"] = fields.version_field(widget=forms.HiddenInput, initial=version)

    def service_values(self) -> dict:
        """The cleaned values the service takes (everything but the version)."""
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}

    def add_service_error(self, exc: ValidationError) -> None:
        """Show a service's ValidationError at the fields it names, the rest above the form."""
        if hasattr(exc, "error_dict"):
            for field, messages in exc.message_dict.items():
                self.add_error(
                    field if field in self.fields and field != NON_FIELD_ERRORS else None, messages
                )
        else:
            self.add_error(None, exc.messages)

    def save_through(self, service, **arguments) -> bool:
        """Call an update service with the form's values and the version the user opened. Its refusals
        (a ValidationError, or a ConflictError when someone else saved first) land on the form; True
        when the change was saved."""
        try:
            service(expected_version=self.cleaned_data["version"], **arguments, **self.service_values())
        except ConflictError as exc:
            self.show_conflict(exc)
        except ValidationError as exc:
            self.add_service_error(exc)
        else:
            return True
        return False

    def show_conflict(self, exc) -> None:
        """Someone else saved in between: keep the user's input, say so, show what is stored now, and
        take the current version so that submitting again applies the user's change on top."""
        self.conflict_current = exc.current
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = str(exc.current.version)
        self.add_error(None, str(exc))

    def describe(self, instance) -> list[tuple[str, str]]:
        """(label, value as text) for each field of a stored item: shown beside the form on a conflict."""
        rows = []
        for name, field in self.fields.items():
            if name == "version" or not hasattr(instance, name):
                continue
            value = getattr(instance, name)
            if hasattr(value, "all"):
                text = "; ".join(str(v) for v in value.all()) or "–"
            elif isinstance(value, bool):
                text = str(_("ja") if value else _("nej"))
            elif hasattr(instance, f"get_{name}_display"):
                text = getattr(instance, f"get_{name}_display")()
            elif isinstance(value, Decimal):
                text = format_decimal(value)
            elif hasattr(value, "strftime"):
                text = value.strftime(DATE_FORMAT)
            else:
                text = "–" if value in (None, "") else str(value)
            rows.append((str(field.label), text))
        return rows

    @property
    def current_values(self) -> list[tuple[str, str]]:
        return self.describe(self.conflict_current) if self.conflict_current is not None else []


def date_field(label) -> forms.DateField:
    """An optional date, typed (or picked) as 2024-10-31, within what is plausible (1971–2099)."""
    return forms.DateField(
        label=label,
        required=False,
        validators=[validators.validate_plausible_date],
        input_formats=[DATE_FORMAT],
        widget=forms.DateInput(attrs={"type": "date"}, format=DATE_FORMAT),
        help_text=_("Datum som ÅÅÅÅ-MM-DD, till exempel 2024-10-31."),
        error_messages={"invalid": _("Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2024-10-31.")},
    )


class GroupedCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes grouped under headings (fieldsets with legends), e.g. commitments by target area."""

    template_name = "steering/edit/widgets/grouped_checkboxes.html"


def _grouped(objects, group_key, label) -> list:
    """Choices grouped under headings, for select and checkbox widgets."""
    return [
        (str(group), [(obj.pk, label(obj)) for obj in items])
        for group, items in groupby(objects, key=group_key)
    ]


def plan_year_choices(municipality, *, include: int | None = None) -> list[tuple[int, int]]:
    years = sorted({y for term in municipality.terms.all() for y in term.plan_years} | {include} - {None})
    return [(y, str(y)) for y in years]


class GoalForm(EditForm):
    title = forms.CharField(label=_("Mål"), max_length=300)
    rationale = forms.CharField(
        label=_("Motivering"),
        required=False,
        max_length=Goal._meta.get_field("rationale").max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Varför målet behövs, i klartext. Krävs innan målet kan upprättas."),
    )
    target_area = fields.ModelChoiceField(label=_("Målområde"), queryset=TargetArea.objects.none())
    commitments = fields.ModelMultipleChoiceField(
        label=_("Inriktningar"),
        queryset=Commitment.objects.none(),
        required=False,
        widget=GroupedCheckboxes,
        help_text=_("Välj bara inriktningar under målets målområde."),
    )
    council_goals = fields.ModelMultipleChoiceField(
        label=_("Kommunfullmäktiges mål"),
        queryset=CouncilGoal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sdg_goals = fields.ModelMultipleChoiceField(
        label=_("Globala mål (Agenda 2030)"),
        queryset=SdgGoal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sdg_targets = fields.ModelMultipleChoiceField(
        label=_("Delmål i Agenda 2030"),
        queryset=SdgTarget.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text=_("Håll ned Ctrl (Cmd på Mac) för att välja flera."),
    )
    responsible_organ = fields.ModelChoiceField(
        label=_("Ansvarigt organ"),
        queryset=Organ.objects.none(),
        required=False,
        help_text=_("Krävs innan målet kan upprättas."),
    )
    responsible_person = forms.CharField(
        label=_("Ansvarig person eller roll"), max_length=150, required=False
    )
    is_public = forms.BooleanField(
        label=_("Offentlig"),
        required=False,
        initial=True,
        help_text=_(
            "Besökare som inte är inloggade ser målet när det är upprättat eller beslutat och offentligt. "
            "Ta bort bocken om målet inte ska visas för dem."
        ),
    )

    def __init__(self, *args, organ: Organ, year: int, goal: Goal | None = None, **kwargs):
        if goal is not None:
            kwargs.setdefault(
                "initial",
                {
                    "title": goal.title,
                    "rationale": goal.rationale,
                    "target_area": goal.target_area_id,
                    "commitments": [c.pk for c in goal.commitments.all()],
                    "council_goals": [c.pk for c in goal.council_goals.all()],
                    "sdg_goals": [g.pk for g in goal.sdg_goals.all()],
                    "sdg_targets": [t.pk for t in goal.sdg_targets.all()],
                    "responsible_organ": goal.responsible_organ_id,
                    "responsible_person": goal.responsible_person,
                    "is_public": goal.is_public,
                },
            )
        else:
            kwargs.setdefault("initial", {"responsible_organ": organ.pk, "is_public": True})
        super().__init__(*args, **kwargs)
        municipality = organ.municipality
        areas = TargetArea.objects.filter(
            intent__term__municipality=municipality,
            intent__term__start_year__lte=year,
            intent__term__end_year__gte=year,
        )
        self.fields["target_area"].queryset = areas
        commitments = Commitment.objects.filter(target_area__in=areas).select_related("target_area")
        commitments = commitments.order_by("target_area__order", "target_area_id", "order", "id")
        self.fields["commitments"].queryset = commitments
        self.fields["commitments"].choices = _grouped(commitments, lambda c: c.target_area, str)
        self.fields["council_goals"].queryset = CouncilGoal.objects.filter(
            municipality=municipality, year=year
        )
        self.fields["sdg_goals"].queryset = SdgGoal.objects.all()
        targets = SdgTarget.objects.select_related("goal")
        self.fields["sdg_targets"].queryset = targets
        self.fields["sdg_targets"].choices = _grouped(targets, lambda t: t.goal, str)
        self.fields["responsible_organ"].queryset = municipality.organs.all()
        if goal is not None:
            self.add_version_field(goal.version)

    def clean(self):
        cleaned = super().clean()
        area = cleaned.get("target_area")
        wrong = [c for c in cleaned.get("commitments") or [] if area and c.target_area_id != area.pk]
        if wrong:
            self.add_error(
                "commitments",
                [
                    _("Inriktningen ”%(commitment)s” hör till målområdet ”%(other)s”, inte till ”%(area)s”.")
                    % {"commitment": c, "other": c.target_area, "area": area}
                    for c in wrong
                ],
            )
        return cleaned


class GoalStatusForm(forms.Form):
    status = forms.ChoiceField(choices=Goal.Status.choices)
    version = fields.version_field()


class AssignmentForm(EditForm):
    title = forms.CharField(label=_("Uppdrag"), max_length=300)
    description = forms.CharField(
        label=_("Beskrivning"),
        required=False,
        max_length=Assignment._meta.get_field("description").max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    receiver = fields.ModelChoiceField(label=_("Mottagare"), queryset=Organ.objects.none(), required=False)
    deadline = date_field(_("Senast"))
    report_back = forms.CharField(
        label=_("Återrapportering"),
        max_length=300,
        required=False,
        help_text=_("Till vem och hur uppdraget återrapporteras."),
    )
    goal = fields.ModelChoiceField(
        label=_("Bidrar till mål"),
        queryset=Goal.objects.none(),
        required=False,
        help_text=_("Valfritt. Målet ska vara mottagarens."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=Assignment.Status.choices)
    year = forms.TypedChoiceField(label=_("Planår"), coerce=int)
    is_public = forms.BooleanField(
        label=_("Offentlig"),
        required=False,
        initial=True,
        help_text=_(
            "Besökare som inte är inloggade ser uppdraget när det är upprättat eller beslutat och "
            "offentligt. Ta bort bocken om uppdraget inte ska visas för dem."
        ),
    )

    def __init__(
        self,
        *args,
        giver: Organ,
        year: int,
        assignment: Assignment | None = None,
        status_only: bool = False,
        **kwargs,
    ):
        if assignment is not None:
            kwargs.setdefault(
                "initial",
                {
                    "title": assignment.title,
                    "description": assignment.description,
                    "receiver": assignment.receiver_id,
                    "deadline": assignment.deadline,
                    "report_back": assignment.report_back,
                    "goal": assignment.goal_id,
                    "status": assignment.status,
                    "year": assignment.year,
                    "is_public": assignment.is_public,
                },
            )
        else:
            kwargs.setdefault(
                "initial", {"year": year, "status": Assignment.Status.NOT_STARTED, "is_public": True}
            )
        super().__init__(*args, **kwargs)
        municipality = giver.municipality
        self.fields["receiver"].queryset = municipality.organs.exclude(pk=giver.pk)
        goals = Goal.objects.filter(organ__municipality=municipality).select_related("organ")
        self.fields["goal"].queryset = goals
        self.fields["goal"].label_from_instance = lambda g: f"{g.organ} – {g.title} ({g.year})"
        self.fields["year"].choices = plan_year_choices(municipality, include=year)
        if status_only:
            # The receiver reports progress; what was assigned is the giver's to change.
            for name in list(self.fields):
                if name != "status":
                    del self.fields[name]
        if assignment is not None:
            self.add_version_field(assignment.version)
