"""The settings the type check (mypy's Django plugin, ``make lint``) loads the project with.

The plugin reads each model's managers from the running project. django-modeltranslation
replaces the managers of translated models with classes it makes at run time, which the plugin
cannot find in the source, so ``Partnership.objects`` would be typed as any record's. Without
the translation registrations (and the admin, whose classes need them) the models keep the
managers their source declares. Never used to serve or test Samverka.
"""

from samverka.settings import *  # noqa: F403 - the project's settings, less the two below
from samverka.settings import INSTALLED_APPS

MODELTRANSLATION_ENABLE_REGISTRATIONS = False
INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "django.contrib.admin"]
