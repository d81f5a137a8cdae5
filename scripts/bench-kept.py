"""A page made and kept: `python scripts/bench-kept.py [--requests N] PATH...`, in-process.

Asks each PATH (e.g. `/app/activities/`; `largest` for the page of the partnership with most
activities) as `gen-samordnare`, the coordinator `samverka generate` makes, through Django's test
client: N times right after a change of the institution ("made": everything the page keeps as HTML
or values, `core.cache`, is out of date and made again), and twice after each of those ("kept": the
same page asked again). Prints the median CPU time of each. `samverka bench` asks a page 50 times in
a row, so its medians are the kept pages; this gives the first request after a change beside them.
Results: docs/performance.md, "Pages kept as HTML".
"""

import argparse
import os
import statistics
import time


def main(paths: list[str], requests: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverka.settings")
    import django  # noqa: PLC0415 - only after the settings are named

    django.setup()
    from django.conf import settings  # noqa: PLC0415 - after django.setup()
    from django.contrib.auth import get_user_model  # noqa: PLC0415 - after django.setup()
    from django.db.models import Count  # noqa: PLC0415 - after django.setup()
    from django.test import Client  # noqa: PLC0415 - after django.setup()

    from samverka.core.cache import invalidate_institution  # noqa: PLC0415 - after django.setup()
    from samverka.core.tenancy import membership_in_force  # noqa: PLC0415 - after django.setup()
    from samverka.partnerships.models import Partnership  # noqa: PLC0415 - after django.setup()

    settings.ALLOWED_HOSTS = ["*"]
    user = get_user_model().objects.get(username="gen-samordnare")
    membership = membership_in_force(user)
    if membership is None:
        raise SystemExit("gen-samordnare has no membership in force: run samverka generate first")
    institution = membership.institution_id
    client = Client()
    client.force_login(user)
    for path in paths:
        if path == "largest":
            largest = (
                Partnership.objects.filter(institution_id=institution)
                .annotate(activity_count=Count("activities"))
                .order_by("-activity_count", "pk")
                .first()
            )
            if largest is None:
                raise SystemExit("the institution has no partnership")
            path = largest.get_absolute_url()
        for _request in range(5):  # what a first request loads
            if client.get(path).status_code != 200:
                raise SystemExit(f"{path} did not answer 200")
        made, kept = [], []
        for _request in range(requests):
            invalidate_institution(institution)
            made.append(_cpu_ms(client, path))
            kept += [_cpu_ms(client, path), _cpu_ms(client, path)]
        print(f"{path}: made {statistics.median(made):.1f} ms, kept {statistics.median(kept):.1f} ms")


def _cpu_ms(client, path: str) -> float:
    start = time.process_time()
    client.get(path)
    return (time.process_time() - start) * 1000


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", metavar="PATH")
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()
    main(args.paths, args.requests)
