"""Refusals a view answers with. An item that exists but that the user may not see (a draft, or
material that is not public): a visitor is sent to sign in, since the item may be theirs to see once
signed in; a signed-in user without a role on the organ gets 403 with the reason. An item that may not
change (decided or replaced): its edit page redirects to the item's page, saying why."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _


def refuse_unseen(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied(
        _(
            "Det här är ett utkast eller material som inte är offentligt. Det syns för dem som har en roll "
            "i organet."
        )
    )


def refused_by(request, refuse, back: str):
    """The edit page of something that may not change (a decided or replaced item) is not served: run
    `refuse()`, a service's own check that raises ValidationError saying why; when it refuses, the
    reasons become messages and the answer (to GET and POST alike) is a redirect to `back`, the item's
    page. None when the change is allowed."""
    try:
        refuse()
    except ValidationError as exc:
        report_refusal(request, exc)
        return redirect(back)
    return None


def report_refusal(request, exc: ValidationError) -> None:
    """A service's refusal (a ValidationError) as error messages on the next page, one per reason."""
    for message in exc.messages:
        messages.error(request, message)
