"""Importing yearly values and targets from a CSV or Excel file: for one indicator
(`/nyckeltal/<pk>/importera/`) or for every indicator of an organ (`/organ/<slug>/nyckeltal/importera/`),
and a template CSV to start from, prefilled with what is stored (written by core.spreadsheet, the one
writer of spreadsheet files). fileimport reads and checks the file,
indicators.services.indicator_figures_import writes it, all or nothing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from styrkraft.core import spreadsheet
from styrkraft.core.refusals import refused_by
from styrkraft.core.web import require
from styrkraft.indicators import fileimport, forms, services
from styrkraft.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from styrkraft.indicators.views.indicators import indicator_or_404, not_allowed
from styrkraft.org import permissions
from styrkraft.org.web import organ_or_404


def _import(request, *, organ, indicator, done_url: str, context: dict):
    """The upload form; on a valid file the figures are written and the user sent to `done_url`."""
    form = forms.FiguresImportForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if form.is_bound and form.is_valid():
        upload = form.cleaned_data["fil"]
        try:
            rows = fileimport.read_figures(
                upload.name, fileimport.read_upload(upload), organ=organ, indicator=indicator
            )
            counts = services.indicator_figures_import(actor=request.user, rows=rows)
        except fileimport.ImportRefused as exc:
            form.add_problems(exc.messages)
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(
                request,
                _("Filen är importerad: %(added)s, %(changed)s och %(unchanged)s.")
                % {
                    "added": ngettext("%(n)s nytt värde", "%(n)s nya värden", counts.added)
                    % {"n": counts.added},
                    "changed": ngettext("%(n)s ändrat", "%(n)s ändrade", counts.changed)
                    % {"n": counts.changed},
                    "unchanged": ngettext("%(n)s oförändrat", "%(n)s oförändrade", counts.unchanged)
                    % {"n": counts.unchanged},
                },
            )
            return redirect(done_url)
    return render(
        request,
        "indicators/import_form.html",
        {"form": form, "organ": organ, "indicator": indicator, "limit_rows": fileimport.MAX_ROWS, **context},
    )


def _replaced(request, indicator):
    """A replaced version's indicator takes no figures: back to its page, naming the one in force."""
    return refused_by(request, lambda: services.refuse_if_replaced(indicator), indicator.get_absolute_url())


@login_required
def indicator_import(request, pk):
    indicator = indicator_or_404(pk)
    require(permissions.can_edit_indicator(request.user, indicator), not_allowed(indicator.organ))
    if replaced := _replaced(request, indicator):
        return replaced
    return _import(
        request,
        organ=indicator.organ,
        indicator=indicator,
        done_url=reverse("indicators:figures", args=[indicator.pk]),
        context={"template_url": reverse("indicators:import_template", args=[indicator.pk])},
    )


def _organ_indicators(organ):
    """The organ's indicators a file may address (not those of a replaced version of a goal), with what
    the template and the page need, in a fixed number of queries."""
    return (
        Indicator.objects.filter(organ=organ)
        .exclude(Indicator.replaced_q())
        .select_related("goal__target_area__intent__term")
        .prefetch_related(
            Prefetch("values", queryset=IndicatorValue.objects.order_by("year")),
            Prefetch("targets", queryset=IndicatorTarget.objects.order_by("year")),
        )
        .order_by("goal__year", "goal__code", "order", "id")
    )


@login_required
def organ_import(request, slug):
    organ = organ_or_404(request, slug)
    require(permissions.can_edit_organ(request.user, organ), not_allowed(organ))
    return _import(
        request,
        organ=organ,
        indicator=None,
        done_url=reverse("steering:organ", args=[organ.slug]),
        context={
            "template_url": reverse("indicators:organ_import_template", args=[organ.slug]),
            "indicators": list(_organ_indicators(organ)),
        },
    )


def _figure_rows(indicator: Indicator) -> list[list]:
    """[year, value, target] for every row of the indicator's figures table, stored figures filled in
    (as numbers: the shared writer writes them the Swedish way and never takes them for text)."""
    values = {v.year: v.value for v in indicator.values.all()}
    targets = {t.year: t.value for t in indicator.targets.all()}
    return [[year, values.get(year), targets.get(year)] for year in forms.figure_years(indicator)]


@login_required
def indicator_import_template(request, pk):
    indicator = indicator_or_404(pk)
    require(permissions.can_edit_indicator(request.user, indicator), not_allowed(indicator.organ))
    if replaced := _replaced(request, indicator):
        return replaced
    return spreadsheet.csv_response(
        f"nyckeltal-{indicator.code}.csv", ["år", "utfall", "målvärde"], _figure_rows(indicator)
    )


def _template_title(indicator: Indicator) -> str:
    """The indicator's title in the template (not read back); that of a new version of a goal not yet
    decided says so, beside the same indicator of the version in force."""
    if indicator.goal_id and indicator.goal.is_new_version:
        return _("%(title)s – ny version under arbete (%(state)s)") % {
            "title": indicator.title,
            "state": indicator.goal.get_record_state_display(),
        }
    return indicator.title


@login_required
def organ_import_template(request, slug):
    organ = organ_or_404(request, slug)
    require(permissions.can_edit_organ(request.user, organ), not_allowed(organ))
    rows = [
        [indicator.code, _template_title(indicator), *row]
        for indicator in _organ_indicators(organ)
        for row in _figure_rows(indicator)
    ]
    return spreadsheet.csv_response(
        f"nyckeltal-{organ.slug}.csv", ["nyckeltal", "titel", "år", "utfall", "målvärde"], rows
    )
