import os
import shutil
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from samverka.lib.env import env_int


class Command(BaseCommand):
    help = (
        "Serve Samverka under gunicorn for production and benchmarks: DEBUG off, static files "
        "compressed and hashed (WhiteNoise), a cache shared by the workers."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--bind", default=os.environ.get("SAMVERKA_BIND", "127.0.0.1:8000"), help="host:port"
        )
        parser.add_argument(
            "--workers", type=int, default=env_int("WEB_CONCURRENCY", 2), help="worker processes"
        )
        parser.add_argument(
            "--threads", type=int, default=env_int("SAMVERKA_THREADS", 4), help="threads per worker"
        )

    def handle(self, *args: Any, bind: str, workers: int, threads: int, **options: Any) -> None:
        if workers < 1 or threads < 1:
            raise CommandError("--workers and --threads must be at least 1.")
        env = dict(os.environ)
        env.update(
            DEBUG="false",
            SAMVERKA_BIND=bind,
            WEB_CONCURRENCY=str(workers),
            SAMVERKA_THREADS=str(threads),
            DJANGO_SETTINGS_MODULE="samverka.settings",
        )
        # Workers must share one cache, or an edit seen by one worker stays stale in another.
        if not settings.REDIS_URL and workers > 1:
            env["SAMVERKA_CACHE"] = "file"
            # This machine's cache starts empty: the database may have been restored meanwhile.
            shutil.rmtree(settings.DATA_DIR / "cache", ignore_errors=True)
        collect = [sys.executable, "-m", "samverka", "collectstatic", "--noinput", "-v0"]
        if subprocess.run(collect, env=env, check=False).returncode != 0:  # noqa: S603 - our own command
            raise CommandError("Collecting the static files failed; see the message above.")
        self.stdout.write(
            f"Serving on http://{bind}/ with gunicorn: {workers} worker(s) × {threads} thread(s), "
            f"cache: {'redis' if settings.REDIS_URL else env.get('SAMVERKA_CACHE', 'locmem')}."
        )
        sys.stdout.flush()
        gunicorn = [
            sys.executable, "-m", "gunicorn", "--config", "python:samverka.core.gunicorn_conf",
            "samverka.wsgi:application",
        ]  # fmt: skip
        os.execve(sys.executable, gunicorn, env)  # noqa: S606 - replace this process with the server
