"""An indicator on the site: its public page (its values year by year against its target, its peers and
Riket, its rank and trend, with the chart, the table and the attribution Kolada's terms ask for), the
form that adds or changes it, and deleting it (a soft delete: an administrator restores it on the page
Borttaget, styrkraft.trail.views.deleted). Its figures are views.figures, file imports views.imports.

The page reads in a fixed number of queries whatever the number of years or municipalities: the
municipality, the indicator, and styrkraft.indicators.figures (at most five). Editing is permission
check -> form -> service -> redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from styrkraft.core.refusals import refuse_unseen, refused_by
from styrkraft.core.web import confirm_delete, require
from styrkraft.indicators import forms, services
from styrkraft.indicators.charts import figures_chart
from styrkraft.indicators.figures import figures_for
from styrkraft.indicators.models import Indicator
from styrkraft.indicators.targets import targets_state
from styrkraft.org import permissions
from styrkraft.org.web import municipality_or_404


def not_allowed(organ) -> str:
    return _("Du har inte behörighet att ändra nyckeltalen för %(organ)s.") % {"organ": organ}


def indicator_or_404(pk: int) -> Indicator:
    return get_object_or_404(
        Indicator.objects.select_related("organ__parent", "goal__organ", "goal__target_area__intent__term"),
        pk=pk,
    )


def back_to_goal(indicator: Indicator):
    """After an edit, back to the indicator's block on its goal's page (where it was edited from)."""
    if indicator.goal_id:
        return redirect(reverse("steering:goal", args=[indicator.goal_id]) + f"#nyckeltal-{indicator.pk}")
    return redirect("steering:organ", slug=indicator.organ.slug)


def indicator_page(request, pk):
    municipality = municipality_or_404(request)
    in_municipality = Indicator.objects.filter(organ__municipality=municipality, pk=pk)
    visible = permissions.visibility(request.user)
    indicator = (
        visible.indicators(in_municipality)
        .select_related("organ__municipality", "organ__parent", "goal__target_area", "targets_decision__body")
        .first()
    )
    if indicator is None:
        if in_municipality.exists():
            return refuse_unseen(request)  # its goal is a draft or not public
        raise Http404(_("Nyckeltalet finns inte."))
    figures = figures_for([indicator], visible=visible)[indicator.pk]
    context = {
        "indicator": indicator,
        "figures": figures,
        "chart": figures_chart(figures),
        "year": indicator.goal.year if indicator.goal_id else None,
        "may_edit": permissions.can_edit_indicator(request.user, indicator),
        "targets_state": targets_state(indicator, visible),
    }
    return render(request, "indicators/indicator.html", context)


@login_required
def indicator_edit(request, pk):
    indicator = indicator_or_404(pk)
    require(permissions.can_edit_indicator(request.user, indicator), not_allowed(indicator.organ))
    if frozen := refused_by(
        request, lambda: services.refuse_definition_change(indicator), indicator.get_absolute_url()
    ):
        return frozen
    heading = str(indicator)
    form = forms.IndicatorForm(request.POST if request.method == "POST" else None, indicator=indicator)
    if (
        form.is_bound
        and form.is_valid()
        and form.save_through(services.indicator_update, actor=request.user, indicator=indicator)
    ):
        messages.success(request, _("Ändringarna i nyckeltalet ”%(item)s” är sparade.") % {"item": indicator})
        return back_to_goal(indicator)
    return render(
        request,
        "indicators/indicator_form.html",
        {"form": form, "goal": indicator.goal, "indicator": indicator, "heading": heading},
    )


@login_required
def indicator_delete(request, pk):
    indicator = indicator_or_404(pk)
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
