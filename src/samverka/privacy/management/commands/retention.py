from django.core.management.base import BaseCommand, CommandError

from samverka.core.models import Institution
from samverka.imports.domain import clear_stale_imports
from samverka.privacy.domain import anonymise_expired
from samverka.privacy.retention import expired_people


class Command(BaseCommand):
    help = (
        "List the people whose retention has run out; with --anonymise, anonymise them "
        "(keeping statistics) and delete the files of imports older than SAMVERKA_IMPORT_KEEP_DAYS. "
        "Meant for a daily cron job or systemd timer."
    )

    def add_arguments(self, parser):
        parser.add_argument("--anonymise", action="store_true", help="Anonymise them, not only list them.")
        parser.add_argument("--institution", metavar="SLUG", help="Only this institution (default: all).")

    def handle(self, *args, anonymise=False, institution=None, **options):
        institutions = Institution.objects.all()
        if institution:
            institutions = institutions.filter(slug=institution)
            if not institutions.exists():
                raise CommandError(f"No institution with the short name {institution!r}.")
        total = 0
        for inst in institutions.order_by("name"):
            expired = anonymise_expired(inst, actor=None) if anonymise else expired_people(inst)
            for entry in expired:
                total += 1
                self.stdout.write(f"{inst.slug}\t#{entry.person.pk}\t{entry.person}\t{entry.reason}")
        verb = "anonymised" if anonymise else "whose retention has run out (run with --anonymise to erase)"
        self.stdout.write(self.style.SUCCESS(f"{total} people {verb}."))
        if anonymise:
            self.stdout.write(f"{clear_stale_imports()} old import file(s) deleted.")
