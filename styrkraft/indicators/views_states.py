"""The records state of an indicator's targets on the site (styrkraft.indicators.states): the button on
the figures page that sets them upprättade or back to utkast (the organ's editors), and the page where an
administrator records the decision on them. Only for targets decided on their own: those of a decided
goal were decided with its plan year."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from styrkraft.core.editing import VersionForm
from styrkraft.core.records import RecordState
from styrkraft.core.refusals import refused_by
from styrkraft.core.web import change_state, require, run_service
from styrkraft.indicators import states
from styrkraft.indicators.views import indicator_or_404, not_allowed
from styrkraft.org import permissions
from styrkraft.org.web import decide_page


def _figures(indicator) -> str:
    return reverse("indicators:figures", args=[indicator.pk])


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
