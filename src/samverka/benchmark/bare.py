"""The bare floor of ``samverka bench``: a one-file Django application, one view, no middleware,
no database, served by gunicorn with the same settings as ``samverka serve``
(``samverka.core.gunicorn_conf``: threaded workers, keep-alive). What any Django page costs at
least on this machine; the benchmark divides by it.

``python -m gunicorn --config python:samverka.core.gunicorn_conf samverka.benchmark.bare:application``
"""

from typing import Any

import django
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpRequest, HttpResponse
from django.urls import path


def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Hej", content_type="text/plain; charset=utf-8")


urlpatterns = [path("", hello)]


def __getattr__(name: str) -> Any:
    """``application``, configured when gunicorn asks for it: importing the module (as every module
    of the project is imported by the tests) configures nothing."""
    if name != "application":
        raise AttributeError(name)
    settings.configure(
        DEBUG=False,
        ALLOWED_HOSTS=["127.0.0.1", "localhost"],
        ROOT_URLCONF=__name__,
        MIDDLEWARE=[],
        INSTALLED_APPS=[],
        SECRET_KEY="the-bare-floor-signs-nothing",  # noqa: S106 -- nothing is signed: no sessions, no forms
        USE_I18N=False,
    )
    django.setup()
    return get_wsgi_application()
