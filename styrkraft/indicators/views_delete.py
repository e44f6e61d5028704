"""Deleting an indicator: a confirmation page (GET), then the deletion (POST). Deletion is a soft delete:
an administrator can restore the indicator on the page Borttaget (styrkraft.trail.views_deleted)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from styrkraft.core.web import confirm_delete
from styrkraft.indicators import services
from styrkraft.indicators.models import Indicator
from styrkraft.org import permissions


@login_required
def indicator_delete(request, pk):
    indicator = get_object_or_404(
        Indicator.objects.select_related("goal", "organ__parent", "organ__municipality"), pk=pk
    )
    if not permissions.can_edit_indicator(request.user, indicator):
        raise PermissionDenied(
            _("Du har inte behörighet att ta bort nyckeltalet ”%(indicator)s”.") % {"indicator": indicator}
        )
    # An indicator belongs to a goal's page; one without a goal to its organ's page.
    if indicator.goal_id is None:
        goal_url = reverse("steering:organ", args=[indicator.organ.slug])
    else:
        goal_url = reverse("steering:goal", args=[indicator.goal_id])
    return confirm_delete(
        request,
        delete=lambda: services.indicator_delete(actor=request.user, indicator=indicator),
        back=goal_url + f"#nyckeltal-{indicator.pk}",
        refuse=lambda: services.refuse_definition_change(indicator),  # frozen with a decided goal
        done=goal_url,
        success=_("Nyckeltalet ”%(indicator)s” är borttaget.") % {"indicator": indicator.title},
        heading=_("Ta bort nyckeltalet ”%(indicator)s”?") % {"indicator": indicator.title},
        button=_("Ta bort nyckeltalet"),
    )
