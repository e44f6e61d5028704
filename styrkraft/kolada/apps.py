from django.apps import AppConfig


class KoladaConfig(AppConfig):
    name = "styrkraft.kolada"
    label = "kolada"
    verbose_name = "Kolada"
