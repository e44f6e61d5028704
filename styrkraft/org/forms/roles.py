"""Forms of the page Roller: giving a user a role, editor or reader on an organ, or administrator for the
whole municipality (no organ). A form checks what was typed and hands clean values to a service
(styrkraft.org.services); it never saves."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from styrkraft.core import fields
from styrkraft.core.editing import add_service_error
from styrkraft.org.models import Organ, OrganRole
from styrkraft.org.roles import users_matching


class RoleGrantForm(forms.Form):
    """One form for every role; the page shows it twice: for an organ (user, editor or reader, organ) and,
    with `site_wide`, for an administrator (user only: the role is hidden and there is no organ). That an
    organ posted with the administrator role is refused, and that an organ role needs its organ, is the
    model's rule (OrganRole.clean, through the service): its error comes back on the organ field."""

    user = forms.CharField(
        label=_("Användare"),
        max_length=254,
        help_text=_("Användarnamn eller e-postadress."),
    )
    role = forms.ChoiceField(label=_("Roll"), choices=OrganRole.Role.choices)
    organ = fields.ModelChoiceField(
        label=_("Organ"), queryset=None, required=False, empty_label=_("Välj organ")
    )

    def __init__(self, *args, municipality, site_wide: bool = False, **kwargs):
        if site_wide:
            kwargs.setdefault("auto_id", "id_admin_%s")
            kwargs.setdefault("initial", {"role": OrganRole.Role.ADMIN})
        super().__init__(*args, **kwargs)
        organs = municipality.organs.all() if municipality is not None else Organ.objects.none()
        self.fields["organ"].queryset = organs
        if site_wide:
            self.fields["role"].widget = forms.HiddenInput()
            del self.fields["organ"]
        else:
            # The organ form offers the organ roles; the administrator has a form of its own.
            organ_roles = [(r.value, r.label) for r in OrganRole.ORGAN_ROLES]
            self.fields["role"].widget.choices = organ_roles

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
        add_service_error(self, exc)
