from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "samverka.search"
    verbose_name = _("Search")

    def ready(self):
        from samverka.search import signals  # noqa: PLC0415 - app ready: the receivers need the loaded models

        signals.connect()
        post_migrate.connect(
            signals.index_after_first_migration, sender=self, dispatch_uid="search-index-once"
        )
