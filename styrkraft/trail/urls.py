from django.urls import path

from styrkraft.trail import views, views_deleted

app_name = "core"

urlpatterns = [
    path("historik/<str:item_type>/<str:item_id>/", views.item_history, name="history"),
    path("logg/", views.log, name="log"),
    path("borttaget/", views_deleted.deleted, name="deleted"),
    path("borttaget/<str:item_type>/<int:pk>/aterstall/", views_deleted.restore, name="restore"),
]
