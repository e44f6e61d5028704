"""Editing the steering chain through the site's own forms: an organ's goals and assignments.

Every view is the same four steps: who may act (styrkraft.org.permissions) -> form -> service ->
redirect to the reading page with a message. Anonymous visitors are sent to the sign-in page; a signed-in
user without the right gets 403 with a message that says why."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from styrkraft.core.refusals import refused_by, report_refusal
from styrkraft.core.services import ConflictError
from styrkraft.core.web import require
from styrkraft.lifecycle import refuse_if_replaced
from styrkraft.org import permissions
from styrkraft.org.models import Organ
from styrkraft.org.web import organ_or_404
from styrkraft.steering import forms, services
from styrkraft.steering.models import Assignment, Goal, RecordState
from styrkraft.steering.plan_year import year_for_request


def plan_year(request, municipality) -> int:
    """The plan year asked for with ?year=, else the municipality's current plan year (one rule:
    styrkraft.steering.plan_year); 404 for a year that is not a plan year."""
    return year_for_request(request, municipality)[0]


def _not_allowed_goals(organ: Organ) -> str:
    if not organ.sets_goals:
        return _("%(organ)s sätter inte egna mål; det gör nämnder, bolag och kommunstyrelsen.") % {
            "organ": organ
        }
    return _("Du har inte behörighet att ändra målen för %(organ)s.") % {"organ": organ}


# The parts of the goal form that htmx re-renders alone: the fields that follow the target area, and the
# Agenda 2030 targets that follow the chosen goals (GET with ?part=; the same view, the same form).
GOAL_FORM_PARTS = {
    "area": "steering/edit/_goal_area_fields.html",
    "sdg": "steering/edit/_goal_sdg_targets.html",
}


def _chosen(request) -> dict | None:
    """On a GET, the values chosen so far that a re-render of part of the goal form follows."""
    return forms.GoalForm.chosen_from(request.GET) if request.method == "GET" else None


def _goal_form_page(request, form, context: dict):
    """The goal form's page, with how many goals the organ has for the year up front; for an htmx
    request for one of its parts, that part alone."""
    part = GOAL_FORM_PARTS.get(request.GET.get("part", "")) if request.method == "GET" else None
    if part and request.htmx:
        return render(request, part, {"form": form})
    organ, year = context["organ"], context["year"]
    context |= {
        "form": form,
        "goal_count": services.goal_lineages(organ, year),
        "goal_limit": organ.municipality.max_goals_per_organ,
    }
    return render(request, "steering/edit/goal_form.html", context)


@login_required
def goal_create(request, slug):
    organ = organ_or_404(request, slug)
    require(permissions.can_add_goal(request.user, organ), _not_allowed_goals(organ))
    year = plan_year(request, organ.municipality)
    form = forms.GoalForm(
        request.POST if request.method == "POST" else None, organ=organ, year=year, chosen=_chosen(request)
    )
    if form.is_bound and form.is_valid():
        try:
            goal = services.goal_create(actor=request.user, organ=organ, year=year, **form.service_values())
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("Målet ”%(goal)s” är sparat.") % {"goal": goal})
            return redirect("steering:goal", pk=goal.pk)
    url = reverse("steering:goal_create", args=[organ.slug]) + f"?year={year}"
    return _goal_form_page(request, form, {"organ": organ, "year": year, "goal": None, "form_url": url})


def _goal(pk: int) -> Goal:
    return get_object_or_404(Goal.objects.select_related("organ__municipality", "organ__parent"), pk=pk)


@login_required
def goal_edit(request, pk):
    goal = _goal(pk)
    require(permissions.can_edit_goal(request.user, goal), _not_allowed_goals(goal.organ))
    if frozen := refused_by(request, lambda: services.refuse_if_decided(goal), goal.get_absolute_url()):
        return frozen  # a decided goal changes through a new version (the button on its page)
    heading = str(goal)
    form = forms.GoalForm(
        request.POST if request.method == "POST" else None,
        organ=goal.organ,
        year=goal.year,
        goal=goal,
        chosen=_chosen(request),
    )
    if (
        form.is_bound
        and form.is_valid()
        and form.save_through(services.goal_update, actor=request.user, goal=goal)
    ):
        messages.success(request, _("Ändringarna i målet ”%(goal)s” är sparade.") % {"goal": goal})
        return redirect("steering:goal", pk=goal.pk)
    context = {"organ": goal.organ, "year": goal.year, "goal": goal, "heading": heading}
    return _goal_form_page(
        request, form, context | {"form_url": reverse("steering:goal_edit", args=[goal.pk])}
    )


def goal_status(request, pk):
    """POST only: mark a goal ready for decision, or back to draft. A refusal comes back as a message on
    the goal page."""
    goal = _goal(pk)
    if not request.user.is_authenticated:
        return redirect_to_login(goal.get_absolute_url())
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    require(permissions.can_edit_goal(request.user, goal), _not_allowed_goals(goal.organ))
    form = forms.GoalStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Statusen kunde inte ändras: okänd status."))
        return redirect("steering:goal", pk=goal.pk)
    status = form.cleaned_data["status"]
    try:
        services.goal_set_status(
            actor=request.user, goal=goal, status=status, expected_version=form.cleaned_data["version"]
        )
    except ConflictError as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        report_refusal(request, exc)
    else:
        if status == RecordState.READY:
            messages.success(request, _("Målet är markerat som upprättat (klart för beslut)."))
        else:
            messages.success(request, _("Målet är återställt till utkast."))
    return redirect("steering:goal", pk=goal.pk)


def _not_allowed_assignments(organ: Organ) -> str:
    return _("Du har inte behörighet att ändra uppdragen från %(organ)s.") % {"organ": organ}


@login_required
def assignment_create(request, slug):
    giver = organ_or_404(request, slug)
    require(permissions.can_create_assignment(request.user, giver), _not_allowed_assignments(giver))
    year = plan_year(request, giver.municipality)
    form = forms.AssignmentForm(request.POST if request.method == "POST" else None, giver=giver, year=year)
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
    assignment = get_object_or_404(
        Assignment.objects.select_related("giver__municipality", "giver__parent", "receiver__parent"), pk=pk
    )
    require(
        permissions.can_edit_assignment(request.user, assignment),
        _("Du har inte behörighet att ändra uppdraget ”%(item)s”.") % {"item": assignment},
    )
    if frozen := refused_by(
        request, lambda: refuse_if_replaced(assignment), reverse("steering:assignment", args=[assignment.pk])
    ):
        return frozen
    heading = str(assignment)
    # A decided assignment's terms are frozen (the service refuses a change): only its progress (the
    # follow-up, like an indicator's outcomes) is asked; its terms change through a new version.
    decided = assignment.record_state == RecordState.DECIDED
    status_only = decided or not permissions.can_edit_assignment_terms(request.user, assignment)
    form = forms.AssignmentForm(
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
