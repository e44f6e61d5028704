from django.urls import path

from styrkraft.steering import (
    views,
    views_decide,
    views_delete,
    views_documents,
    views_edit,
    views_my_work,
    views_states,
    views_versions,
)

app_name = "steering"

urlpatterns = [
    # Reading (views.py)
    path("", views.chain, name="chain"),
    path("vem-kor/", views.responsibility, name="responsibility"),
    path("organ/<slug:slug>/", views.organ, name="organ"),
    path("mal/<int:pk>/", views.goal, name="goal"),
    path("uppdrag/<int:pk>/", views.assignment, name="assignment"),
    # Mitt arbete: a signed-in user's organs and what they have to do (views_my_work.py)
    path("mitt-arbete/", views_my_work.my_work, name="my_work"),
    # Editing (views_edit.py)
    path("organ/<slug:slug>/mal/nytt/", views_edit.goal_create, name="goal_create"),
    path("mal/<int:pk>/andra/", views_edit.goal_edit, name="goal_edit"),
    path("mal/<int:pk>/status/", views_edit.goal_status, name="goal_status"),
    path("organ/<slug:slug>/uppdrag/nytt/", views_edit.assignment_create, name="assignment_create"),
    path("uppdrag/<int:pk>/andra/", views_edit.assignment_edit, name="assignment_edit"),
    # Deleting (views_delete.py): soft delete, an administrator restores on the page Borttaget
    path("mal/<int:pk>/ta-bort/", views_delete.goal_delete, name="goal_delete"),
    path("uppdrag/<int:pk>/ta-bort/", views_delete.assignment_delete, name="assignment_delete"),
    # A new version of a decided goal, assignment or steering document (views_versions.py)
    path("mal/<int:pk>/ny-version/", views_versions.goal_new_version, name="goal_new_version"),
    path(
        "uppdrag/<int:pk>/ny-version/", views_versions.assignment_new_version, name="assignment_new_version"
    ),
    path(
        "styrdokument/<int:pk>/ny-version/", views_versions.document_new_version, name="document_new_version"
    ),
    # Records states of assignments: utkast ⇄ upprättad, and the decision (views_states.py)
    path("uppdrag/<int:pk>/lage/", views_states.assignment_state, name="assignment_state"),
    path("uppdrag/<int:pk>/beslut/", views_states.assignment_decide, name="assignment_decide"),
    # Steering documents: their page, editing, deleting, records states and decision (views_documents.py)
    path("styrdokument/<int:pk>/", views_documents.document, name="document"),
    path("organ/<slug:slug>/styrdokument/nytt/", views_documents.document_create, name="document_create"),
    path("styrdokument/<int:pk>/andra/", views_documents.document_edit, name="document_edit"),
    path("styrdokument/<int:pk>/ta-bort/", views_documents.document_delete, name="document_delete"),
    path("styrdokument/<int:pk>/lage/", views_documents.document_state, name="document_state"),
    path("styrdokument/<int:pk>/beslut/", views_documents.document_decide, name="document_decide"),
    # Deciding a plan year (views_decide.py)
    path("organ/<slug:slug>/beslut/", views_decide.plan_year_decide, name="plan_year_decide"),
]
