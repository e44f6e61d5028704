from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "styrkraft.org"
    label = "org"

    def ready(self):
        from styrkraft.org import signals  # noqa: F401 (connects the receivers)
