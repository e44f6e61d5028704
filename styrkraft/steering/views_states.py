"""Records states on the site (styrkraft.steering.states): the button that moves an assignment between
utkast and upprättad (the giver's editors), and the page where an administrator records the decision
that makes it beslutad. The two helpers at the top also serve the indicators' targets
(styrkraft.indicators.views_states)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from styrkraft.core.services import ConflictError
from styrkraft.org import permissions
from styrkraft.steering import states
from styrkraft.steering.forms_states import ItemDecideForm, RecordStateForm
from styrkraft.steering.models import Assignment, RecordState
from styrkraft.steering.views_edit import require


def change_state(request, *, service, back: str, done: dict, **item):
    """Call a set-state service with the state and version posted by the button; its refusal (a
    ValidationError, or a ConflictError when someone else saved first) comes back as a message on
    `back`, the item's page. `done` holds the success message per state."""
    form = RecordStateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Läget kunde inte ändras: okänt läge."))
        return redirect(back)
    state = form.cleaned_data["state"]
    run_service(
        request,
        lambda: service(
            actor=request.user, state=state, expected_version=form.cleaned_data["version"], **item
        ),
        done[state],
    )
    return redirect(back)


def run_service(request, call, done: str) -> None:
    """Call a service; its refusal (a ValidationError, or a ConflictError when someone else saved first)
    becomes error messages, its success the message `done`."""
    try:
        call()
    except ConflictError as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)


def not_decidable(instance, state: str) -> str:
    """Why the item cannot be decided now ("" when it can): shown above the decision form, which the
    service refuses with the same words."""
    if state == RecordState.DECIDED:
        return _("”%(item)s” är redan beslutat.") % {"item": instance}
    if state != RecordState.READY:
        return _("”%(item)s” måste vara upprättat innan det kan beslutas.") % {"item": instance}
    return ""


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


def decide_page(
    request, *, item, organ, decide, success, state, heading, kind, explanation, back_url, action_url
):
    """The page where an administrator records the decision on one item (an assignment, an indicator's
    targets): the form, the service call through it (refusals and conflicts on the form), and on success
    a message and back to the item. `decide(item, actor=..., body=..., ...)` calls the service; `state`
    gives the item's (state, label)."""
    form = ItemDecideForm(
        request.POST if request.method == "POST" else None, organ=organ, version=item.version
    )
    if form.is_bound and form.is_valid() and form.save_through(decide, actor=request.user, item=item):
        messages.success(request, success(item))
        return redirect(back_url)
    if form.conflict_current is not None:
        item = form.conflict_current
    current, label = state(item)
    context = {
        "form": form,
        "heading": heading,
        "kind": kind,
        "state_label": label,
        "state": current,
        "not_decidable": not_decidable(item, current),  # the service's words
        "explanation": explanation,
        "back_url": back_url,
        "action_url": action_url,
        "submit_label": _("Registrera beslutet"),
    }
    return render(request, "steering/edit/item_decide_form.html", context)
