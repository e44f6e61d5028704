"""Records states on the site (styrkraft.steering.states): the button that moves an assignment between
utkast and upprättad (the giver's editors), and the page where an administrator records the decision
that makes it beslutad (the shared flows: styrkraft.core.web.change_state, styrkraft.org.web.decide_page)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from styrkraft.core.records import RecordState
from styrkraft.core.web import change_state, require
from styrkraft.org import permissions
from styrkraft.org.web import decide_page
from styrkraft.steering import states
from styrkraft.steering.models import Assignment


def _assignment(pk: int) -> Assignment:
    return get_object_or_404(
        Assignment.objects.select_related("giver__municipality", "giver__parent", "receiver__parent"), pk=pk
    )


def _page(assignment: Assignment) -> str:
    return reverse("steering:assignment", args=[assignment.pk])


@login_required
@require_POST
def assignment_state(request, pk):
    """POST only: an assignment utkast → upprättad, or back to utkast."""
    assignment = _assignment(pk)
    require(
        permissions.can_edit_assignment_terms(request.user, assignment),
        _("Bara uppdragsgivaren %(organ)s kan upprätta uppdraget ”%(item)s”.")
        % {"organ": assignment.giver, "item": assignment},
    )
    return change_state(
        request,
        service=states.assignment_set_state,
        back=_page(assignment),
        done={
            RecordState.READY: _("Uppdraget är upprättat."),
            RecordState.DRAFT: _("Uppdraget är återställt till utkast."),
        },
        assignment=assignment,
    )


@login_required
def assignment_decide(request, pk):
    """The decision that gives a finalised assignment (administrators): body, date, § and dnr."""
    assignment = _assignment(pk)
    require(
        permissions.can_decide(request.user, assignment.giver),
        _("Bara administratörer kan registrera beslut om uppdrag."),
    )
    return decide_page(
        request,
        item=assignment,
        organ=assignment.giver,
        decide=lambda item, **decision: states.assignment_decide(assignment=item, **decision),
        success=lambda item: (
            _("Uppdraget ”%(item)s” är beslutat: %(decision)s.") % {"item": item, "decision": item.decision}
        ),
        state=lambda item: (item.record_state, item.get_record_state_display()),
        heading=str(assignment),
        kind=_("Riktat uppdrag"),
        explanation=_(
            "Beslutet registreras med beslutande organ, datum, paragraf och diarienummer. Därefter kan "
            "uppdragets innehåll inte ändras; mottagaren rapporterar fortfarande hur arbetet går."
        ),
        back_url=_page(assignment),
        action_url=reverse("steering:assignment_decide", args=[assignment.pk]),
    )
