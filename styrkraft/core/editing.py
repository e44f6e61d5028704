"""The editing form machinery shared by every editing form of the product: the hidden version and signed
base, service errors on the form, the three-way merge on a conflict (docs/architecture.md, Concurrent
edits), and the shapes of values and fields every form uses (a decimal as typed, a date field).
A form validates what the user typed and hands clean values to a service; it never saves."""

from decimal import Decimal
from enum import Enum

from django import forms
from django.core import signing
from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from styrkraft.core import fields, validators
from styrkraft.core.records import RecordState
from styrkraft.core.services import ConflictError

DATE_FORMAT = "%Y-%m-%d"


def format_decimal(value: Decimal | None) -> str:
    """'12,5' for Decimal('12.50'): a stored number as it is shown in an input."""
    if value is None:
        return ""
    return format(value.normalize(), "f").replace(".", ",")


def as_data(field: forms.Field, value) -> str | list[str]:
    """A value as the form posts it ("12,5", "2024-10-31", "on", a list of ids): the one shape in which
    the values a form was opened with, the user's and the stored ones are compared and put back."""
    if getattr(field.widget, "allow_multiple_selected", False):
        items = value.all() if hasattr(value, "all") else value or []
        return sorted(str(item.pk if isinstance(item, models.Model) else item) for item in items)
    if isinstance(field, forms.BooleanField):
        return "on" if value else ""
    if value is None:
        return ""
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, Decimal):
        return format_decimal(value)
    if hasattr(value, "strftime"):
        return value.strftime(DATE_FORMAT)
    if isinstance(value, Enum):
        value = value.value
    return str(value).replace("\r\n", "\n").strip()


def as_text(field: forms.Field, value) -> str:
    """A value as a reader sees it: a choice's label, "ja"/"nej", "12,5", "–" for none."""
    if hasattr(value, "all"):
        value = list(value.all())
    if isinstance(value, list | tuple | QuerySet):
        return "; ".join(as_text(field, item) for item in value) or "–"
    if isinstance(value, bool):
        return str(_("ja") if value else _("nej"))
    if value is None or value == "":
        return "–"
    if isinstance(value, Decimal):
        return format_decimal(value)
    if hasattr(value, "strftime"):
        return value.strftime(DATE_FORMAT)
    if isinstance(field, forms.ChoiceField) and not isinstance(value, models.Model):
        value = dict(field.choices).get(value, value)
    return str(value)


