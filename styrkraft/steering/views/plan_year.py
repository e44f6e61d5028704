"""Deciding an organ's whole plan year in one step (administrators only, Besluta planåret): every goal of
the year, with its indicators and targets, gets one decision reference and is frozen. The same service
backs the command `styrkraft decide`. `plan_year` is the year an editing page works on."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from styrkraft.core.web import require
from styrkraft.org import permissions
from styrkraft.org.forms.decisions import PlanYearDecideForm
from styrkraft.org.web import organ_or_404
from styrkraft.steering import rules, services
from styrkraft.steering.models import Goal
from styrkraft.steering.plan_year import year_for_request


def plan_year(request, municipality) -> int:
    """The plan year asked for with ?year=, else the municipality's current plan year (one rule:
    styrkraft.steering.plan_year); 404 for a year that is not a plan year."""
    return year_for_request(request, municipality)[0]


@login_required
def plan_year_decide(request, slug):
    organ = organ_or_404(request, slug)
    require(
        permissions.can_decide_plan_year(request.user, organ),
        _("Bara administratörer kan besluta planåret för %(organ)s.") % {"organ": organ}
        if organ.sets_goals
        else _("%(organ)s sätter inte egna mål och har inget planår att besluta.") % {"organ": organ},
    )
    year = plan_year(request, organ.municipality)
    form = PlanYearDecideForm(request.POST if request.method == "POST" else None, organ=organ)
    if form.is_bound and form.is_valid():
        try:
            decision = services.plan_year_decide(
                actor=request.user, organ=organ, year=year, **form.service_values()
            )
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(
                request,
                _("Målen för %(organ)s %(year)s är beslutade: %(decision)s.")
                % {"organ": organ.name, "year": year, "decision": decision},
            )
            return redirect(reverse("steering:organ", args=[organ.slug]) + f"?year={year}")
    goals = list(Goal.objects.filter(organ=organ, year=year).select_related("target_area", "decision__body"))
    blocking = [
        finding
        for finding in rules.organ_goal_set_findings(
            organ, services.goal_set_in_force(goals), year=year, municipality=organ.municipality
        )
        if finding.is_error
    ]
    context = {"form": form, "organ": organ, "year": year, "goals": goals, "blocking": blocking}
    return render(request, "steering/edit/decide_form.html", context)
