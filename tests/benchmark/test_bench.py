"""``samverka bench``: refuses what it must not measure, and measures a served generated set end to end."""

import io
import json
import os
import subprocess
import sys
import time
import urllib.request
import uuid

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from samverka.benchmark.loadtest import percentile
from tests.conftest import free_port


@pytest.mark.parametrize(
    ("base", "message"),
    [
        ("http://example.org:8000", "127.0.0.1 / localhost only"),
        ("http://10.1.2.3", "127.0.0.1 / localhost only"),
        ("https://127.0.0.1:8000", "must be an http:// address"),
        ("127.0.0.1:8000", "must be an http:// address"),
    ],
)
def test_only_this_machine_is_measured(base, message):
    with pytest.raises(CommandError, match=message):
        call_command("bench", "--base", base)


def test_an_unreachable_server_gets_a_clear_message():
    with pytest.raises(CommandError, match=r"Cannot reach http://127\.0\.0\.1:\d+.*samverka serve"):
        call_command("bench", "--base", f"http://127.0.0.1:{free_port()}")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "--base is required"),
        (["--base", "http://127.0.0.1:1", "--repeat", "0"], "--repeat must be between 1 and 1000"),
        (["--base", "http://127.0.0.1:1", "--user", "x"], "--user needs --password"),
        (["--chart", "out.svg"], "--chart, --tables and --compare need the JSON result files"),
        (["--compare"], "--chart, --tables and --compare need the JSON result files"),
    ],
)
def test_bad_arguments_are_refused(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("bench", *args)


def test_percentile_is_nearest_rank():
    values = [float(n) for n in range(1, 101)]
    assert percentile(values, 0.95) == 95.0
    assert percentile(values, 0.5) == 50.0
    assert percentile([3.0], 0.95) == 3.0


@pytest.fixture
def smoke_database(tmp_path, django_db_blocker):
    """A database of its own for the served application: a file, or a new PostgreSQL database."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'smoke.sqlite3'}"
        return
    import psycopg

    url = os.environ["DATABASE_URL"]
    name = f"samverka_smoke_{uuid.uuid4().hex[:8]}"
    server = url.rsplit("/", 1)[0]
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield f"{server}/{name}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def test_generate_small_serve_and_bench(tmp_path, smoke_database):
    """What CI runs as a smoke test: generate the small set, serve it under gunicorn, benchmark it."""
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": smoke_database,
        "SAMVERKA_DATA_DIR": str(tmp_path / "data"),
        "SAMVERKA_QUERY_COUNT_HEADER": "1",
        "SAMVERKA_BENCH_FLOORS": "1",
        "SAMVERKA_PUBLIC_INSTITUTION": "gen-01-stockholm",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    samverka = [sys.executable, "-m", "samverka"]

    def run(*args):
        done = subprocess.run([*samverka, *args], env=env, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        return done.stdout

    run("migrate", "--noinput", "-v0")
    assert "Generated small" in run("generate", "--size", "small", "--no-progress")
    server = subprocess.Popen(
        [*samverka, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as answer:
                    assert json.load(answer)["status"] == "ok"
                break
            except OSError:
                time.sleep(0.2)
        out = tmp_path / "bench.json"
        text = run(
            "bench", "--base", f"http://127.0.0.1:{port}", "--user", "gen-samordnare",
            "--password", "samverka-demo", "--repeat", "3", "--mixed", "40", "--workers", "2",
            "--threads", "2", "--label", "small", "--json", str(out),
        )  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=20)
    report = json.loads(out.read_text())
    measured = {m["target"]["name"]: m for m in report["measurements"]}
    assert {
        "healthz (floor)", "static file (floor)", "public list sv", "public list en", "public partnership",
        "start page", "activities: first page", "activities: filtered", "activities: deep page",
        "people: deep page", "organisations: deep page", "partnerships: filtered",
        "partnership detail (largest)", "search activities", "bare Django (floor)",
        "activities: plain page (floor)", "people: plain page (floor)",
        "api activities: first page", "api people: first page",
    } <= set(measured)  # fmt: skip
    assert [name for name, m in measured.items() if m["single"]["errors"] or m["concurrent"]["errors"]] == []
    assert all(m["single"]["requests"] == 3 for m in measured.values())
    assert measured["public list sv"]["queries"] == 0  # cached
    assert measured["static file (floor)"]["queries"] == 0
    assert 0 < measured["activities: first page"]["queries"] <= 12
    assert report["mixed"]["requests"] == 40
    assert report["concurrency"] == 4
    assert measured["bare Django (floor)"]["queries"] is None  # another server, no header
    assert 0 < measured["activities: plain page (floor)"]["queries"] <= 6
    assert "Floor: bare Django (floor)" in text
    assert "activities: first page" in text.split("Lists against their plain page")[1]
    assert "Mixed read load at concurrency 4" in text
    # The chart is drawn from the results.
    chart = tmp_path / "chart.svg"
    call_command("bench", "--chart", str(chart), str(out), stdout=io.StringIO())
    assert chart.read_text().startswith("<?xml") and "p95 latency" in chart.read_text()
    tables = io.StringIO()
    call_command("bench", "--tables", str(out), stdout=tables)
    activities = measured["activities: first page"]
    assert (
        f"| activities: first page | {activities['queries']} | {activities['single']['median_ms']:.1f} |"
        in tables.getvalue()
    )
    assert "| small | " in tables.getvalue()
    assert "| activities: first page | " in tables.getvalue().split("× plain page")[1]
    # Compared with itself, every request is as fast.
    compared = io.StringIO()
    call_command("bench", "--compare", str(out), str(out), stdout=compared)
    median = activities["single"]["median_ms"]
    assert f"| activities: first page | {median:.1f} | {median:.1f} | ×1.00 |" in compared.getvalue()


def test_two_runs_are_compared_request_by_request(tmp_path):
    """``samverka bench --compare BEFORE AFTER``: the side by side of two releases on the same data."""

    def report(median, p95, mixed, names=("activities: first page", "start page")):
        return {
            "label": "university",
            "server": {"vendor": "sqlite"},
            "concurrency": 4,
            "measurements": [
                {"target": {"name": name}, "single": {"median_ms": median, "p95_ms": p95}} for name in names
            ],
            "mixed": {"requests_per_s": mixed, "p95_ms": 60.0, "errors": 0},
        }

    before, after = tmp_path / "before.json", tmp_path / "after.json"
    before.write_text(json.dumps(report(40.0, 50.0, 100.0, names=("activities: first page",))))
    after.write_text(json.dumps(report(20.0, 60.0, 150.0)))
    out = io.StringIO()
    call_command("bench", "--compare", str(before), str(after), stdout=out)
    text = out.getvalue()
    assert "| activities: first page | 40.0 | 20.0 | ×0.50 | 50.0 | 60.0 | ×1.20 |" in text
    assert "start page" not in text  # measured once only: nothing to compare
    assert "100 → **150 requests/s** (×1.50)" in text
    with pytest.raises(CommandError, match="two result files"):
        call_command("bench", "--compare", str(before))
