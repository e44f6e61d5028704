"""Forms of the page Roller: giving a user a role on an organ. A form checks what was typed and hands
clean values to a service (styrkraft.org.services); it never saves."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from styrkraft.core import forms as fields
from styrkraft.org.models import Organ, OrganRole
from styrkraft.org.roles import users_matching


class RoleGrantForm(forms.Form):
    user = forms.CharField(
        label=_("Användare"),
        max_length=254,
        help_text=_("Användarnamn eller e-postadress."),
    )
    role = forms.ChoiceField(label=_("Roll"), choices=OrganRole.Role.choices)
    organ = fields.ModelChoiceField(label=_("Organ"), queryset=None, empty_label=_("Välj organ"))

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        organs = municipality.organs.all() if municipality is not None else Organ.objects.none()
        self.fields["organ"].queryset = organs

    def clean_user(self):
        text = self.cleaned_data["user"].strip()
        users = list(users_matching(text))
        if not users:
            raise ValidationError(
                _("Det finns ingen användare ”%(user)s”. Kontrollera stavningen."),
                params={"user": text},
                code="unknown_user",
            )
        if len(users) > 1:
            raise ValidationError(
                _("Flera användare har e-postadressen ”%(user)s”; skriv användarnamnet."),
                params={"user": text},
                code="ambiguous_user",
            )
        return users[0]

    def add_service_error(self, exc: ValidationError) -> None:
        if hasattr(exc, "error_dict"):
            for field, messages in exc.message_dict.items():
                self.add_error(
                    field if field in self.fields and field != NON_FIELD_ERRORS else None, messages
                )
        else:
            self.add_error(None, exc.messages)
