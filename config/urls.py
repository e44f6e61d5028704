from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("konto/logga-in/", auth_views.LoginView.as_view(), name="login"),
    path("konto/logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("styrkraft.org.urls")),
    path("", include("styrkraft.trail.urls")),
    path("", include("styrkraft.indicators.urls")),
    path("", include("styrkraft.steering.urls")),
]

# OpenID Connect single sign-on only when a client id is configured (docs/deploy.md).
if settings.OIDC_RP_CLIENT_ID:
    urlpatterns.insert(2, path("oidc/", include("mozilla_django_oidc.urls")))

# The error pages, in the site's layout and the visitor's language (config/views.py).
handler400 = "config.views.bad_request"
handler403 = "config.views.permission_denied"
handler404 = "config.views.page_not_found"
handler500 = "config.views.server_error"
