from django.urls import path

from styrkraft.trail.views import deleted, history

app_name = "core"

urlpatterns = [
    path("historik/<str:item_type>/<str:item_id>/", history.item_history, name="history"),
    path("logg/", history.log, name="log"),
    path("borttaget/", deleted.deleted, name="deleted"),
    path("borttaget/<str:item_type>/<int:pk>/aterstall/", deleted.restore, name="restore"),
]
