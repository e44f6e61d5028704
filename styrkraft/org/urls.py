from django.urls import path

from styrkraft.org import views

app_name = "org"

urlpatterns = [
    path("roller/", views.roles, name="roles"),
    path("roller/<int:pk>/ta-bort/", views.role_revoke, name="role_revoke"),
]
