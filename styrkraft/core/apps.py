from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "styrkraft.core"
    label = "core"
    verbose_name = "Styrkraft"
