import os

from django.conf import settings
from django.core.management.base import BaseCommand

from samverka.demo import seed
from samverka.demo.loader import load_demo


class Command(BaseCommand):
    help = "Load Umeå University's five strategic partnerships from the seed (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--no-users", action="store_true", help="Do not create the demo accounts.")

    def handle(self, *args, no_users=False, **options):
        with_users = not no_users and not settings.PRODUCTION
        institution = load_demo(with_users=with_users)
        self.stdout.write(self.style.SUCCESS(f"Demo data for {institution.name_sv} is loaded."))
        if with_users:
            accounts = ", ".join(f"'{user[0]}' ({user[3]})" for user in seed.DEMO_USERS)
            self.stdout.write(
                "Log in at http://127.0.0.1:{port}/login/ as {accounts}; password '{pw}'.".format(
                    port=os.environ.get("PORT", "8000"), accounts=accounts, pw=seed.DEMO_PASSWORD
                )
            )
        elif settings.PRODUCTION:
            self.stdout.write("Production mode: no demo accounts were created.")
