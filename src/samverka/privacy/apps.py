from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """GDPR duties: retention, a data subject's export and erasure, the record of processing."""

    name = "samverka.privacy"
    label = "privacy"
    verbose_name = _("Privacy")
