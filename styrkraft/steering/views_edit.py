"""Editing the steering chain through the site's own forms: an organ's goals and assignments.

Every view is the same four steps: who may act (styrkraft.org.permissions) -> form -> service ->
redirect to the reading page with a message. Anonymous visitors are sent to the sign-in page; a signed-in
user without the right gets 403 with a message that says why."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from styrkraft.core.forms import whole_number
from styrkraft.core.services import ConflictError
from styrkraft.org import permissions
from styrkraft.org.models import Organ
from styrkraft.steering import forms, queries, services
from styrkraft.steering.models import Assignment, Goal, RecordState


def require(allowed: bool, message: str) -> None:
    """Refuse with 403 and a message saying why (the caller has already required a signed-in user)."""
    if not allowed:
        raise PermissionDenied(message)


def organ_or_404(request, slug: str) -> Organ:
    """An organ of the municipality the site shows."""
    municipality = queries.current_municipality(request)
    organ = (
        Organ.objects.select_related("municipality", "parent")
        .filter(municipality=municipality, slug=slug)
        .first()
    )
    if organ is None:
        raise Http404(_("Det finns inget organ med kortnamnet ”%(slug)s”.") % {"slug": slug})
    return organ


def plan_year(request, municipality) -> int:
    """The plan year asked for with ?year=, else this year if it is a plan year, else the latest one."""
    years = [y for y, _label in forms.plan_year_choices(municipality)]
    asked = request.GET.get("year", "")
    if asked:
        year = whole_number(asked, max_digits=4)
        if year not in years:
            raise Http404(_("%(year)s är inte ett planår i någon mandatperiod.") % {"year": asked})
        return year
    this_year = timezone.localdate().year
    if this_year in years or not years:
        return this_year
    return max(y for y in years if y < this_year) if min(years) < this_year else min(years)


def _not_allowed_goals(organ: Organ) -> str:
    if not organ.sets_goals:
        return _("%(organ)s sätter inte egna mål; det gör nämnder, bolag och kommunstyrelsen.") % {
            "organ": organ
        }
    return _("Du har inte behörighet att ändra målen för %(organ)s.") % {"organ": organ}


@login_required
def goal_create(request, slug):
    organ = organ_or_404(request, slug)
    require(permissions.can_add_goal(request.user, organ), _not_allowed_goals(organ))
    year = plan_year(request, organ.municipality)
    form = forms.GoalForm(request.POST if request.method == "POST" else None, organ=organ, year=year)
    if form.is_bound and form.is_valid():
        try:
            goal = services.goal_create(actor=request.user, organ=organ, year=year, **form.service_values())
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("Målet ”%(goal)s” är sparat.") % {"goal": goal})
            return redirect("steering:goal", pk=goal.pk)
    return render(
        request, "steering/edit/goal_form.html", {"form": form, "organ": organ, "year": year, "goal": None}
    )


def _goal(pk: int) -> Goal:
    return get_object_or_404(Goal.objects.select_related("organ__municipality", "organ__parent"), pk=pk)


@login_required
def goal_edit(request, pk):
    goal = _goal(pk)
    require(permissions.can_edit_goal(request.user, goal), _not_allowed_goals(goal.organ))
    heading = str(goal)
    form = forms.GoalForm(
        request.POST if request.method == "POST" else None, organ=goal.organ, year=goal.year, goal=goal
    )
    if (
        form.is_bound
        and form.is_valid()
        and form.save_through(services.goal_update, actor=request.user, goal=goal)
    ):
        messages.success(request, _("Ändringarna i målet ”%(goal)s” är sparade.") % {"goal": goal})
        return redirect("steering:goal", pk=goal.pk)
    return render(
        request,
        "steering/edit/goal_form.html",
        {"form": form, "organ": goal.organ, "year": goal.year, "goal": goal, "heading": heading},
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
        for message in exc.messages:
            messages.error(request, message)
    else:
        if status == Goal.Status.READY:
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
    heading = str(assignment)
    # A decided assignment's terms are frozen (the service refuses a change): only its progress is asked.
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
