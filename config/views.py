"""Views of the project as a whole (not of one app): the error pages and the refusals Django and
django-axes answer with."""

import logging
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import Http404, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import Resolver404
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme

logger = logging.getLogger(__name__)

# get_object_or_404's message names a model in English ("No Goal matches the given query."): not for
# visitors. Our own views raise Http404 with a Swedish sentence that says what is missing.
_DJANGO_NOT_FOUND = re.compile(r"^No .* matches the given query\.$")

# What a visitor gets when even the 500 template cannot be rendered: no template, no database.
_LAST_RESORT = (
    '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Serverfel – Styrkraft</title></head>'
    "<body><main><h1>Något gick fel</h1><p>Ett oväntat fel uppstod på servern. Försök igen om en stund.</p>"
    '<p><a href="/">Till startsidan</a></p></main></body></html>'
)


def _back_url(request) -> str:
    """The page the visitor came from (Referer) when it is a page of this site other than this one; ""
    otherwise. Browsers send it within the site (Referrer-Policy: same-origin)."""
    referer = request.META.get("HTTP_REFERER", "")
    try:
        host = request.get_host()
    except DisallowedHost:  # the very reason for a 400 page
        return ""
    if not url_has_allowed_host_and_scheme(referer, allowed_hosts={host}, require_https=request.is_secure()):
        return ""
    return "" if urlsplit(referer).path == request.path else referer


def _error_page(request, template: str, status: int, context: dict | None = None):
    return render(request, template, {"back_url": _back_url(request), **(context or {})}, status=status)


def bad_request(request, exception):
    """handler400: a malformed request or an unknown host name."""
    return _error_page(request, "400.html", 400)


def permission_denied(request, exception):
    """handler403: saying why, when the refusal gives a reason (core/refusals.py)."""
    return _error_page(request, "403.html", 403, {"exception": str(exception)})


def page_not_found(request, exception):
    """handler404: with the view's own reason ("Målet finns inte.") when it gave one."""
    reason = ""
    if isinstance(exception, Http404) and not isinstance(exception, Resolver404) and exception.args:
        message = exception.args[0]
        if isinstance(message, str) and not _DJANGO_NOT_FOUND.match(message):
            reason = message
    return _error_page(request, "404.html", 404, {"reason": reason})


def server_error(request):
    """handler500. Whatever failed (the database, a context processor, a middleware) may fail again, so
    the page is a template of its own that needs no context processor, no database and no session, in
    the visitor's language as their browser or language cookie asks; and this view never raises."""
    try:
        language = translation.get_language_from_request(request)
        with translation.override(language):
            html = loader.get_template("500.html").render({"back_url": _back_url(request)})
        return HttpResponseServerError(html)
    except Exception:
        logger.exception("The 500 page could not be rendered")
        return HttpResponseServerError(_LAST_RESORT)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a forged or outdated form (e.g. sent after the session ended) is refused with
    a page in plain Swedish instead of Django's English one."""
    return _error_page(request, "403_csrf.html", 403, {"reason": reason})


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
