from django.urls import path

from styrkraft.org.views import roles

app_name = "org"

urlpatterns = [
    path("roller/", roles.roles, name="roles"),
    path("roller/<int:pk>/ta-bort/", roles.role_revoke, name="role_revoke"),
]
