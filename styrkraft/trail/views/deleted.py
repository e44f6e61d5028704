"""Borttaget: the administrators' page of deleted goals, assignments, indicators and steering documents,
and restoring them.

Deletion is a soft delete (styrkraft.core.models.SoftDeleteModel); restoring goes through each item's
restore service, which may refuse (a goal when its organ has meanwhile reached its goal limit)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from styrkraft.core import history
from styrkraft.core.web import run_service
from styrkraft.indicators import services as indicator_services
from styrkraft.indicators.models import Indicator
from styrkraft.org import permissions
from styrkraft.org.queries import current_municipality
from styrkraft.steering import documents
from styrkraft.steering import services as steering_services
from styrkraft.steering.models import Assignment, Goal, SteeringDocument

# Each list shows at most this many items, the most recently deleted first.
LIST_LIMIT = 200


def _require_admin(user) -> None:
    if not permissions.is_admin(user):
        raise PermissionDenied(_("Borttagna poster och återställning är till för administratörer."))


def _row(item, organ) -> dict:
    return {
        "item": item,
        "organ": organ.name,
        "when": history.format_when(item.deleted_at),
        "who": item.deleted_by.get_username() if item.deleted_by else _("okänd"),
    }


@login_required
def deleted(request):
    _require_admin(request.user)
    municipality = current_municipality(request)
    goals = (
        Goal.all_objects.filter(deleted_at__isnull=False, organ__municipality=municipality)
        .select_related("organ", "deleted_by")
        .order_by("-deleted_at", "pk")[:LIST_LIMIT]
    )
    assignments = (
        Assignment.all_objects.filter(deleted_at__isnull=False, giver__municipality=municipality)
        .select_related("giver", "deleted_by")
        .order_by("-deleted_at", "pk")[:LIST_LIMIT]
    )
    indicators = (
        Indicator.all_objects.filter(deleted_at__isnull=False, organ__municipality=municipality)
        .select_related("organ", "goal", "deleted_by")
        .order_by("-deleted_at", "pk")[:LIST_LIMIT]
    )
    steering_documents = (
        SteeringDocument.all_objects.filter(deleted_at__isnull=False, municipality=municipality)
        .select_related("owner", "deleted_by")
        .order_by("-deleted_at", "pk")[:LIST_LIMIT]
    )
    sections = [
        ("mal", _("Mål"), "goal", [_row(g, g.organ) for g in goals]),
        ("uppdrag", _("Riktade uppdrag"), "assignment", [_row(a, a.giver) for a in assignments]),
        ("nyckeltal", _("Nyckeltal"), "indicator", [_row(i, i.organ) for i in indicators]),
        ("styrdokument", _("Styrdokument"), "document", [_row(d, d.owner) for d in steering_documents]),
    ]
    return render(request, "core/deleted.html", {"sections": sections, "nav": "deleted"})


def _restore_goal(actor, item):
    steering_services.goal_restore(actor=actor, goal=item)


def _restore_assignment(actor, item):
    steering_services.assignment_restore(actor=actor, assignment=item)


def _restore_indicator(actor, item):
    indicator_services.indicator_restore(actor=actor, indicator=item)


def _restore_document(actor, item):
    documents.steering_document_restore(actor=actor, document=item)


RESTORABLE = {
    "goal": (Goal, _restore_goal),
    "assignment": (Assignment, _restore_assignment),
    "indicator": (Indicator, _restore_indicator),
    "document": (SteeringDocument, _restore_document),
}


@login_required
@require_POST
def restore(request, item_type, pk):
    _require_admin(request.user)
    if item_type not in RESTORABLE:
        raise Http404(_("Det går inte att återställa ”%(type)s”.") % {"type": item_type})
    model, restore_item = RESTORABLE[item_type]
    item = get_object_or_404(model.all_objects.filter(deleted_at__isnull=False), pk=pk)
    run_service(
        request, lambda: restore_item(request.user, item), _("”%(item)s” är återställt.") % {"item": item}
    )
    return redirect("core:deleted")
