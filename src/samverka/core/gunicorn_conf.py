"""gunicorn settings of ``samverka serve``, from the environment (see README, "Production server")."""

import os

from django.apps import apps

from samverka.lib.written import load_dictionaries

bind = os.environ.get("SAMVERKA_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Threads let a worker keep connections alive and overlap database waits.
threads = int(os.environ.get("SAMVERKA_THREADS", "4"))
worker_class = "gthread"
keepalive = 5
timeout = int(os.environ.get("SAMVERKA_TIMEOUT", "60"))
graceful_timeout = 20
# Loading the application before forking shares its memory between workers.
preload_app = True
accesslog = os.environ.get("SAMVERKA_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "warning").lower()
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def when_ready(server: object) -> None:
    """Before the workers are forked from the loaded application: Samverka's language dictionaries
    (``lib.written``) too, shared by the workers instead of loaded by each one's first request. The
    benchmark's bare floor (``benchmark.bare``) is served with these settings too, and needs none."""
    if apps.ready and apps.is_installed("samverka.core"):
        load_dictionaries()
