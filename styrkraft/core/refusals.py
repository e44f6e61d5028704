"""The answer to a request for an item that exists but that the user may not see (a draft, or
material that is not public): a visitor is sent to sign in, since the item may be theirs to see once
signed in; a signed-in user without a role on the organ gets 403 with the reason."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
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
