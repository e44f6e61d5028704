"""Forms that move an item between records states (utkast ⇄ upprättad) and record the decision that
makes it beslutad: assignments and indicators' targets (styrkraft.steering.states)."""

from django import forms

from styrkraft.core import forms as fields
from styrkraft.org.models import Organ
from styrkraft.steering.forms_decide import PlanYearDecideForm
from styrkraft.steering.models import RecordState


class VersionForm(forms.Form):
    """A button that acts on an item as the user opened it (e.g. "Ny version av målvärdena")."""

    version = fields.version_field()


class RecordStateForm(VersionForm):
    """The button "Upprätta" / "Tillbaka till utkast": the state asked for and the version opened."""

    state = forms.ChoiceField(choices=[(RecordState.DRAFT, ""), (RecordState.READY, "")])


class ItemDecideForm(PlanYearDecideForm):
    """The decision on one item: body (the council by default), date, § and dnr, with the item's
    version as the user opened it (passed to the service as expected_version)."""

    merges_stored_values = False  # its fields record a new decision, not the item's stored values

    def __init__(self, data=None, *, organ: Organ, version: int):
        super().__init__(data, organ=organ)
        self.add_version_field(version)
