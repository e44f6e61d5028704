"""The forms that record a decision: on an organ's whole plan year (styrkraft.steering.views.plan_year)
and on one item (styrkraft.org.web.decide_page: an assignment, an indicator's targets). The body that
decides is an organ of the municipality."""

from django import forms
from django.db.models import Case, Value, When
from django.utils.translation import gettext_lazy as _

from styrkraft.core import fields, validators
from styrkraft.core.editing import DATE_FORMAT, EditForm
from styrkraft.org.models import Organ

# The bodies that decide a plan year's goals: the council, the executive board or a board.
DECIDING_KINDS = (Organ.Kind.COUNCIL, Organ.Kind.EXECUTIVE, Organ.Kind.BOARD)


class PlanYearDecideForm(EditForm):
    body = fields.ModelChoiceField(label=_("Beslutat av"), queryset=Organ.objects.none(), empty_label=None)
    decided_on = forms.DateField(
        label=_("Beslutsdatum"),
        validators=[validators.validate_decision_date],
        help_text=_("Skriv datumet som 2023-11-16."),
        input_formats=[DATE_FORMAT],
        widget=forms.DateInput(attrs={"type": "date"}, format=DATE_FORMAT),
    )
    paragraph = forms.CharField(
        label=_("Paragraf (§)"),
        max_length=20,
        required=False,
        help_text=_("Till exempel 212."),
    )
    case_number = forms.CharField(
        label=_("Diarienummer"),
        max_length=40,
        required=False,
        validators=[validators.validate_case_number],
        help_text=_("Till exempel KS 2023/00456."),
    )

    def __init__(self, data=None, *, organ: Organ):
        super().__init__(data)
        # The council first, then the executive board, then the boards by name.
        rank = Case(*(When(kind=kind, then=Value(i)) for i, kind in enumerate(DECIDING_KINDS)))
        bodies = Organ.objects.filter(municipality=organ.municipality, kind__in=DECIDING_KINDS).order_by(
            rank, "name"
        )
        self.fields["body"].queryset = bodies
        council = next((b for b in bodies if b.kind == Organ.Kind.COUNCIL), None)
        if council is not None:
            self.fields["body"].initial = council.pk

    def clean_paragraph(self) -> str:
        """'§ 212' is taken as 212; what remains must be a positive whole number."""
        paragraph = validators.clean_paragraph(self.cleaned_data["paragraph"])
        if paragraph:
            validators.validate_paragraph(paragraph)
        return paragraph


class ItemDecideForm(PlanYearDecideForm):
    """The decision on one item: body (the council by default), date, § and dnr, with the item's
    version as the user opened it (passed to the service as expected_version)."""

    merges_stored_values = False  # its fields record a new decision, not the item's stored values

    def __init__(self, data=None, *, organ: Organ, version: int):
        super().__init__(data, organ=organ)
        self.add_version_field(version)
