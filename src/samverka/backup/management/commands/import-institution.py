"""``samverka import-institution``: load an institution's archive as a new institution, all or nothing."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from samverka.backup.archive import DEFAULT_MAX_BYTES, ArchiveError, MiB
from samverka.backup.importer import import_institution


class Command(BaseCommand):
    help = "Load an archive of export-institution as a new institution of this installation (docs/backup.md)."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the zip file export-institution wrote")
        parser.add_argument("--slug", help="the new institution's short name (default: the archive's)")
        parser.add_argument(
            "--max-size",
            type=int,
            default=DEFAULT_MAX_BYTES // MiB,
            metavar="MIB",
            help="refuse an archive that unpacks to more than this many MiB (default %(default)s)",
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, archive, slug=None, max_size, no_progress=False, **options):
        path = Path(archive)
        if not path.is_file():
            raise CommandError(f"There is no file {path}.")
        try:
            with tqdm(unit=" records", file=sys.stderr, disable=no_progress, desc="import") as bar:
                result = import_institution(path, slug=slug, max_bytes=max_size * MiB, advance=bar.update)
        except ArchiveError as exc:
            raise CommandError(f"{exc} Nothing was imported.") from exc
        records = sum(result.counts.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {result.institution.name} as {result.institution.slug}: {records} records, "
                f"{result.files} files; search index rebuilt."
            )
        )
        if result.linked_users:
            self.stdout.write(
                f"Linked to existing users (same user name and e-mail): {', '.join(result.linked_users)}"
            )
        if result.fresh_secrets:
            self.stdout.write(
                f"{result.fresh_secrets} invitation links renewed: the originals' links are taken here."
            )
        self.stdout.write(
            "Users set up two-factor authentication again and make new API tokens; "
            "installation administrators (Django admin) are not moved."
        )
