"""Where a page's time goes: `python scripts/profile-page.py PATH [REQUESTS]`, under py-spy.

Asks PATH (e.g. `/app/activities/`) REQUESTS times (800 by default) in-process, through
Django's test client as `gen-samordnare` (the coordinator `samverka generate` makes), after five
requests that load what a first request loads. Run it under the sampling profiler py-spy
(`pip install py-spy`; not a dependency of the project):

    py-spy record -r 400 -f raw -o /tmp/page.txt -- python scripts/profile-page.py /app/activities/
    python scripts/profile-page.py --shares /tmp/page.txt

`--shares` prints how the samples inside the requests divide: by phase (middleware, the view,
its context, the template) and by kind of code (the ORM, SQL compilation, the database, the
template engine, Samverka, the rest of Django). Results: docs/performance.md, "Targets".
"""

import argparse
import collections
import os
import re
from typing import Any

PHASES = [  # the first whose frame a sample holds, from the last phase of a request to the first
    ("the template", re.compile(r"render \(django/template/response\.py")),
    ("the view's context", re.compile(r"get_context_data")),
    ("the view before its context", re.compile(r"dispatch \(samverka/")),
]
KINDS = [  # the innermost frame that matches names the kind
    ("the database and its driver", re.compile(r"sqlite3|psycopg|\(django/db/backends/")),
    ("SQL compilation", re.compile(r"django/db/models/sql/compiler\.py")),
    ("the ORM: querysets, records", re.compile(r"django/db/models/")),
    ("the template engine", re.compile(r"django/template")),
    ("Samverka's own code", re.compile(r"samverka/")),
    ("the rest of Django (URLs, translation, HTTP, forms)", re.compile(r"django/")),
]


def shares(path: str) -> None:
    phases: collections.Counter[str] = collections.Counter()
    kinds: collections.Counter[str] = collections.Counter()
    total = 0
    with open(path, encoding="utf-8") as samples:
        for line in samples:
            stack, _, count = line.rstrip().rpartition(" ")
            if "Client.get" not in stack or "warm_up" in stack:  # loading the program, or a first request
                continue
            total += int(count)
            frames = stack.split(";")
            phase = next((name for name, pattern in PHASES if any(pattern.search(f) for f in frames)), None)
            phases[phase or "middleware: the session, the user, the membership"] += int(count)
            kind = next(
                (name for f in reversed(frames) for name, pattern in KINDS if pattern.search(f)),
                "other Python",
            )
            kinds[kind] += int(count)
    print(f"{total} samples inside the requests")
    for counter in (phases, kinds):
        for name, count in counter.most_common():
            print(f"  {count / total:6.1%}  {name}")


def warm_up(client: Any, path: str) -> None:
    """Five requests that load what a first request loads (``shares`` leaves them out)."""
    for _request in range(5):
        client.get(path)


def ask(path: str, requests: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverka.settings")
    import django  # noqa: PLC0415 - only the asking side needs Django

    django.setup()
    from django.conf import settings  # noqa: PLC0415 - after django.setup()
    from django.contrib.auth import get_user_model  # noqa: PLC0415 - after django.setup()
    from django.test import Client  # noqa: PLC0415 - after django.setup()

    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    client.force_login(get_user_model().objects.get(username="gen-samordnare"))
    warm_up(client, path)
    for _request in range(requests):
        if client.get(path).status_code != 200:
            raise SystemExit(f"{path} did not answer 200")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", help="the page to ask, or with --shares py-spy's raw output")
    parser.add_argument("requests", nargs="?", type=int, default=800)
    parser.add_argument("--shares", action="store_true", help="print the shares of py-spy's raw output")
    args = parser.parse_args()
    shares(args.path) if args.shares else ask(args.path, args.requests)
