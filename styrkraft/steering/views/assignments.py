"""An assignment (riktat uppdrag) on the site: its page, the form that gives or changes it, deleting it,
the button that moves it between utkast and upprättad (the giver's editors), the page where an
administrator records the decision that makes it beslutad, and a new version of a decided one (the
shared flows: styrkraft.core.web, styrkraft.org.web.decide_page). Deletion is a soft delete: an
administrator restores the assignment on the page Borttaget (styrkraft.trail.views.deleted)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from styrkraft.core.records import RecordState
from styrkraft.core.refusals import refuse_unseen, refused_by
from styrkraft.core.web import change_state, confirm_delete, new_version, require
from styrkraft.lifecycle import refuse_if_replaced
from styrkraft.org import permissions
from styrkraft.org.models import Organ
from styrkraft.org.web import decide_page, municipality_or_404, organ_or_404
from styrkraft.steering import queries, rules, services, states, versions
from styrkraft.steering.forms.assignments import AssignmentForm
from styrkraft.steering.models import Assignment
from styrkraft.steering.views.plan_year import plan_year


def assignment_or_404(pk: int) -> Assignment:
    """An assignment with what its editing pages and the permission checks read (the giver, the organ
    above it and the municipality; the receiver and the organ above it)."""
    return get_object_or_404(
        Assignment.objects.select_related("giver__municipality", "giver__parent", "receiver__parent"), pk=pk
    )


def _page(assignment: Assignment) -> str:
    return reverse("steering:assignment", args=[assignment.pk])


def assignment(request, pk):
    municipality = municipality_or_404(request)
    item = queries.assignment_page(municipality, pk, permissions.visibility(request.user))
    if item is None:
        if Assignment.objects.filter(municipality=municipality, pk=pk).exists():
            return refuse_unseen(request)
        raise Http404(_("Uppdraget finns inte."))
    visible = permissions.visibility(request.user)
    context = {
        "assignment": item,
        "year": item.year,
        "findings": rules.assignment_findings(item),
        "versions": versions.version_context(item, visible),
        "may": {
            "edit_assignment": permissions.can_edit_assignment(request.user, item),
            "delete_assignment": permissions.can_edit_assignment_terms(request.user, item),
            "set_state": permissions.can_edit_assignment_terms(request.user, item),
            "decide": permissions.can_decide(request.user, item.giver),
        },
    }
    return render(request, "steering/assignment.html", context)


def _not_allowed_assignments(organ: Organ) -> str:
    return _("Du har inte behörighet att ändra uppdragen från %(organ)s.") % {"organ": organ}


@login_required
def assignment_create(request, slug):
    giver = organ_or_404(request, slug)
    require(permissions.can_create_assignment(request.user, giver), _not_allowed_assignments(giver))
    year = plan_year(request, giver.municipality)
    form = AssignmentForm(request.POST if request.method == "POST" else None, giver=giver, year=year)
    if form.is_bound and form.is_valid():
        try:
            assignment = services.assignment_create(actor=request.user, giver=giver, **form.service_values())
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("Uppdraget ”%(item)s” är sparat.") % {"item": assignment})
            return redirect("steering:assignment", pk=assignment.pk)
    return render(
        request, "steering/edit/assignment_form.html", {"form": form, "giver": giver, "assignment": None}
    )


@login_required
def assignment_edit(request, pk):
    assignment = assignment_or_404(pk)
    require(
        permissions.can_edit_assignment(request.user, assignment),
        _("Du har inte behörighet att ändra uppdraget ”%(item)s”.") % {"item": assignment},
    )
    if frozen := refused_by(request, lambda: refuse_if_replaced(assignment), _page(assignment)):
        return frozen
    heading = str(assignment)
    # A decided assignment's terms are frozen (the service refuses a change): only its progress (the
    # follow-up, like an indicator's outcomes) is asked; its terms change through a new version.
    decided = assignment.record_state == RecordState.DECIDED
    status_only = decided or not permissions.can_edit_assignment_terms(request.user, assignment)
    form = AssignmentForm(
        request.POST if request.method == "POST" else None,
        giver=assignment.giver,
        year=assignment.year,
        assignment=assignment,
        status_only=status_only,
    )
    if (
        form.is_bound
        and form.is_valid()
        and form.save_through(services.assignment_update, actor=request.user, assignment=assignment)
    ):
        messages.success(request, _("Ändringarna i uppdraget ”%(item)s” är sparade.") % {"item": heading})
        return redirect("steering:assignment", pk=assignment.pk)
    return render(
        request,
        "steering/edit/assignment_form.html",
        {
            "form": form,
            "giver": assignment.giver,
            "assignment": assignment,
            "heading": heading,
            "status_only": status_only,
            "decided": decided,
        },
    )


@login_required
@require_POST
def assignment_state(request, pk):
    """POST only: an assignment utkast → upprättad, or back to utkast."""
    assignment = assignment_or_404(pk)
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
    assignment = assignment_or_404(pk)
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


@login_required
def assignment_delete(request, pk):
    assignment = assignment_or_404(pk)
    if not permissions.can_edit_assignment_terms(request.user, assignment):
        raise PermissionDenied(
            _("Bara den som gav uppdraget ”%(assignment)s” kan ta bort det.") % {"assignment": assignment}
        )
    return confirm_delete(
        request,
        delete=lambda: services.assignment_delete(actor=request.user, assignment=assignment),
        back=_page(assignment),
        done=reverse("steering:organ", args=[assignment.giver.slug]) + f"?year={assignment.year}",
        success=_("Uppdraget ”%(assignment)s” är borttaget.") % {"assignment": assignment.title},
        heading=_("Ta bort uppdraget ”%(assignment)s”?") % {"assignment": assignment.title},
        button=_("Ta bort uppdraget"),
    )


@login_required
@require_POST
def assignment_new_version(request, pk):
    assignment = assignment_or_404(pk)
    return new_version(
        request,
        assignment,
        allowed=permissions.can_edit_assignment_terms(request.user, assignment),
        refusal=_("Bara uppdragsgivaren %(organ)s kan ändra uppdraget ”%(item)s”.")
        % {"organ": assignment.giver, "item": assignment},
        start=lambda actor, item: versions.assignment_new_version(actor=actor, assignment=item),
        page="steering:assignment",
        done=_(
            "En ny version av uppdraget är skapad som utkast. Den beslutade versionen gäller tills den "
            "nya beslutas."
        ),
    )
