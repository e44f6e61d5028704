"""New versions of decided goals (styrkraft.steering.versions): the button on a decided goal's page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from styrkraft.org import permissions
from styrkraft.steering import versions
from styrkraft.steering.models import Goal


@login_required
@require_POST
def goal_new_version(request, pk):
    goal = get_object_or_404(Goal.objects.select_related("organ__parent", "organ__municipality"), pk=pk)
    if not permissions.can_edit_goal(request.user, goal):
        raise PermissionDenied(_("Du har inte behörighet att ändra målet ”%(goal)s”.") % {"goal": goal})
    try:
        new = versions.goal_new_version(actor=request.user, goal=goal)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("steering:goal", pk=goal.pk)
    messages.success(
        request,
        _(
            "En ny version av målet är skapad som utkast. Den beslutade versionen gäller tills den nya "
            "beslutas med planåret."
        ),
    )
    return redirect("steering:goal", pk=new.pk)
