from django.urls import path

from styrkraft.steering.views import assignments, chain, documents, goals, my_work, plan_year

app_name = "steering"

urlpatterns = [
    # The chain as a whole (views/chain.py)
    path("", chain.chain, name="chain"),
    path("vem-kor/", chain.responsibility, name="responsibility"),
    path("organ/<slug:slug>/", chain.organ, name="organ"),
    # Mitt arbete: a signed-in user's organs and what they have to do (views/my_work.py)
    path("mitt-arbete/", my_work.my_work, name="my_work"),
    # Goals: the page, editing, status, deleting (soft: an administrator restores on the page Borttaget)
    # and a new version of a decided goal (views/goals.py)
    path("mal/<int:pk>/", goals.goal, name="goal"),
    path("organ/<slug:slug>/mal/nytt/", goals.goal_create, name="goal_create"),
    path("mal/<int:pk>/andra/", goals.goal_edit, name="goal_edit"),
    path("mal/<int:pk>/status/", goals.goal_status, name="goal_status"),
    path("mal/<int:pk>/ta-bort/", goals.goal_delete, name="goal_delete"),
    path("mal/<int:pk>/ny-version/", goals.goal_new_version, name="goal_new_version"),
    path("mal/<int:pk>/nyckeltal/nytt/", goals.goal_indicator_create, name="goal_indicator_create"),
    # Assignments: the page, editing, deleting, records states (utkast ⇄ upprättad), the decision and a
    # new version (views/assignments.py)
    path("uppdrag/<int:pk>/", assignments.assignment, name="assignment"),
    path("organ/<slug:slug>/uppdrag/nytt/", assignments.assignment_create, name="assignment_create"),
    path("uppdrag/<int:pk>/andra/", assignments.assignment_edit, name="assignment_edit"),
    path("uppdrag/<int:pk>/ta-bort/", assignments.assignment_delete, name="assignment_delete"),
    path("uppdrag/<int:pk>/lage/", assignments.assignment_state, name="assignment_state"),
    path("uppdrag/<int:pk>/beslut/", assignments.assignment_decide, name="assignment_decide"),
    path("uppdrag/<int:pk>/ny-version/", assignments.assignment_new_version, name="assignment_new_version"),
    # Steering documents: their page, editing, deleting, records states, decision and a new version
    # (views/documents.py)
    path("styrdokument/<int:pk>/", documents.document, name="document"),
    path("organ/<slug:slug>/styrdokument/nytt/", documents.document_create, name="document_create"),
    path("styrdokument/<int:pk>/andra/", documents.document_edit, name="document_edit"),
    path("styrdokument/<int:pk>/ta-bort/", documents.document_delete, name="document_delete"),
    path("styrdokument/<int:pk>/lage/", documents.document_state, name="document_state"),
    path("styrdokument/<int:pk>/beslut/", documents.document_decide, name="document_decide"),
    path("styrdokument/<int:pk>/ny-version/", documents.document_new_version, name="document_new_version"),
    # Deciding a plan year (views/plan_year.py)
    path("organ/<slug:slug>/beslut/", plan_year.plan_year_decide, name="plan_year_decide"),
]
