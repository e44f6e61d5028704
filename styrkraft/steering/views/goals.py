"""A goal of the steering chain on the site: its page (with its indicators' figures and charts), the form
that adds or changes it, the button that marks it ready for decision or back to draft, deleting it, and
a new version of a decided goal.

Every editing view is the same four steps: who may act (styrkraft.org.permissions) -> form -> service ->
redirect to the reading page with a message. Anonymous visitors are sent to the sign-in page; a signed-in
user without the right gets 403 with a message that says why. Deletion is a soft delete: an
administrator restores the goal on the page Borttaget (styrkraft.trail.views.deleted)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from styrkraft.core.charts import line_chart
from styrkraft.core.refusals import refuse_unseen, refused_by, report_refusal
from styrkraft.core.services import ConflictError
from styrkraft.core.web import confirm_delete, new_version, require
from styrkraft.indicators import services as indicator_services
from styrkraft.indicators.charts import figures_chart
from styrkraft.indicators.figures import figures_for
from styrkraft.indicators.forms import IndicatorForm
from styrkraft.indicators.models import Indicator
from styrkraft.indicators.targets import visible_targets
from styrkraft.indicators.views.indicators import back_to_goal, not_allowed
from styrkraft.indicators.views.kpi import create_form_context
from styrkraft.org import permissions
from styrkraft.org.models import Organ
from styrkraft.org.web import municipality_or_404, organ_or_404
from styrkraft.steering import queries, services, versions
from styrkraft.steering.forms.goals import GoalForm, GoalStatusForm
from styrkraft.steering.models import Goal, RecordState
from styrkraft.steering.views.chain import assignment_rows
from styrkraft.steering.views.plan_year import plan_year


def goal_or_404(pk: int) -> Goal:
    """A goal with what its editing pages and the permission checks read (its organ, the organ above
    and the municipality)."""
    return get_object_or_404(Goal.objects.select_related("organ__municipality", "organ__parent"), pk=pk)


def _not_allowed_goals(organ: Organ) -> str:
    if not organ.sets_goals:
        return _("%(organ)s sätter inte egna mål; det gör nämnder, bolag och kommunstyrelsen.") % {
            "organ": organ
        }
    return _("Du har inte behörighet att ändra målen för %(organ)s.") % {"organ": organ}


def _figure_rows(indicator, targets: dict) -> list[tuple[int, object, object]]:
    values = {v.year: v.value for v in indicator.values.all()}
    return [(year, values.get(year), targets.get(year)) for year in sorted(values.keys() | targets.keys())]


def _indicator_charts(page, municipality, visible) -> None:
    """Attach each indicator's chart: a Kolada indicator's comparison chart and figures (own, target,
    peers, Riket, rank; styrkraft.indicators.figures, five queries for all of them), an own indicator's
    simple chart and `figure_rows` from its prefetched values and the targets `visible` sees of its
    prefetched ones."""
    kolada = [i for i in page.indicators if i.source == Indicator.Source.KOLADA and i.kolada_id]
    if kolada:
        page.goal.organ.municipality = municipality  # figures_for reads the municipality's Kolada ids
    figures = figures_for(kolada, visible=visible) if kolada else {}
    for indicator in page.indicators:
        if indicator.pk in figures:
            indicator.figures = figures[indicator.pk]
            indicator.chart = figures_chart(indicator.figures)
            continue
        targets = visible_targets(indicator, [(t.year, t.value) for t in indicator.targets.all()], visible)
        indicator.figures = None
        indicator.figure_rows = _figure_rows(indicator, dict(targets))
        indicator.chart = line_chart(
            [(v.year, v.value) for v in indicator.values.all()],
            targets,
            title=_("%(indicator)s: utfall och målvärden") % {"indicator": indicator.title},
            unit=indicator.unit,
            direction=indicator.direction,
            chart_id=f"diagram-{indicator.pk}",
        )


def goal(request, pk):
    municipality = municipality_or_404(request)
    visible = permissions.visibility(request.user)
    page = queries.goal_page(municipality, pk, visible)
    if page is None:
        if Goal.objects.filter(organ__municipality=municipality, pk=pk).exists():
            return refuse_unseen(request)
        raise Http404(_("Målet finns inte."))
    _indicator_charts(page, municipality, visible)
    user = request.user
    may = {
        "edit_goal": permissions.can_edit_goal(user, page.goal),
        "edit_indicators": {i.pk for i in page.indicators if permissions.can_edit_indicator(user, i)},
        "edit_assignments": {a.pk for a in page.assignments if permissions.can_edit_assignment(user, a)},
    }
    context = {
        "assignment_rows": assignment_rows(page.assignments, page.goal.year, may),
        "page": page,
        "goal": page.goal,
        "year": page.goal.year,
        "may": may,
        "versions": versions.version_context(page.goal, permissions.visibility(user)),
    }
    return render(request, "steering/goal.html", context)


# The parts of the goal form that htmx re-renders alone: the fields that follow the target area, and the
# Agenda 2030 targets that follow the chosen goals (GET with ?part=; the same view, the same form).
GOAL_FORM_PARTS = {
    "area": "steering/edit/_goal_area_fields.html",
    "sdg": "steering/edit/_goal_sdg_targets.html",
}


def _chosen(request) -> dict | None:
    """On a GET, the values chosen so far that a re-render of part of the goal form follows."""
    return GoalForm.chosen_from(request.GET) if request.method == "GET" else None


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
    form = GoalForm(
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


@login_required
def goal_edit(request, pk):
    goal = goal_or_404(pk)
    require(permissions.can_edit_goal(request.user, goal), _not_allowed_goals(goal.organ))
    if frozen := refused_by(request, lambda: services.refuse_if_decided(goal), goal.get_absolute_url()):
        return frozen  # a decided goal changes through a new version (the button on its page)
    heading = str(goal)
    form = GoalForm(
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
    goal = goal_or_404(pk)
    if not request.user.is_authenticated:
        return redirect_to_login(goal.get_absolute_url())
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    require(permissions.can_edit_goal(request.user, goal), _not_allowed_goals(goal.organ))
    form = GoalStatusForm(request.POST)
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


@login_required
def goal_delete(request, pk):
    goal = goal_or_404(pk)
    if not permissions.can_edit_goal(request.user, goal):
        raise PermissionDenied(_("Du har inte behörighet att ta bort målet ”%(goal)s”.") % {"goal": goal})
    return confirm_delete(
        request,
        delete=lambda: services.goal_delete(actor=request.user, goal=goal),
        back=reverse("steering:goal", args=[goal.pk]),
        refuse=lambda: services.refuse_if_decided(goal),
        done=reverse("steering:organ", args=[goal.organ.slug]) + f"?year={goal.year}",
        success=_("Målet ”%(goal)s” är borttaget.") % {"goal": goal.title},
        heading=_("Ta bort målet ”%(goal)s”?") % {"goal": goal.title},
        button=_("Ta bort målet"),
    )


@login_required
@require_POST
def goal_new_version(request, pk):
    goal = goal_or_404(pk)
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
def goal_indicator_create(request, pk):
    """Add an indicator to a goal (its organ's editors; not to a decided goal, whose indicators change
    with a new version of the goal), with the Kolada catalogue search."""
    goal = goal_or_404(pk)
    require(permissions.can_edit_goal(request.user, goal), not_allowed(goal.organ))
    if frozen := refused_by(request, lambda: services.refuse_if_decided(goal), goal.get_absolute_url()):
        return frozen  # a decided goal's indicators change with a new version of the goal
    catalogue = create_form_context(request)  # the Kolada search and a KPI chosen from it
    form = IndicatorForm(
        request.POST if request.method == "POST" else None, **catalogue.pop("form_kwargs", {})
    )
    if form.is_bound and form.is_valid():
        try:
            indicator = indicator_services.indicator_create(
                actor=request.user, organ=goal.organ, goal=goal, **form.service_values()
            )
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("Nyckeltalet ”%(item)s” är sparat.") % {"item": indicator})
            return back_to_goal(indicator)
    return render(
        request,
        "indicators/indicator_form.html",
        {"form": form, "goal": goal, "goal_pk": goal.pk, "indicator": None, **catalogue},
    )
