"""Time a list's export: `python scripts/bench-export.py [USER] [LIST ...] [--repeat N]`.

Reads each list (by default the activity list, `/app/activities/`) as .csv and .xlsx to its last
byte, in-process through Django's test client as USER (by default `gen-samordnare`, the
coordinator `samverka generate` makes), on the database DATABASE_URL names. Prints, per list and
format, the best and every time of N runs, the bytes and the process's peak memory (the
server's work and the streamed file, not a copy of it), then the rows.
Results: docs/performance.md, "Exporting a large list".
"""

import argparse
import csv
import io
import os
import resource
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverka.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("user", nargs="?", default="gen-samordnare")
    parser.add_argument("lists", nargs="*", default=["/app/activities/"])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    client.force_login(get_user_model().objects.get(username=args.user))
    client.get(args.lists[0])  # the URLconf and the first queries, outside the timing
    for path in args.lists:
        for fmt in ("csv", "xlsx"):
            times, size = [], 0
            for _run in range(args.repeat):
                start = time.perf_counter()
                response = client.get(path, {"format": fmt})
                if response.status_code != 200:
                    raise SystemExit(f"{path}: {response.status_code}")
                size = sum(len(chunk) for chunk in response.streaming_content)  # read as a browser would
                times.append(time.perf_counter() - start)
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
            runs = ", ".join(f"{seconds:.2f}" for seconds in times)
            print(f"{path} .{fmt}: best {min(times):.2f} s ({runs}), {size:,} bytes, peak memory {peak} MiB")
        body = b"".join(client.get(path, {"format": "csv"}).streaming_content).decode("utf-8-sig")
        print(f"{path}: {sum(1 for _row in csv.reader(io.StringIO(body), delimiter=';')) - 1} rows")


if __name__ == "__main__":
    main()
