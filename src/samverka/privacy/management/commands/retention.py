from django.core.management.base import BaseCommand, CommandError

from samverka.core.models import Institution
from samverka.imports.domain import clear_stale_imports
from samverka.privacy.domain import anonymise_expired, erase_expired_submitters
from samverka.privacy.retention import expired_people, expired_submitters


class Command(BaseCommand):
    help = (
        "List the people and the submitters of closed ideas whose retention has run out; with "
        "--anonymise, anonymise the people (keeping statistics), erase the submitters (keeping the "
        "ideas) and delete the files of imports older than SAMVERKA_IMPORT_KEEP_DAYS (an import "
        "whose worker was gone is marked stopped first). "
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
        people = submitters = 0
        for inst in institutions.order_by("name"):
            expired = anonymise_expired(inst, actor=None) if anonymise else expired_people(inst)
            for entry in expired:
                people += 1
                self.stdout.write(f"{inst.slug}\t#{entry.person.pk}\t{entry.person}\t{entry.reason}")
            expired = erase_expired_submitters(inst, actor=None) if anonymise else expired_submitters(inst)
            for entry in expired:
                submitters += 1
                self.stdout.write(f"{inst.slug}\t{entry.idea.reference}\t{entry.idea}\t{entry.reason}")
        if anonymise:
            self.stdout.write(self.style.SUCCESS(f"{people} people anonymised."))
            self.stdout.write(self.style.SUCCESS(f"{submitters} submitters of ideas erased."))
        else:
            advice = "(run with --anonymise to erase)"
            self.stdout.write(self.style.SUCCESS(f"{people} people whose retention has run out {advice}."))
            self.stdout.write(self.style.SUCCESS(f"{submitters} submitters of ideas likewise."))
        if anonymise:
            self.stdout.write(f"{clear_stale_imports()} old import file(s) deleted.")
