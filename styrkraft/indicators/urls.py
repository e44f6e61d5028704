from django.urls import path

from styrkraft.indicators.views import figures, imports, indicators, kpi

app_name = "indicators"

urlpatterns = [
    # An indicator: its page, adding, changing and deleting it (views/indicators.py)
    path("nyckeltal/<int:pk>/", indicators.indicator_page, name="detail"),
    path("nyckeltal/<int:pk>/andra/", indicators.indicator_edit, name="edit"),
    path("nyckeltal/<int:pk>/ta-bort/", indicators.indicator_delete, name="delete"),
    # Its values and targets, and the records state of the targets: utkast ⇄ upprättade, the decision and
    # a new version (views/figures.py)
    path("nyckeltal/<int:pk>/varden/", figures.indicator_figures, name="figures"),
    path("nyckeltal/<int:pk>/malvarden/lage/", figures.targets_state, name="targets_state"),
    path("nyckeltal/<int:pk>/malvarden/beslut/", figures.targets_decide, name="targets_decide"),
    path("nyckeltal/<int:pk>/malvarden/ny-version/", figures.targets_new_version, name="targets_new_version"),
    # Importing values and targets from a file (views/imports.py), for one indicator or a whole organ
    path("nyckeltal/<int:pk>/importera/", imports.indicator_import, name="import"),
    path("nyckeltal/<int:pk>/importera/mall.csv", imports.indicator_import_template, name="import_template"),
    path("organ/<slug:slug>/nyckeltal/importera/", imports.organ_import, name="organ_import"),
    path(
        "organ/<slug:slug>/nyckeltal/importera/mall.csv",
        imports.organ_import_template,
        name="organ_import_template",
    ),
    # Searching Kolada's KPI catalogue from the new-indicator form (views/kpi.py)
    path("nyckeltal/kolada-sok/", kpi.kpi_search_view, name="kpi_search"),
]
