"""The flows of the pages that need the organs: the municipality the site shows (`municipality_or_404`),
an organ of it by its short name (`organ_or_404`), and the page where an administrator records the
decision on one item (`decide_page`: an assignment, an indicator's targets), configured per model by
the views."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from styrkraft.core.records import RecordState
from styrkraft.org.forms.decisions import ItemDecideForm
from styrkraft.org.models import Organ
from styrkraft.org.queries import current_municipality


def municipality_or_404(request):
    """The municipality the site shows; 404 when none is loaded."""
    municipality = current_municipality(request)
    if municipality is None:
        raise Http404(_("Ingen kommun är inläst."))
    return municipality


def organ_or_404(request, slug: str) -> Organ:
    """An organ of the municipality the site shows."""
    municipality = current_municipality(request)
    organ = (
        Organ.objects.select_related("municipality", "parent")
        .filter(municipality=municipality, slug=slug)
        .first()
    )
    if organ is None:
        raise Http404(_("Det finns inget organ med kortnamnet ”%(slug)s”.") % {"slug": slug})
    return organ


def not_decidable(instance, state: str) -> str:
    """Why the item cannot be decided now ("" when it can): shown above the decision form, which the
    service refuses with the same words."""
    if state == RecordState.DECIDED:
        return _("”%(item)s” är redan beslutat.") % {"item": instance}
    if state != RecordState.READY:
        return _("”%(item)s” måste vara upprättat innan det kan beslutas.") % {"item": instance}
    return ""


def decide_page(
    request, *, item, organ, decide, success, state, heading, kind, explanation, back_url, action_url
):
    """The page where an administrator records the decision on one item (an assignment, an indicator's
    targets): the form, the service call through it (refusals and conflicts on the form), and on success
    a message and back to the item. `decide(item, actor=..., body=..., ...)` calls the service; `state`
    gives the item's (state, label)."""
    form = ItemDecideForm(
        request.POST if request.method == "POST" else None, organ=organ, version=item.version
    )
    if form.is_bound and form.is_valid() and form.save_through(decide, actor=request.user, item=item):
        messages.success(request, success(item))
        return redirect(back_url)
    if form.conflict_current is not None:
        item = form.conflict_current
    current, label = state(item)
    context = {
        "form": form,
        "heading": heading,
        "kind": kind,
        "state_label": label,
        "state": current,
        "not_decidable": not_decidable(item, current),  # the service's words
        "explanation": explanation,
        "back_url": back_url,
        "action_url": action_url,
        "submit_label": _("Registrera beslutet"),
    }
    return render(request, "steering/edit/item_decide_form.html", context)
