from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "samverka.imports"
    verbose_name = _("Imports")

    def ready(self):
        from samverka.imports import signals

        signals.connect()
