"""What every page's frame needs: the municipality the site shows (its name and demo marking), and
whether the signed-in user may manage roles (the menu's link Roller)."""

from styrkraft.org import permissions
from styrkraft.org.queries import current_municipality


def site(request):
    user = getattr(request, "user", None)
    return {
        "site_municipality": current_municipality(request),
        # A callable: the template asks it only for a signed-in user, so anonymous pages cost no query.
        "site_can_manage_roles": lambda: permissions.can_manage_roles(user),
        # Whether to show the menu's link Logg (administrators only); roles are read once per request.
        "site_is_admin": lambda: permissions.is_admin(user),
    }
