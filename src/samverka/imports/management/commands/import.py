import sys
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from tqdm import tqdm

from samverka.core.models import Institution
from samverka.imports.domain import ImportRefused, import_file, importable_kinds, policy_of
from samverka.imports.models import ImportState
from samverka.imports.reading import SpreadsheetRefused
from samverka.imports.targets import TARGETS


class Command(BaseCommand):
    help = (
        "Import organisations, people or activities from an .xlsx or CSV file, all or nothing, as the "
        "given user (their role decides what they may import). --dry-run checks every row and changes "
        "nothing. Exits with status 1 when any row has an error, after printing the report."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=list(TARGETS), help="What the file holds.")
        parser.add_argument("file", help="The .xlsx or .csv file.")
        parser.add_argument("--institution", required=True, help="Slug of the institution.")
        parser.add_argument("--user", required=True, help="User name of the member who imports.")
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="COLUMN=FIELD",
            help="Fill FIELD from COLUMN (repeatable); other columns are guessed from their names. "
            "FIELD '-' leaves the column out.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Check every row and change nothing.")
        parser.add_argument("--language", default="sv", choices=["sv", "en"], help="Language of the report.")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, kind, file, *, institution, user, map, dry_run, language, no_progress, **options):
        translation.activate(language)
        try:
            inst = Institution.objects.get(slug=institution)
        except Institution.DoesNotExist:
            raise CommandError(f"There is no institution '{institution}'.") from None
        actor = get_user_model().objects.filter(username=user).first()
        if actor is None:
            raise CommandError(f"There is no user '{user}'.")
        if kind not in importable_kinds(policy_of(actor, inst)):
            raise CommandError(f"'{user}' may not import {kind} into {institution}.")
        mapping = {}
        for entry in map:
            column, equals, field = entry.partition("=")
            if not equals:
                raise CommandError(f"--map takes COLUMN=FIELD, not '{entry}'.")
            mapping[column.strip()] = "" if field.strip() == "-" else field.strip()
        started = time.monotonic()
        with tqdm(
            unit=" rows", file=sys.stderr, disable=no_progress, desc="check" if dry_run else kind
        ) as bar:

            def advance(done, total):
                if total is not None and bar.total != total:
                    bar.total = total
                    bar.refresh()
                bar.update(done - bar.n)

            try:
                job = import_file(
                    institution=inst,
                    actor=actor,
                    kind=kind,
                    path=file,
                    mapping=mapping,
                    apply=not dry_run,
                    language=language,
                    advance=advance,
                )
            except FileNotFoundError:
                raise CommandError(f"There is no file '{file}'.") from None
            except (SpreadsheetRefused, ImportRefused) as exc:
                raise CommandError(str(exc)) from None
        seconds = time.monotonic() - started
        if job.state == ImportState.FAILED:
            raise CommandError(job.message)
        for error in job.errors:
            self.stderr.write(
                f"row {error['row']}, {error['column'] or '–'}: {error['value']!r}: {error['message']}"
            )
        if job.error_count > len(job.errors):
            self.stderr.write(f"… and {job.error_count - len(job.errors)} more errors.")
        verb = "would create" if dry_run or job.error_count else "created"
        summary = (
            f"{job.rows} rows in {seconds:.1f} s: {verb} {job.created}, "
            f"{'would update' if verb != 'created' else 'updated'} {job.updated}, unchanged {job.unchanged}, "
            f"errors {job.error_count} (import #{job.pk})."
        )
        for note in job.notes:
            self.stdout.write(f"row {note['row']}: {note['message']}")
        if job.related_counts:
            beside = ", ".join(f"{label} {count}" for label, count in job.related_counts)
            summary += f" Beside them: {beside}."
        if job.error_count:
            self.stderr.write(self.style.ERROR(f"Nothing was imported. {summary}"))
            sys.exit(1)
        self.stdout.write(self.style.SUCCESS(("Checked: " if dry_run else "Imported: ") + summary))
