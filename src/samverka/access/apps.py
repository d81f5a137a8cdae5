from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    """Who gets in: invitations of partner representatives (and, as it grows, log-in and SSO)."""

    name = "samverka.access"
    label = "access"
    verbose_name = _("Access")

    def ready(self):
        from samverka.access import checks, signals  # noqa: F401, PLC0415 - app ready: registers the checks, connects the receivers
