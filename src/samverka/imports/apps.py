from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "samverka.imports"
    verbose_name = _("Imports")

    def ready(self):
        from samverka.imports import signals  # noqa: PLC0415 - app ready: the receivers need the loaded models

        signals.connect()
