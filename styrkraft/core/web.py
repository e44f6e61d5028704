"""The flows every editing page shares, written once and configured per model by the views: who may act
(`require`), a service's refusal as messages (`report_refusal`, `run_service`), the records-state button
(`change_state`), the confirmation page of a deletion (`confirm_delete`) and the button "Ny version"
(`new_version`). The decision page needs the organs and lives with them (styrkraft.org.web)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from styrkraft.core.editing import RecordStateForm
from styrkraft.core.refusals import refused_by, report_refusal
from styrkraft.core.services import ConflictError


def require(allowed: bool, message: str) -> None:
    """Refuse with 403 and a message saying why (the caller has already required a signed-in user)."""
    if not allowed:
        raise PermissionDenied(message)


def run_service(request, call, done: str) -> None:
    """Call a service; its refusal (a ValidationError, or a ConflictError when someone else saved first)
    becomes error messages, its success the message `done`."""
    try:
        call()
    except ConflictError as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        report_refusal(request, exc)
    else:
        messages.success(request, done)


def change_state(request, *, service, back: str, done: dict, **item):
    """Call a set-state service with the state and version posted by the button; its refusal (a
    ValidationError, or a ConflictError when someone else saved first) comes back as a message on
    `back`, the item's page. `done` holds the success message per state."""
    form = RecordStateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Läget kunde inte ändras: okänt läge."))
        return redirect(back)
    state = form.cleaned_data["state"]
    run_service(
        request,
        lambda: service(
            actor=request.user, state=state, expected_version=form.cleaned_data["version"], **item
        ),
        done[state],
    )
    return redirect(back)


def confirm_delete(
    request, *, delete, back: str, done: str, success: str, heading: str, button: str, refuse=None
):
    """The confirmation page (GET) and the deletion (POST) of one item. `delete()` calls its service,
    whose refusal comes back as a message on `back`, the item's page; a deletion says `success` on
    `done`, the page the item was listed on. `refuse()`, the service's check for a frozen item, sends
    the confirmation page of a decided item back to `back` too."""
    if request.method == "POST":
        if refused := refused_by(request, delete, back):
            return refused
        messages.success(request, success)
        return redirect(done)
    if refuse is not None and (frozen := refused_by(request, refuse, back)):
        return frozen
    context = {"heading": heading, "action": request.path, "cancel": back, "button": button}
    return render(request, "core/confirm_delete.html", context)


def new_version(request, item, *, allowed: bool, refusal: str, start, page: str, done: str):
    """Start a new version of `item` through `start(actor, item)`; refusals come back as messages on the
    item's page, success goes to the new version's page."""
    require(allowed, refusal)
    try:
        new = start(request.user, item)
    except ValidationError as exc:
        report_refusal(request, exc)
        return redirect(page, pk=item.pk)
    messages.success(request, done)
    return redirect(page, pk=new.pk)
