"""Deleting goals and assignments (and, through confirm_delete, steering documents): a confirmation page
(GET), then the deletion (POST).

Deletion is a soft delete (styrkraft.core.models.SoftDeleteModel): the row stays and an administrator
can restore it on the page Borttaget (styrkraft.trail.views_deleted)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from styrkraft.core.web import confirm_delete
from styrkraft.org import permissions
from styrkraft.steering import services
from styrkraft.steering.models import Assignment, Goal


def _organ_url(organ, year: int) -> str:
    return reverse("steering:organ", args=[organ.slug]) + f"?year={year}"


@login_required
def goal_delete(request, pk):
    goal = get_object_or_404(Goal.objects.select_related("organ__parent", "organ__municipality"), pk=pk)
    if not permissions.can_edit_goal(request.user, goal):
        raise PermissionDenied(_("Du har inte behörighet att ta bort målet ”%(goal)s”.") % {"goal": goal})
    return confirm_delete(
        request,
        delete=lambda: services.goal_delete(actor=request.user, goal=goal),
        back=reverse("steering:goal", args=[goal.pk]),
        refuse=lambda: services.refuse_if_decided(goal),
        done=_organ_url(goal.organ, goal.year),
        success=_("Målet ”%(goal)s” är borttaget.") % {"goal": goal.title},
        heading=_("Ta bort målet ”%(goal)s”?") % {"goal": goal.title},
        button=_("Ta bort målet"),
    )


@login_required
def assignment_delete(request, pk):
    assignment = get_object_or_404(
        Assignment.objects.select_related("giver__parent", "giver__municipality"), pk=pk
    )
    if not permissions.can_edit_assignment_terms(request.user, assignment):
        raise PermissionDenied(
            _("Bara den som gav uppdraget ”%(assignment)s” kan ta bort det.") % {"assignment": assignment}
        )
    return confirm_delete(
        request,
        delete=lambda: services.assignment_delete(actor=request.user, assignment=assignment),
        back=reverse("steering:assignment", args=[assignment.pk]),
        done=_organ_url(assignment.giver, assignment.year),
        success=_("Uppdraget ”%(assignment)s” är borttaget.") % {"assignment": assignment.title},
        heading=_("Ta bort uppdraget ”%(assignment)s”?") % {"assignment": assignment.title},
        button=_("Ta bort uppdraget"),
    )
