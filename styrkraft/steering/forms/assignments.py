"""The editing form of an assignment (riktat uppdrag): what it asks, of whom, by when and under which
goal, and its progress. It validates what the user typed and hands clean values to a service; it never
saves (styrkraft.core.editing holds the machinery every editing form shares)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from styrkraft.core import fields
from styrkraft.core.editing import EditForm, date_field
from styrkraft.org.models import Organ
from styrkraft.steering.models import Assignment, Goal


def plan_year_choices(municipality, *, include: int | None = None) -> list[tuple[int, int]]:
    years = sorted({y for term in municipality.terms.all() for y in term.plan_years} | {include} - {None})
    return [(y, str(y)) for y in years]


def goal_choice_label(goal: Goal) -> str:
    """A goal as a picker offers it; a new version not yet decided says so."""
    label = f"{goal.organ} – {goal.title} ({goal.year})"
    if goal.is_new_version:
        label += " – " + _("ny version under arbete (%(state)s)") % {"state": goal.get_record_state_display()}
    return label


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
    progress = forms.ChoiceField(label=_("Status"), choices=Assignment.Progress.choices)
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
                    "progress": assignment.progress,
                    "year": assignment.year,
                    "is_public": assignment.is_public,
                },
            )
        else:
            kwargs.setdefault(
                "initial", {"year": year, "progress": Assignment.Progress.NOT_STARTED, "is_public": True}
            )
        super().__init__(*args, **kwargs)
        municipality = giver.municipality
        self.fields["receiver"].queryset = municipality.organs.exclude(pk=giver.pk)
        # Goals in force and new versions under way (labelled), never a replaced version.
        goals = Goal.objects.filter(organ__municipality=municipality).exclude(Goal.replaced_q())
        self.fields["goal"].queryset = goals.select_related("organ")
        self.fields["goal"].label_from_instance = goal_choice_label
        self.fields["year"].choices = plan_year_choices(municipality, include=year)
        if status_only:
            # The receiver reports progress; what was assigned is the giver's to change.
            for name in list(self.fields):
                if name != "progress":
                    del self.fields[name]
        if assignment is not None:
            self.add_version_field(assignment.version)
