"""Mitt arbete: the administrators' filter (a GET form; every field optional)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from styrkraft.org.models import Organ
from styrkraft.steering.my_work import MyWorkFilter


class MyWorkFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Slag av organ"), required=False, choices=[("", _("Alla slag")), *Organ.Kind.choices]
    )
    name = forms.CharField(label=_("Namnet innehåller"), required=False, max_length=150)
    problems = forms.BooleanField(label=_("Bara organ med något att åtgärda"), required=False)

    def wanted(self) -> MyWorkFilter:
        """The filter asked for (call after is_valid())."""
        data = self.cleaned_data
        return MyWorkFilter(kind=data["kind"], name=data["name"].strip(), problems=data["problems"])
