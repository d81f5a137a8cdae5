"""Time the search page on a generated institution: `python scripts/bench-search.py [REPEAT]`.

Run against a database made by `samverka generate` (DATABASE_URL as for
samverka); it signs in as the generated coordinator in-process (Django's test
client, no HTTP) and prints, for each query, the hits and the median and p95
of REPEAT requests of the overview and of one kind's first page, after one
request not timed. The results are in docs/data.md.
"""

import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverka.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from samverka.benchmark.loadtest import percentile  # noqa: E402

QUERIES = ["vätgas", "kommunen", "examensarbeten", "projekt samverkan", "municipalities", "zzzyx"]


def timed(client, params, repeat):
    # Not timed: the first request, which in a new process reads the lemma dictionaries (about 2 s)
    # and, for a word the index lacks, the institution's vocabulary for "did you mean" (kept ten
    # minutes); a running server has done both long before.
    client.get("/app/search/", params)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get("/app/search/", params)
        times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{params} answered {response.status_code}")
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/app/search/", params)
    times.sort()
    return response.context["total"], times, len(captured)


def main():
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    setup_test_environment()  # the test client then records each page's context
    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    client.force_login(get_user_model().objects.get(username="gen-samordnare"))
    print(f"database: {connection.vendor}, {repeat} requests each")
    print("| query | hits | queries | overview median ms | p95 ms | one kind median ms | p95 ms |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for text in QUERIES:
        hits, overview, count = timed(client, {"q": text}, repeat)
        _hits, one, _count = timed(client, {"q": text, "kind": "activity"}, repeat)
        figures = [
            f(times) for times in (overview, one) for f in (statistics.median, lambda t: percentile(t, 0.95))
        ]
        print(f"| {text} | {hits} | {count} | " + " | ".join(f"{ms:.1f}" for ms in figures) + " |")


if __name__ == "__main__":
    main()
