"""Editing indicators, their yearly values and targets: permission check -> form -> service -> redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from styrkraft.core.refusals import refused_by
from styrkraft.core.services import ConflictError
from styrkraft.core.web import require
from styrkraft.indicators import forms, services, views_kpi
from styrkraft.indicators.models import Indicator
from styrkraft.indicators.targets import targets_state
from styrkraft.org import permissions
from styrkraft.steering.models import Goal
from styrkraft.steering.services import refuse_if_decided


def not_allowed(organ) -> str:
    return _("Du har inte behörighet att ändra nyckeltalen för %(organ)s.") % {"organ": organ}


def indicator_or_404(pk: int) -> Indicator:
    return get_object_or_404(
        Indicator.objects.select_related("organ__parent", "goal__organ", "goal__target_area__intent__term"),
        pk=pk,
    )


def _back(indicator: Indicator):
    """After an edit, back to the indicator's block on its goal's page (where it was edited from)."""
    if indicator.goal_id:
        return redirect(reverse("steering:goal", args=[indicator.goal_id]) + f"#nyckeltal-{indicator.pk}")
    return redirect("steering:organ", slug=indicator.organ.slug)


@login_required
def indicator_create(request, goal_pk):
    goal = get_object_or_404(Goal.objects.select_related("organ__municipality", "organ__parent"), pk=goal_pk)
    require(permissions.can_edit_goal(request.user, goal), not_allowed(goal.organ))
    if frozen := refused_by(request, lambda: refuse_if_decided(goal), goal.get_absolute_url()):
        return frozen  # a decided goal's indicators change with a new version of the goal
    catalogue = views_kpi.create_form_context(request)  # the Kolada search and a KPI chosen from it
    form = forms.IndicatorForm(
        request.POST if request.method == "POST" else None, **catalogue.pop("form_kwargs", {})
    )
    if form.is_bound and form.is_valid():
        try:
            indicator = services.indicator_create(
                actor=request.user, organ=goal.organ, goal=goal, **form.service_values()
            )
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("Nyckeltalet ”%(item)s” är sparat.") % {"item": indicator})
            return _back(indicator)
    return render(
        request,
        "indicators/indicator_form.html",
        {"form": form, "goal": goal, "indicator": None, **catalogue},
    )


@login_required
def indicator_edit(request, pk):
    indicator = indicator_or_404(pk)
    require(permissions.can_edit_indicator(request.user, indicator), not_allowed(indicator.organ))
    if frozen := refused_by(
        request, lambda: services.refuse_definition_change(indicator), indicator.get_absolute_url()
    ):
        return frozen
    heading = str(indicator)
    form = forms.IndicatorForm(request.POST if request.method == "POST" else None, indicator=indicator)
    if (
        form.is_bound
        and form.is_valid()
        and form.save_through(services.indicator_update, actor=request.user, indicator=indicator)
    ):
        messages.success(request, _("Ändringarna i nyckeltalet ”%(item)s” är sparade.") % {"item": indicator})
        return _back(indicator)
    return render(
        request,
        "indicators/indicator_form.html",
        {"form": form, "goal": indicator.goal, "indicator": indicator, "heading": heading},
    )


def goal_is_decided(indicator: Indicator) -> bool:
    """Whether the indicator's goal is decided (or replaced by a newer decided version): its targets
    were decided with the goal's plan year, not on their own."""
    return indicator.definition_frozen


def targets_frozen(indicator: Indicator) -> str:
    """Why the indicator's targets may not change (they are decided, or their goal is), in the
    service's own words; "" when they may."""
    try:
        services.refuse_target_change(indicator)
    except ValidationError as exc:
        return " ".join(exc.messages)
    return ""


@login_required
def indicator_figures(request, pk):
    indicator = indicator_or_404(pk)
    require(permissions.can_edit_indicator(request.user, indicator), not_allowed(indicator.organ))
    if replaced := refused_by(
        request, lambda: services.refuse_if_replaced(indicator), indicator.get_absolute_url()
    ):
        return replaced  # outcomes are entered on the indicator in force, which the message names
    frozen = targets_frozen(indicator)
    form = forms.FiguresForm(
        request.POST if request.method == "POST" else None,
        indicator=indicator,
        years=forms.figure_years(indicator),
        targets_frozen=bool(frozen),
    )
    if form.is_bound and form.is_valid():
        values, targets = form.figures()
        try:
            services.indicator_figures_save(
                actor=request.user,
                indicator=indicator,
                expected_version=form.cleaned_data["version"],
                values=values,
                targets=targets,
            )
        except ConflictError as exc:
            form.show_conflict(exc)
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(
                request, _("Utfall och målvärden för ”%(item)s” är sparade.") % {"item": indicator}
            )
            return _back(indicator)
    goal_decided = goal_is_decided(indicator)
    context = {
        "form": form,
        "indicator": indicator,
        "targets_note": frozen,
        "targets_state": targets_state(indicator, permissions.visibility(request.user)),
        "may": {
            # A goal's targets are decided with its plan year; the buttons serve the others.
            "set_targets_state": not goal_decided,
            "decide_targets": not goal_decided and permissions.can_decide(request.user, indicator.organ),
        },
    }
    return render(request, "indicators/figures_form.html", context)
