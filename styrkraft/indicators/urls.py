from django.urls import path

from styrkraft.indicators import views, views_delete
from styrkraft.indicators.views_page import indicator_page

app_name = "indicators"

urlpatterns = [
    path("mal/<int:goal_pk>/nyckeltal/nytt/", views.indicator_create, name="create"),
    path("nyckeltal/<int:pk>/", indicator_page, name="detail"),
    path("nyckeltal/<int:pk>/andra/", views.indicator_edit, name="edit"),
    path("nyckeltal/<int:pk>/varden/", views.indicator_figures, name="figures"),
    path("nyckeltal/<int:pk>/ta-bort/", views_delete.indicator_delete, name="delete"),
]
