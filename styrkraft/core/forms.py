"""The administrators' log: the filter form (a GET form; every field optional)."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from styrkraft.core import history
from styrkraft.core.editing import date_field
from styrkraft.core.models import AuditRecord


class LogFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Sök"),
        required=False,
        max_length=200,
        help_text=_("Delar av namnet på det som ändrades eller av vem som ändrade."),
    )
    actor = forms.ChoiceField(label=_("Vem"), required=False)
    item_type = forms.ChoiceField(label=_("Typ"), required=False)
    action = forms.ChoiceField(label=_("Händelse"), required=False)
    date_from = date_field(_("Från och med"), help_text="")
    date_to = date_field(_("Till och med"), help_text="")

    def __init__(self, data=None, *, actors: list[str], item_types: list[str]):
        super().__init__(data)
        everyone = [("", _("Alla"))]
        self.fields["actor"].choices = everyone + [(a, a) for a in actors]
        types = sorted(((t, history.type_label(t)) for t in item_types), key=lambda c: str(c[1]))
        self.fields["item_type"].choices = everyone + types
        self.fields["action"].choices = everyone + list(AuditRecord.Action.choices)

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("Slutdatumet ligger före startdatumet."))
        return data

    def date_bounds(self) -> tuple[datetime.date | None, datetime.date | None]:
        return self.cleaned_data.get("date_from"), self.cleaned_data.get("date_to")
