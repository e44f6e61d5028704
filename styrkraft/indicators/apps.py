from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "styrkraft.indicators"
    label = "indicators"

    def ready(self):
        from styrkraft.indicators.kolada_series import IndicatorSeries  # models are loaded only now
        from styrkraft.kolada import followers

        followers.register(IndicatorSeries())
