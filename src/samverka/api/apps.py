from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The REST API (/api/v1/): the same records, through the same policy layer as the workspace."""

    name = "samverka.api"
    label = "api"
    verbose_name = _("API")
