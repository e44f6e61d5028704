"""The goal forms of the steering chain: a goal's editing form (with its grouped choices of target
area, council goals and Agenda 2030 targets) and the records-state button's. A form validates what the
user typed and hands clean values to a service; it never saves. The machinery they share with every
editing form of the product (version field, service errors, conflicts) is styrkraft.core.editing."""

from itertools import groupby

from django import forms
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from styrkraft.core import fields
from styrkraft.core.editing import EditForm
from styrkraft.org.models import Organ
from styrkraft.steering.models import (
    Commitment,
    CouncilGoal,
    Goal,
    RecordState,
    SdgGoal,
    SdgTarget,
    TargetArea,
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


class GoalForm(EditForm):
    title = forms.CharField(label=_("Mål"), max_length=300)
    rationale = forms.CharField(
        label=_("Motivering"),
        required=False,
        max_length=Goal._meta.get_field("rationale").max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Varför målet behövs, i klartext. Krävs innan målet kan upprättas."),
    )
    target_area = fields.ModelChoiceField(label=_("Målområde"), queryset=TargetArea.objects.none())
    commitments = fields.ModelMultipleChoiceField(
        label=_("Inriktningar"),
        queryset=Commitment.objects.none(),
        required=False,
        widget=ChoiceGroups(others_label=_("Inriktningar under andra målområden")),
        help_text=_("Välj bara inriktningar under målets målområde."),
    )
    council_goals = fields.ModelMultipleChoiceField(
        label=_("Kommunfullmäktiges mål"),
        queryset=CouncilGoal.objects.none(),
        required=False,
        widget=ChoiceGroups(others_label=_("Fullmäktiges mål under andra målområden")),
        help_text=_("Välj bara fullmäktiges mål under målets målområde."),
    )
    sdg_goals = fields.ModelMultipleChoiceField(
        label=_("Globala mål (Agenda 2030)"),
        queryset=SdgGoal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sdg_targets = fields.ModelMultipleChoiceField(
        label=_("Delmål i Agenda 2030"),
        queryset=SdgTarget.objects.none(),
        required=False,
        widget=ChoiceGroups(fold_each=True, others_label=_("Delmål under andra globala mål")),
        help_text=_("Delmålen står under sina globala mål; de mål du har valt ovan visas först."),
    )
    responsible_organ = fields.ModelChoiceField(
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
        ids = [n for v in self._raw(name) if (n := fields.whole_number(str(v), max_digits=9)) is not None]
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
    version = fields.version_field()
