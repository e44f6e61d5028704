from django.urls import path

from styrkraft.core import views

app_name = "core"

urlpatterns = [
    path("historik/<str:item_type>/<str:item_id>/", views.item_history, name="history"),
    path("logg/", views.log, name="log"),
]
