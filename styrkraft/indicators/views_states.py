"""The records state of an indicator's targets on the site (styrkraft.steering.states): the button on
the figures page that sets them upprättade or back to utkast (the organ's editors), and the page where an
administrator records the decision on them. Only for targets decided on their own: those of a decided
goal were decided with its plan year."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from styrkraft.indicators.views import _indicator, _not_allowed, goal_is_decided
from styrkraft.org import permissions
from styrkraft.steering import states
from styrkraft.steering.forms_states import ItemDecideForm
from styrkraft.steering.models import RecordState
from styrkraft.steering.views_edit import require
from styrkraft.steering.views_states import change_state, not_decidable


def _figures(indicator) -> str:
    return reverse("indicators:figures", args=[indicator.pk])


def _decided_with_goal(request, indicator):
    """The refusal for targets that were decided with their goal: a message on the figures page."""
    messages.error(
        request,
        _("Målvärdena för ”%(indicator)s” beslutas med målet ”%(goal)s” och planåret, inte här.")
        % {"indicator": indicator.title, "goal": indicator.goal.title},
    )
    return redirect(_figures(indicator))


@login_required
@require_POST
def targets_state(request, pk):
    """POST only: the targets utkast → upprättade, or back to utkast."""
    indicator = _indicator(pk)
    require(permissions.can_edit_indicator(request.user, indicator), _not_allowed(indicator.organ))
    if goal_is_decided(indicator):
        return _decided_with_goal(request, indicator)
    return change_state(
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
    indicator = _indicator(pk)
    require(
        permissions.can_decide(request.user, indicator.organ),
        _("Bara administratörer kan registrera beslut om målvärden."),
    )
    if goal_is_decided(indicator):
        return _decided_with_goal(request, indicator)
    heading = _("Målvärden för %(indicator)s") % {"indicator": indicator.title}
    form = ItemDecideForm(
        request.POST if request.method == "POST" else None,
        organ=indicator.organ,
        version=indicator.version,
    )
    if (
        form.is_bound
        and form.is_valid()
        and form.save_through(states.indicator_targets_decide, actor=request.user, indicator=indicator)
    ):
        messages.success(
            request,
            _("Målvärdena för ”%(indicator)s” är beslutade: %(decision)s.")
            % {"indicator": indicator.title, "decision": indicator.targets_decision},
        )
        return redirect(_figures(indicator))
    if form.conflict_current is not None:
        indicator = form.conflict_current
    context = {
        "form": form,
        "heading": heading,
        "kind": _("Nyckeltal"),
        "state_label": indicator.get_targets_state_display(),
        "state": indicator.targets_state,
        "not_decidable": not_decidable(indicator, indicator.targets_state),
        "explanation": _(
            "Beslutet registreras med beslutande organ, datum, paragraf och diarienummer. Därefter kan "
            "målvärdena inte ändras; utfallen förs fortfarande in."
        ),
        "back_url": _figures(indicator),
        "action_url": reverse("indicators:targets_decide", args=[indicator.pk]),
        "submit_label": _("Registrera beslutet"),
    }
    return render(request, "steering/edit/item_decide_form.html", context)
