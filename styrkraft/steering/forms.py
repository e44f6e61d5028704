"""Editing forms of the steering chain. A form validates what the user typed and hands clean values to a
service; it never saves. The helpers at the top (version field, service errors, conflicts) are shared by
every editing form of the product, the indicator forms included."""

from decimal import Decimal
from enum import Enum
from itertools import groupby

from django import forms
from django.core import signing
from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import F, QuerySet
from django.utils.translation import gettext_lazy as _

from styrkraft.core.services import ConflictError
from styrkraft.org.models import Organ
from styrkraft.steering.models import (
    Assignment,
    Commitment,
    CouncilGoal,
    Goal,
    RecordState,
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
        self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput, initial=version, min_value=1)
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


def date_field(label) -> forms.DateField:
    """An optional date, typed (or picked) as 2024-10-31."""
    return forms.DateField(
        label=label,
        required=False,
        input_formats=[DATE_FORMAT],
        widget=forms.DateInput(attrs={"type": "date"}, format=DATE_FORMAT),
        help_text=_("Datum som ÅÅÅÅ-MM-DD, till exempel 2024-10-31."),
        error_messages={"invalid": _("Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2024-10-31.")},
    )


class ChoiceGroups(forms.CheckboxSelectMultiple):
    """Checkboxes grouped under headings, the groups in `open_groups` first and shown, the others folded
    away in <details> (each group in its own when `fold_each`, else all of them under `others_label`):
    the goal form's commitments and council goals (the chosen target area's shown) and its Agenda 2030
    targets (those of the chosen goals shown). Works without JavaScript; htmx re-renders it when the
    choice it follows changes."""

    template_name = "steering/edit/widgets/choice_groups.html"

    def __init__(self, *args, fold_each: bool = False, others_label: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fold_each = fold_each
        self.others_label = others_label
        self.open_groups: set[str] = set()

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        groups = context["widget"]["optgroups"]
        context["widget"]["open_optgroups"] = [g for g in groups if g[0] in self.open_groups]
        context["widget"]["other_optgroups"] = [g for g in groups if g[0] not in self.open_groups]
        context["widget"]["fold_each"] = self.fold_each
        context["widget"]["others_label"] = self.others_label
        return context


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
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Varför målet behövs, i klartext. Krävs innan målet kan upprättas."),
    )
    target_area = forms.ModelChoiceField(label=_("Målområde"), queryset=TargetArea.objects.none())
    commitments = forms.ModelMultipleChoiceField(
        label=_("Inriktningar"),
        queryset=Commitment.objects.none(),
        required=False,
        widget=ChoiceGroups(others_label=_("Inriktningar under andra målområden")),
        help_text=_("Välj bara inriktningar under målets målområde."),
    )
    council_goals = forms.ModelMultipleChoiceField(
        label=_("Kommunfullmäktiges mål"),
        queryset=CouncilGoal.objects.none(),
        required=False,
        widget=ChoiceGroups(others_label=_("Fullmäktiges mål under andra målområden")),
        help_text=_("Välj bara fullmäktiges mål under målets målområde."),
    )
    sdg_goals = forms.ModelMultipleChoiceField(
        label=_("Globala mål (Agenda 2030)"),
        queryset=SdgGoal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sdg_targets = forms.ModelMultipleChoiceField(
        label=_("Delmål i Agenda 2030"),
        queryset=SdgTarget.objects.none(),
        required=False,
        widget=ChoiceGroups(fold_each=True, others_label=_("Delmål under andra globala mål")),
        help_text=_("Delmålen står under sina globala mål; de mål du har valt ovan visas först."),
    )
    responsible_organ = forms.ModelChoiceField(
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

    # The target area first: the commitments and council goals offered follow it.
    field_order = [
        "target_area",
        "title",
        "rationale",
        "commitments",
        "council_goals",
        "sdg_goals",
        "sdg_targets",
        "responsible_organ",
        "responsible_person",
        "is_public",
    ]

    # What a re-render of part of the form (htmx: the target area or the Agenda 2030 goals changed) may
    # take from the query string as the values chosen so far.
    CHOSEN_FIELDS = ("target_area", "sdg_goals", "sdg_targets")

    def __init__(
        self,
        *args,
        organ: Organ,
        year: int,
        goal: Goal | None = None,
        chosen: dict | None = None,
        **kwargs,
    ):
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
        if chosen:
            kwargs["initial"] = {**kwargs["initial"], **chosen}
        super().__init__(*args, **kwargs)
        municipality = organ.municipality
        areas = list(
            TargetArea.objects.filter(
                intent__term__municipality=municipality,
                intent__term__start_year__lte=year,
                intent__term__end_year__gte=year,
            )
        )
        self.fields["target_area"].queryset = TargetArea.objects.filter(pk__in=[a.pk for a in areas])
        self.fields["target_area"].choices = [("", "---------"), *((a.pk, str(a)) for a in areas)]
        self.area = self._chosen_one("target_area", {a.pk: a for a in areas})
        commitments = Commitment.objects.filter(target_area__in=areas).select_related("target_area")
        commitments = commitments.order_by("target_area__order", "target_area_id", "order", "id")
        self.fields["commitments"].queryset = commitments
        self.fields["commitments"].choices = _grouped(commitments, lambda c: c.target_area, str)
        council_goals = CouncilGoal.objects.filter(municipality=municipality, year=year).select_related(
            "target_area"
        )
        council_goals = council_goals.order_by(
            F("target_area__order").asc(nulls_last=True), "target_area_id", "order", "id"
        )
        self.fields["council_goals"].queryset = council_goals
        self.fields["council_goals"].choices = _grouped(
            council_goals, lambda g: g.target_area or _("Utan målområde"), str
        )
        if self.area is not None:
            # The chosen area's choices shown, the others folded away (and refused by clean()); council
            # goals tied to no target area fit every goal.
            self.fields["commitments"].widget.open_groups = {str(self.area)}
            self.fields["council_goals"].widget.open_groups = {str(self.area), str(_("Utan målområde"))}
        else:
            for name in ("commitments", "council_goals"):
                self.fields[name].widget.open_groups = {
                    str(label) for label, _items in self.fields[name].choices
                }
        sdg_goals = list(SdgGoal.objects.all())
        self.fields["sdg_goals"].queryset = SdgGoal.objects.all()
        self.fields["sdg_goals"].choices = [(g.pk, str(g)) for g in sdg_goals]
        targets = SdgTarget.objects.select_related("goal")
        self.fields["sdg_targets"].queryset = targets
        self.fields["sdg_targets"].choices = _grouped(targets, lambda t: t.goal, str)
        # The chosen goals' targets shown first, and those of goals with a target chosen.
        by_pk = {g.pk: g for g in sdg_goals}
        chosen_goals = set(self._chosen_many("sdg_goals", by_pk))
        chosen_targets = set(self._chosen_many("sdg_targets", None))
        goal_of_target = dict(SdgTarget.objects.filter(pk__in=chosen_targets).values_list("pk", "goal_id"))
        chosen_goals |= {by_pk[pk] for pk in goal_of_target.values() if pk in by_pk}
        self.fields["sdg_targets"].widget.open_groups = {str(g) for g in chosen_goals}
        self.sdg_goals_chosen = sorted(chosen_goals, key=lambda g: g.number)
        self.fields["responsible_organ"].queryset = municipality.organs.all()
        if goal is not None:
            self.add_version_field(goal.version)

    def _raw(self, name: str) -> list:
        """What the form holds for `name` as a list of text: the posted value, else the initial one."""
        if self.is_bound:
            if hasattr(self.data, "getlist"):
                return self.data.getlist(self.add_prefix(name))
            value = self.data.get(self.add_prefix(name))
        else:
            value = self.initial.get(name)
        if value is None:
            return []
        return [
            str(v.pk if hasattr(v, "pk") else v)
            for v in (value if isinstance(value, list | tuple) else [value])
        ]

    def _chosen_one(self, name: str, known: dict):
        """The known object the form holds for `name`, or None (anything else, however odd, is None)."""
        by_text = {str(pk): obj for pk, obj in known.items()}
        return next((by_text[v] for v in self._raw(name) if v in by_text), None)

    def _chosen_many(self, name: str, known: dict | None) -> list:
        """The ids (or, with `known`, the known objects) the form holds for `name`; what is not a small
        whole number is left out."""
        ids = [int(v) for v in self._raw(name) if str(v).isdigit() and len(str(v)) <= 9]
        if known is None:
            return ids
        return [known[pk] for pk in ids if pk in known]

    @classmethod
    def chosen_from(cls, query) -> dict:
        """The values chosen so far, from a re-render's query string (htmx), for `chosen=`."""
        return {name: query.getlist(name) for name in cls.CHOSEN_FIELDS if name in query}

    # A goal links only to commitments and council goals of its own target area (council goals tied to
    # no area fit every goal).
    AREA_MISMATCH = {
        "commitments": _("Inriktningen ”%(item)s” hör till målområdet ”%(other)s”, inte till ”%(area)s”."),
        "council_goals": _(
            "Fullmäktiges mål ”%(item)s” hör till målområdet ”%(other)s”, inte till ”%(area)s”."
        ),
    }

    def clean(self):
        cleaned = super().clean()
        area = cleaned.get("target_area")
        for name, message in self.AREA_MISMATCH.items():
            wrong = [
                item
                for item in cleaned.get(name) or []
                if area and item.target_area_id is not None and item.target_area_id != area.pk
            ]
            if wrong:
                self.add_error(
                    name,
                    [message % {"item": item, "other": item.target_area, "area": area} for item in wrong],
                )
        return cleaned


class GoalStatusForm(forms.Form):
    status = forms.ChoiceField(choices=RecordState.choices)
    version = forms.IntegerField(min_value=1)


def goal_choice_label(goal: Goal) -> str:
    """A goal as a picker offers it; a new version not yet decided says so."""
    label = f"{goal.organ} – {goal.title} ({goal.year})"
    if goal.is_new_version:
        label += " – " + _("ny version under arbete (%(state)s)") % {"state": goal.get_record_state_display()}
    return label


class AssignmentForm(EditForm):
    title = forms.CharField(label=_("Uppdrag"), max_length=300)
    description = forms.CharField(
        label=_("Beskrivning"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    receiver = forms.ModelChoiceField(label=_("Mottagare"), queryset=Organ.objects.none(), required=False)
    deadline = date_field(_("Senast"))
    report_back = forms.CharField(
        label=_("Återrapportering"),
        max_length=300,
        required=False,
        help_text=_("Till vem och hur uppdraget återrapporteras."),
    )
    goal = forms.ModelChoiceField(
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
