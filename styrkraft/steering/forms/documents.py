"""The editing form of a steering document (styrkraft.steering.views.documents). Its owner is the organ
it was created under; its records state and decision reference are set by the state button and the
decision page, not here."""

from django import forms
from django.utils.translation import gettext_lazy as _

from styrkraft.core.editing import EditForm, date_field
from styrkraft.steering.models import SteeringDocument


class DocumentForm(EditForm):
    title = forms.CharField(label=_("Titel"), max_length=300)
    doc_type = forms.ChoiceField(label=_("Typ"), choices=SteeringDocument.Type.choices)
    validity = forms.ChoiceField(
        label=_("Status"),
        choices=SteeringDocument.Validity.choices,
        help_text=_("Gäller dokumentet, revideras det eller är det upphävt?"),
    )
    next_review = date_field(_("Nästa översyn"))
    is_public = forms.BooleanField(
        label=_("Offentlig"),
        required=False,
        initial=True,
        help_text=_(
            "Besökare som inte är inloggade ser styrdokumentet när det är upprättat eller beslutat och "
            "offentligt. Ta bort bocken om det inte ska visas för dem."
        ),
    )

    def __init__(self, *args, document: SteeringDocument | None = None, **kwargs):
        if document is not None:
            kwargs.setdefault(
                "initial",
                {
                    "title": document.title,
                    "doc_type": document.doc_type,
                    "validity": document.validity,
                    "next_review": document.next_review,
                    "is_public": document.is_public,
                },
            )
        else:
            kwargs.setdefault("initial", {"validity": SteeringDocument.Validity.IN_FORCE, "is_public": True})
        super().__init__(*args, **kwargs)
        if document is not None:
            self.add_version_field(document.version)
