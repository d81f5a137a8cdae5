"""``samverka search-index``: make the search index again, e.g. after data was loaded in bulk."""

import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from samverka.core.models import Institution
from samverka.search.domain import rebuild


class Command(BaseCommand):
    help = "Rebuild the search index (of one institution with --institution, else of all)."

    def add_arguments(self, parser):
        parser.add_argument("--institution", help="the institution's short name (slug)")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, institution=None, no_progress=False, **options):
        ids = None
        if institution:
            found = Institution.objects.filter(slug=institution).values_list("pk", flat=True)
            if not found:
                raise CommandError(f"No institution has the short name {institution!r}.")
            ids = list(found)
        with tqdm(unit=" records", file=sys.stderr, disable=no_progress, desc="search index") as bar:
            made = rebuild(ids, advance=bar.update)
        self.stdout.write(self.style.SUCCESS(f"Indexed {made} records."))
