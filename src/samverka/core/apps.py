from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "samverka.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from samverka.core import registry, signals  # noqa: PLC0415 - app ready: they read the loaded models

        signals.connect()
        registry.discover()
        post_migrate.connect(signals.analyse_after_migrate, sender=self, dispatch_uid="samverka-analyse")
