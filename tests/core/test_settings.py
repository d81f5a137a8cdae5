"""Configuration, health check, production mode and the console script."""

import json
import os
import subprocess
import sys

import pytest
from django.urls import reverse


def run_samverka(*args, env_extra, tmp_path):
    skip = {
        "DATABASE_URL",
        "SECRET_KEY",
        "DEBUG",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "DJANGO_SETTINGS_MODULE",
    }
    env = {k: v for k, v in os.environ.items() if k not in skip}
    env.update({"SAMVERKA_DATA_DIR": str(tmp_path), **env_extra})
    return subprocess.run(
        [sys.executable, "-m", "samverka", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_healthz_reports_the_database(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert "no-cache" in response["Cache-Control"]


def test_production_settings_pass_the_deploy_check(tmp_path):
    result = run_samverka(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_extra={
            "SAMVERKA_ENV": "production",
            "SECRET_KEY": "x7#kq2!vL9@pR4$wT8^zN1&bM6*cF3(hJ5)dS0_gY-eU+iO=aQ",
            "ALLOWED_HOSTS": "samverka.example.se",
        },
        tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"SAMVERKA_ENV": "production", "ALLOWED_HOSTS": "x.se"},
            "SECRET_KEY is required in production",
        ),
        (
            {"SAMVERKA_ENV": "production", "SECRET_KEY": "k" * 50},
            "ALLOWED_HOSTS is required in production",
        ),
        ({"SAMVERKA_ENV": "staging"}, "SAMVERKA_ENV must be development or production"),
        ({"DEBUG": "maybe"}, "DEBUG must be true or false"),
        (
            {"SAMVERKA_SSO_AFFILIATION_ROLES": "employee:staff,faculty"},
            "SAMVERKA_SSO_AFFILIATION_ROLES must be key:value pairs",
        ),
    ],
)
def test_bad_configuration_fails_loudly(tmp_path, env, message):
    result = run_samverka("check", env_extra=env, tmp_path=tmp_path)
    assert result.returncode != 0
    assert message in result.stderr


def test_development_secret_key_is_generated_once_and_kept(tmp_path):
    from samverka.lib.secret import load_or_create_secret_key

    path = tmp_path / "secret_key"
    first = load_or_create_secret_key(path)
    assert len(first) >= 50
    assert load_or_create_secret_key(path) == first
    assert oct(path.stat().st_mode & 0o777) == "0o600"


@pytest.mark.own_installation  # an SQLite installation of its own: run once, in the SQLite pass (.ci/run)
def test_demo_creates_no_accounts_in_production(tmp_path):
    env = {
        "SAMVERKA_ENV": "production",
        "SECRET_KEY": "x7#kq2!vL9@pR4$wT8^zN1&bM6*cF3(hJ5)dS0_gY-eU+iO=aQ",
        "ALLOWED_HOSTS": "x.se",
        "SECURE_SSL_REDIRECT": "false",
    }
    assert run_samverka("migrate", "-v0", env_extra=env, tmp_path=tmp_path).returncode == 0
    result = run_samverka("demo", env_extra=env, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "no demo accounts" in result.stdout
    users = run_samverka(
        "shell",
        "-c",
        "from django.contrib.auth.models import User; print(User.objects.count())",
        env_extra=env,
        tmp_path=tmp_path,
    )
    assert users.stdout.strip().splitlines()[-1] == "0"
    # The default database is an SQLite file in the data folder, in WAL mode.
    mode = run_samverka(
        "shell",
        "-c",
        "from django.db import connection as c; k = c.cursor(); "
        "k.execute('PRAGMA journal_mode'); print(k.fetchone()[0])",
        env_extra=env,
        tmp_path=tmp_path,
    )
    assert mode.stdout.strip().splitlines()[-1] == "wal"
    assert (tmp_path / "samverka.sqlite3").exists()


def test_login_page_and_redirect(client, coordinator):
    response = client.post(reverse("login"), {"username": "coordinator", "password": "correct horse battery"})
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:start")
    from django.test import Client

    wrong = Client().post(reverse("login"), {"username": "coordinator", "password": "fel"})
    assert "Användarnamnet eller lösenordet är fel" in wrong.content.decode()


@pytest.mark.own_installation  # an SQLite installation of its own: run once, in the SQLite pass (.ci/run)
def test_each_database_has_its_own_cache_keys(tmp_path):
    """Two databases never share cached pages, even in one Redis or one data folder."""
    code = "from django.conf import settings; print(settings.CACHES['default']['KEY_PREFIX'])"
    prefixes = [
        run_samverka(
            "shell",
            "-c",
            code,
            tmp_path=tmp_path,
            env_extra={"SAMVERKA_CACHE": "file", "DATABASE_URL": f"sqlite:///{tmp_path / name}"},
        ).stdout.split()[-1]
        for name in ("one.sqlite3", "two.sqlite3", "one.sqlite3")
    ]
    assert prefixes[0] == prefixes[2]
    assert prefixes[0] != prefixes[1]
    assert prefixes[0].startswith("samverka-")


@pytest.mark.django_db(transaction=True)  # migrations change the schema
def test_migrate_refreshes_the_planner_statistics():
    """New indexes get statistics at once (core.signals.analyse_after_migrate)."""
    from django.core.management import call_command
    from django.db import connection

    from tests import factories as f

    f.ActivityFactory.create_batch(3)
    # Take the latest activity migration back and apply it again: a migrate that changes something.
    call_command("migrate", "activities", "0002", verbosity=0)
    # every app forward again: going back unapplied the migrations that depend on the activity's
    # (follow-up, ideas), and the tests after this one in the worker need their tables
    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT stat FROM sqlite_stat1 WHERE idx = 'activity_list_order'")
            assert cursor.fetchone()[0].startswith("3 ")  # three rows counted
        else:
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'activities_activity'")
            assert cursor.fetchone()[0] == 3


@pytest.mark.parametrize(
    ("env_extra", "backend"),
    [
        ({}, "django.core.cache.backends.locmem.LocMemCache"),
        ({"SAMVERKA_CACHE": "file"}, "django.core.cache.backends.filebased.FileBasedCache"),
        ({"REDIS_URL": "redis://127.0.0.1:6379/3"}, "django.core.cache.backends.redis.RedisCache"),
    ],
)
def test_the_cache_backend_follows_the_environment(tmp_path, env_extra, backend):
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    done = run_samverka("shell", "-c", code, tmp_path=tmp_path, env_extra={"REDIS_URL": "", **env_extra})
    assert done.stdout.split()[-1] == backend


def test_an_unknown_cache_kind_is_refused(tmp_path):
    done = run_samverka("check", tmp_path=tmp_path, env_extra={"REDIS_URL": "", "SAMVERKA_CACHE": "memcache"})
    assert done.returncode != 0
    assert "SAMVERKA_CACHE must be locmem or file, not 'memcache'" in done.stderr
