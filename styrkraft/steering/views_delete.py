"""Deleting goals and assignments: a confirmation page (GET), then the deletion (POST).

Deletion is a soft delete (styrkraft.core.models.SoftDeleteModel): the row stays and an administrator
can restore it on the page Borttaget (styrkraft.core.views_deleted)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

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
    if request.method == "POST":
        try:
            services.goal_delete(actor=request.user, goal=goal)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect("steering:goal", pk=goal.pk)
        messages.success(request, _("Målet ”%(goal)s” är borttaget.") % {"goal": goal.title})
        return redirect(_organ_url(goal.organ, goal.year))
    context = {
        "heading": _("Ta bort målet ”%(goal)s”?") % {"goal": goal.title},
        "action": reverse("steering:goal_delete", args=[goal.pk]),
        "cancel": reverse("steering:goal", args=[goal.pk]),
        "button": _("Ta bort målet"),
    }
    return render(request, "core/confirm_delete.html", context)


@login_required
def assignment_delete(request, pk):
    assignment = get_object_or_404(
        Assignment.objects.select_related("giver__parent", "giver__municipality"), pk=pk
    )
    if not permissions.can_edit_assignment_terms(request.user, assignment):
        raise PermissionDenied(
            _("Bara den som gav uppdraget ”%(assignment)s” kan ta bort det.") % {"assignment": assignment}
        )
    if request.method == "POST":
        try:
            services.assignment_delete(actor=request.user, assignment=assignment)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect("steering:assignment", pk=assignment.pk)
        messages.success(
            request, _("Uppdraget ”%(assignment)s” är borttaget.") % {"assignment": assignment.title}
        )
        return redirect(_organ_url(assignment.giver, assignment.year))
    context = {
        "heading": _("Ta bort uppdraget ”%(assignment)s”?") % {"assignment": assignment.title},
        "action": reverse("steering:assignment_delete", args=[assignment.pk]),
        "cancel": reverse("steering:assignment", args=[assignment.pk]),
        "button": _("Ta bort uppdraget"),
    }
    return render(request, "core/confirm_delete.html", context)