def add_service_error(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's ValidationError on any form: at the fields it names, the rest above the form."""
    if hasattr(exc, "error_dict"):
        for field, messages in exc.message_dict.items():
            form.add_error(field if field in form.fields and field != NON_FIELD_ERRORS else None, messages)
    else:
        form.add_error(None, exc.messages)


class MergeBoundField(forms.BoundField):
    """A form field that knows its conflict after a three-way merge (EditForm.show_conflict): None, or
    both values for the user's choice ("Behåll min ändring" / "Använd det som är sparat")."""

    @property
    def conflict(self) -> dict | None:
        return self.form.merge_conflicts.get(self.name)

    @property
    def merge_name(self) -> str:
        return self.form.merge_choice_name(self.name)

    @property
    def merge_choice(self) -> str:
        return self.form.data.get(self.merge_name, "") if self.form.is_bound else ""


class EditForm(forms.Form):
    """A form that shows the errors a service raised and the conflict when someone else saved first.

    Forms that edit an existing item carry a hidden `version`: the version the user opened, passed to
    the service as expected_version; and a hidden `base`: the values the form was opened with, signed so
    that nobody can alter them. When someone else saved in between, show_conflict merges three ways."""

    bound_field_class = MergeBoundField
    conflict_current = None
    # False for a form whose fields are not the item's stored values (e.g. a decision being recorded).
    merges_stored_values = True
    MINE, THEIRS = "mine", "theirs"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.merge_conflicts: dict[str, dict] = {}  # field name -> {"theirs": text, "mine": text}
        self.merge_taken: list[tuple[str, str]] = []  # (label, value) the other editor changed
        self.merge_kept: list[str] = []  # labels of the fields only this user changed
        self._base = None  # the signed base, read back: {"version": int, "values": {...}, "conflicts": {...}}

    def add_version_field(self, version: int) -> None:
        self.fields["version"] = fields.version_field(widget=forms.HiddenInput, initial=version)
        if not self.merges_stored_values:
            return
        self.fields["base"] = forms.CharField(widget=forms.HiddenInput, required=False)
        if not self.is_bound:
            values = {
                name: as_data(field, self.get_initial_for_field(field, name))
                for name, field in self._merged()
            }
            self.fields["base"].initial = self._sign(version, values, {})
            return
        self._base = self._unsign()
        if self._base is not None:
            self._take_choices()

    def _merged(self):
        return [(name, field) for name, field in self.fields.items() if name not in ("version", "base")]

    def _salt(self) -> str:
        return f"styrkraft.edit-base.{type(self).__module__}.{type(self).__qualname__}"

    def _sign(self, version: int, values: dict, conflicts: dict) -> str:
        payload = {"version": version, "values": values, "conflicts": conflicts}
        return signing.dumps(payload, salt=self._salt(), compress=True)

    def _unsign(self) -> dict | None:
        """The signed base as posted; None when it is missing, altered or not for the version posted (then
        a conflict asks about every field that differs from what is stored)."""
        try:
            base = signing.loads(self.data.get(self.add_prefix("base"), ""), salt=self._salt())
        except signing.BadSignature:
            return None
        if not isinstance(base, dict) or str(base.get("version")) != self.data.get(
            self.add_prefix("version")
        ):
            return None
        return base

    def merge_choice_name(self, name: str) -> str:
        return self.add_prefix(f"{name}__merge")

    def _take_choices(self) -> None:
        """The user's answers to the last conflict: "theirs" puts the stored value back into the form."""
        data = self.data.copy()
        for name, theirs in self._base["conflicts"].items():
            if name not in self.fields:
                continue
            self.merge_conflicts[name] = {"theirs": theirs, "mine": ""}
            if data.get(self.merge_choice_name(name)) == self.THEIRS:
                self._put(data, name, self._base["values"][name])
        self.data = data

    def _put(self, data, name: str, value: str | list[str]) -> None:
        key = self.add_prefix(name)
        if isinstance(value, list) and hasattr(data, "setlist"):
            data.setlist(key, value)
        elif value == "" and isinstance(self.fields[name], forms.BooleanField):
            data.pop(key, None)
        else:
            data[key] = value

    def full_clean(self) -> None:
        super().full_clean()
        for name, conflict in self.merge_conflicts.items():
            if name in self.cleaned_data:
                conflict["mine"] = as_text(self.fields[name], self.cleaned_data[name])
            if self.data.get(self.merge_choice_name(name)) not in (self.MINE, self.THEIRS):
                self.add_error(name, _("Välj om din ändring eller det som är sparat ska gälla."))

    def service_values(self) -> dict:
        """The cleaned values the service takes (everything but the version and the base)."""
        return {k: v for k, v in self.cleaned_data.items() if k not in ("version", "base")}

    def add_service_error(self, exc: ValidationError) -> None:
        add_service_error(self, exc)

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

    def stored_values(self, instance) -> dict:
        """The stored values of the form's fields, by field name: the item's attributes of those names. A
        form whose fields are not attributes (the yearly figures) says how it reads them."""
        values = {}
        for name, _field in self._merged():
            try:
                values[name] = getattr(instance, name)
            except (AttributeError, ObjectDoesNotExist):
                continue
        return values

    def show_conflict(self, exc) -> None:
        """Someone else saved in between: merge three ways against the values the user opened (the signed
        base). A field the user did not change takes the stored value; a field only the user changed
        keeps the user's value; a field both changed keeps the user's value and asks the user to choose
        (a missing or altered base: every field that differs asks). The form takes the current version
        and the stored values as its new base, so that saving again applies exactly what is shown."""
        current = self.conflict_current = exc.current
        data = self.data.copy()
        opened = self._base["values"] if self._base is not None else None
        values = dict(opened or {})
        conflicts = {}
        stored = self.stored_values(current) if self.merges_stored_values else {}
        for name, field in self._merged():
            if name not in stored or name not in self.cleaned_data:
                continue
            theirs, mine = as_data(field, stored[name]), as_data(field, self.cleaned_data[name])
            values[name] = theirs
            data.pop(self.merge_choice_name(name), None)
            if mine == theirs:
                continue
            if opened is not None and opened.get(name, mine) == mine:  # not changed (or not shown) here
                self._put(data, name, theirs)
                self.merge_taken.append((str(field.label), as_text(field, stored[name])))
            elif opened is not None and opened[name] == theirs:  # changed only here
                self.merge_kept.append(str(field.label))
            else:
                conflicts[name] = {
                    "theirs": as_text(field, stored[name]),
                    "mine": as_text(field, self.cleaned_data[name]),
                }
        data[self.add_prefix("version")] = str(current.version)
        if self.merges_stored_values:
            texts = {name: conflict["theirs"] for name, conflict in conflicts.items()}
            data[self.add_prefix("base")] = self._sign(current.version, values, texts)
        self.data = data
        self.merge_conflicts = conflicts
        self.add_error(
            None, conflict_message(current, bool(conflicts)) if self.merges_stored_values else str(exc)
        )

    def conflict_rows(self) -> list[dict]:
        """The fields both editors changed, for the list above the form (each a link to its choice)."""
        return [
            {"label": self[name].label, "anchor": f"{self[name].auto_id}__merge", **conflict}
            for name, conflict in self.merge_conflicts.items()
        ]

    def describe(self, instance) -> list[tuple[str, str]]:
        """(label, value as text) for each field of a stored item: shown beside the form on a conflict."""
        return [
            (str(self.fields[name].label), as_text(self.fields[name], value))
            for name, value in self.stored_values(instance).items()
        ]

    @property
    def current_values(self) -> list[tuple[str, str]]:
        return self.describe(self.conflict_current) if self.conflict_current is not None else []


def conflict_message(current, choose: bool) -> str:
    message = _("Någon annan har sparat ”%(item)s” medan du arbetade (nu version %(version)s).") % {
        "item": current,
        "version": current.version,
    }
    if choose:
        advice = _(
            "Du och den andra har ändrat samma uppgifter: välj vid varje markerat fält vilken ändring som "
            "ska gälla, och spara igen."
        )
    else:
        advice = _(
            "Formuläret visar nu det som är sparat, med dina ändringar ovanpå. Se över det och spara igen."
        )
    return f"{message} {advice}"


DATE_HELP = _("Datum som ÅÅÅÅ-MM-DD, till exempel 2024-10-31.")


def date_field(label, *, help_text=DATE_HELP) -> forms.DateField:
    """An optional date, typed (or picked) as 2024-10-31, within what is plausible (1971–2099)."""
    return forms.DateField(
        label=label,
        required=False,
        validators=[validators.validate_plausible_date],
        input_formats=[DATE_FORMAT],
        widget=forms.DateInput(attrs={"type": "date"}, format=DATE_FORMAT),
        help_text=help_text,
        error_messages={"invalid": _("Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2024-10-31.")},
    )


class VersionForm(forms.Form):
    """A button that acts on an item as the user opened it (e.g. "Ny version av målvärdena")."""

    version = fields.version_field()


class RecordStateForm(VersionForm):
    """The button "Upprätta" / "Tillbaka till utkast": the state asked for and the version opened."""

    state = forms.ChoiceField(choices=[(RecordState.DRAFT, ""), (RecordState.READY, "")])
