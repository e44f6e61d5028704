"""New versions of decided items (styrkraft.steering.versions): the button "Ny version" on a decided
goal's, assignment's or steering document's page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from styrkraft.core.web import new_version
from styrkraft.org import permissions
from styrkraft.steering import versions
from styrkraft.steering.models import Assignment, Goal, SteeringDocument


@login_required
@require_POST
def goal_new_version(request, pk):
    goal = get_object_or_404(Goal.objects.select_related("organ__parent", "organ__municipality"), pk=pk)
    return new_version(
        request,
        goal,
        allowed=permissions.can_edit_goal(request.user, goal),
        refusal=_("Du har inte behörighet att ändra målet ”%(goal)s”.") % {"goal": goal},
        start=lambda actor, item: versions.goal_new_version(actor=actor, goal=item),
        page="steering:goal",
        done=_(
            "En ny version av målet är skapad som utkast. Den beslutade versionen gäller tills den nya "
            "beslutas med planåret."
        ),
    )


@login_required
@require_POST
def assignment_new_version(request, pk):
    assignment = get_object_or_404(Assignment.objects.select_related("giver__parent"), pk=pk)
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


@login_required
@require_POST
def document_new_version(request, pk):
    document = get_object_or_404(SteeringDocument.objects.select_related("owner__parent"), pk=pk)
    return new_version(
        request,
        document,
        allowed=permissions.can_edit_document(request.user, document),
        refusal=_("Du har inte behörighet att ändra styrdokumentet ”%(item)s”.") % {"item": document},
        start=lambda actor, item: versions.steering_document_new_version(actor=actor, document=item),
        page="steering:document",
        done=_(
            "En ny version av styrdokumentet är skapad som utkast. Den beslutade versionen gäller tills den "
            "nya beslutas."
        ),
    )
