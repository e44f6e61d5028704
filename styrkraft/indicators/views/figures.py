"""An indicator's figures on the site: the page where its yearly values and targets are entered, and the
records state of its targets (styrkraft.indicators.states): the button on the figures page that sets them
upprättade or back to utkast (the organ's editors), the page where an administrator records the decision
on them, and a new version of decided ones. Only for targets decided on their own: those of a decided
goal were decided with its plan year."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from styrkraft.core.editing import VersionForm
from styrkraft.core.records import RecordState
from styrkraft.core.refusals import refused_by
from styrkraft.core.services import ConflictError
from styrkraft.core.web import change_state, require, run_service
from styrkraft.indicators import forms, services, states
from styrkraft.indicators.models import Indicator
from styrkraft.indicators.targets import targets_state as targets_state_of
from styrkraft.indicators.views.indicators import back_to_goal, indicator_or_404, not_allowed
from styrkraft.org import permissions
from styrkraft.org.web import decide_page


def _figures(indicator) -> str:
    return reverse("indicators:figures", args=[indicator.pk])


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
            return back_to_goal(indicator)
    goal_decided = goal_is_decided(indicator)
    context = {
        "form": form,
        "indicator": indicator,
        "targets_note": frozen,
        "targets_state": targets_state_of(indicator, permissions.visibility(request.user)),
        "may": {
            # A goal's targets are decided with its plan year; the buttons serve the others.
            "set_targets_state": not goal_decided,
            "decide_targets": not goal_decided and permissions.can_decide(request.user, indicator.organ),
        },
    }
    return render(request, "indicators/figures_form.html", context)


@login_required
@require_POST
def targets_state(request, pk):
    """POST only: the targets utkast → upprättade, or back to utkast."""
    indicator = indicator_or_404(pk)
    require(permissions.can_edit_indicator(request.user, indicator), not_allowed(indicator.organ))
    return change_state(  # the service refuses targets decided with their goal
        request,
        service=states.indicator_targets_set_state,
        back=_figures(indicator),
        done={
            RecordState.READY: _("Målvärdena är upprättade."),
            RecordState.DRAFT: _("Målvärdena är återställda till utkast."),
        },
        indicator=indicator,
    )


@login_required
def targets_decide(request, pk):
    """The decision on an indicator's targets (administrators): body, date, § and dnr."""
    indicator = indicator_or_404(pk)
    require(
        permissions.can_decide(request.user, indicator.organ),
        _("Bara administratörer kan registrera beslut om målvärden."),
    )
    # targets decided with their goal were decided with its plan year: the service's refusal, on the page
    if refused := refused_by(
        request, lambda: states.refuse_if_decided_with_goal(indicator), _figures(indicator)
    ):
        return refused
    return decide_page(
        request,
        item=indicator,
        organ=indicator.organ,
        decide=lambda item, **decision: states.indicator_targets_decide(indicator=item, **decision),
        success=lambda item: (
            _("Målvärdena för ”%(indicator)s” är beslutade: %(decision)s.")
            % {"indicator": item.title, "decision": item.targets_decision}
        ),
        state=lambda item: (item.targets_state, item.get_targets_state_display()),
        heading=_("Målvärden för %(indicator)s") % {"indicator": indicator.title},
        kind=_("Nyckeltal"),
        explanation=_(
            "Beslutet registreras med beslutande organ, datum, paragraf och diarienummer. Därefter kan "
            "målvärdena inte ändras; utfallen förs fortfarande in."
        ),
        back_url=_figures(indicator),
        action_url=reverse("indicators:targets_decide", args=[indicator.pk]),
    )


@login_required
@require_POST
def targets_new_version(request, pk):
    """POST only: decided targets become a draft to change (a new version); the decided ones stay in
    force until the new version is decided."""
    indicator = indicator_or_404(pk)
    require(permissions.can_edit_indicator(request.user, indicator), not_allowed(indicator.organ))
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Ingen ny version: formuläret saknar version."))
        return redirect(_figures(indicator))
    run_service(
        request,
        lambda: states.indicator_targets_new_version(
            actor=request.user, indicator=indicator, expected_version=form.cleaned_data["version"]
        ),
        _(
            "En ny version av målvärdena är ett utkast. De beslutade målvärdena gäller tills den nya "
            "versionen beslutas."
        ),
    )
    return redirect(_figures(indicator))
