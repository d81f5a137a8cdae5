from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenchmarkConfig(AppConfig):
    name = "samverka.benchmark"
    verbose_name = _("Generated data and benchmark")
