"""``samverka export-institution``: one institution's records, history and files in one archive."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from samverka.backup.exporter import export_institution
from samverka.core.models import Institution


class Command(BaseCommand):
    help = "Write one institution (records, audit trail, users, uploaded files) to a zip (docs/backup.md)."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the institution's short name")
        parser.add_argument("archive", help="the zip file to write (replaced if it exists)")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, slug, archive, no_progress=False, **options):
        institution = Institution.objects.filter(slug=slug).first()
        if institution is None:
            raise CommandError(f"No institution has the short name {slug!r}.")
        path = Path(archive)
        if not path.parent.is_dir():
            raise CommandError(f"The folder {path.parent} does not exist.")
        with tqdm(unit=" records", file=sys.stderr, disable=no_progress, desc="export") as bar:
            manifest = export_institution(institution, path, advance=bar.update)
        records = sum(entry["count"] for entry in manifest["models"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Exported {institution.slug}: {records} records, {manifest['files']} files "
                f"to {path} ({path.stat().st_size} bytes)."
            )
        )
        for name in manifest["missing_files"]:
            self.stderr.write(f"Missing from the file storage, so not in the archive: {name}")
        if manifest["missing_files"]:  # a backup without its files is a failure cron must notice
            raise CommandError(
                f"The archive lacks {len(manifest['missing_files'])} file(s) the records name (listed above)."
            )
