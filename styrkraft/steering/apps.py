from django.apps import AppConfig


class SteeringConfig(AppConfig):
    name = "styrkraft.steering"
    label = "steering"
