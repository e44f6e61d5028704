"""The audit trail on the site: each item's history (Ändringshistorik) and the administrators' log.

Both are reading pages: permission check (styrkraft.org.permissions) -> query -> render. The sentences
come from styrkraft.core.history."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from styrkraft.core import history, queries
from styrkraft.core.fields import id_from_text
from styrkraft.core.forms import LogFilterForm
from styrkraft.core.refusals import refuse_unseen
from styrkraft.indicators.targets import history_without_draft_targets
from styrkraft.org import permissions
from styrkraft.steering import versions

LOG_PAGE_SIZE = 50


def _item_url(item_type: str, item) -> str:
    """The item's own page."""
    if item_type == "org.organ":
        return reverse("steering:organ", args=[item.slug])
    if item_type == "steering.assignment":
        return reverse("steering:assignment", args=[item.pk])
    if item_type == "steering.steeringdocument":
        return reverse("steering:document", args=[item.pk])
    return item.get_absolute_url()


def _versions(request, item_type: str, item):
    """The history of a goal, assignment or steering document says which of its versions is in force."""
    if item_type not in ("steering.goal", "steering.assignment", "steering.steeringdocument"):
        return None
    return versions.version_context(item, permissions.visibility(request.user))


def item_history(request, item_type, item_id):
    model = history.model_for(item_type) if item_type in queries.HISTORY_TYPES else None
    if model is None:
        raise Http404(_("Det finns ingen ändringshistorik för ”%(type)s”.") % {"type": item_type})
    # The base manager sees deleted items too: their history stays readable.
    item = (
        model._base_manager.select_related(*queries.HISTORY_TYPES[item_type])
        .filter(pk=id_from_text(item_id))
        .first()
    )
    if item is None:
        raise Http404(_("Det finns ingen sådan post."))
    if not permissions.can_view_history(request.user, item):
        return refuse_unseen(request)
    records = queries.item_history(item_type, item)
    if item_type == "indicators.indicator":
        records = history_without_draft_targets(records, item, permissions.visibility(request.user))
    lines = [history.history_line(r) for r in records]
    context = {
        "item": item,
        "versions": _versions(request, item_type, item),
        "item_type_label": history.type_label(item_type),
        "item_url": _item_url(item_type, item),
        "lines": lines,
    }
    return render(request, "core/history.html", context)


@login_required
def log(request):
    if not permissions.is_admin(request.user):
        raise PermissionDenied(_("Loggen över alla ändringar är till för administratörer."))
    actors, item_types = queries.log_choices()
    form = LogFilterForm(request.GET or None, actors=actors, item_types=item_types)
    page = None
    if form.is_bound and not form.is_valid():
        records = None
    else:
        filters = form.cleaned_data if form.is_bound else {}
        records = queries.log_records(**{k: v for k, v in filters.items() if v})
        page = Paginator(records, LOG_PAGE_SIZE).get_page(request.GET.get("sida"))
        page.object_list = list(page.object_list)
        for record in page.object_list:
            record.line = history.history_line(record)
            record.type_label = history.type_label(record.item_type)
            record.has_history = record.item_type in queries.HISTORY_TYPES
    context = {"form": form, "page": page, "nav": "log"}
    return render(request, "core/log.html", context)
