from django.urls import path

from styrkraft.indicators import views, views_delete, views_import, views_kpi, views_states
from styrkraft.indicators.views_page import indicator_page

app_name = "indicators"

urlpatterns = [
    path("mal/<int:goal_pk>/nyckeltal/nytt/", views.indicator_create, name="create"),
    path("nyckeltal/<int:pk>/", indicator_page, name="detail"),
    path("nyckeltal/<int:pk>/andra/", views.indicator_edit, name="edit"),
    path("nyckeltal/<int:pk>/varden/", views.indicator_figures, name="figures"),
    path("nyckeltal/<int:pk>/ta-bort/", views_delete.indicator_delete, name="delete"),
    # The records state of the targets: utkast ⇄ upprättade, the decision and a new version (views_states.py)
    path("nyckeltal/<int:pk>/malvarden/lage/", views_states.targets_state, name="targets_state"),
    path("nyckeltal/<int:pk>/malvarden/beslut/", views_states.targets_decide, name="targets_decide"),
    path(
        "nyckeltal/<int:pk>/malvarden/ny-version/",
        views_states.targets_new_version,
        name="targets_new_version",
    ),
    # Importing values and targets from a file (views_import.py), for one indicator or a whole organ
    path("nyckeltal/<int:pk>/importera/", views_import.indicator_import, name="import"),
    path(
        "nyckeltal/<int:pk>/importera/mall.csv",
        views_import.indicator_import_template,
        name="import_template",
    ),
    path("organ/<slug:slug>/nyckeltal/importera/", views_import.organ_import, name="organ_import"),
    path(
        "organ/<slug:slug>/nyckeltal/importera/mall.csv",
        views_import.organ_import_template,
        name="organ_import_template",
    ),
    # Searching Kolada's KPI catalogue from the new-indicator form (views_kpi.py)
    path("nyckeltal/kolada-sok/", views_kpi.kpi_search_view, name="kpi_search"),
]
