"""The site's URLs and error handlers, plus one page that fails (for the tests of the 500 page)."""

from django.urls import path

from config.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


def fails(request):
    raise RuntimeError("a page that fails, for the tests of the 500 page")


urlpatterns = [path("test/fel/", fails), *urlpatterns]
