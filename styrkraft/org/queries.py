"""Reads of the organisation that every app needs."""

from django.conf import settings

from styrkraft.org.models import Municipality


def current_municipality(request=None) -> Municipality | None:
    """The one municipality the site shows: settings.STYRKRAFT_MUNICIPALITY (a slug) when set, else the
    first by id. None when none is loaded. With a request, the answer is kept on it, so the view and
    the template context share one query."""
    if request is not None and hasattr(request, "_styrkraft_municipality"):
        return request._styrkraft_municipality
    slug = getattr(settings, "STYRKRAFT_MUNICIPALITY", "")
    if slug:
        found = Municipality.objects.filter(slug=slug).first()
    else:
        found = Municipality.objects.order_by("id").first()
    if request is not None:
        request._styrkraft_municipality = found
    return found
