"""Views of the project as a whole (not of one app)."""

from django.conf import settings
from django.shortcuts import render


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a forged or outdated form (e.g. sent after the session ended) is refused with
    a page in plain Swedish instead of Django's English one."""
    return render(request, "403_csrf.html", {"reason": reason}, status=403)


def lockout(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the sign-in refused after too many failures (429), saying for how long."""
    return render(
        request,
        "registration/lockout.html",
        {
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        },
        status=429,
    )
