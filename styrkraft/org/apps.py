from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "styrkraft.org"
    label = "org"
