from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "styrkraft.indicators"
    label = "indicators"
