from django.urls import path

from styrkraft.steering import views

app_name = "steering"

urlpatterns = [
    path("", views.chain, name="chain"),
]
