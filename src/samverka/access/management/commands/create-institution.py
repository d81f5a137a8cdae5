"""``samverka create-institution``: a new institution and its first administrator (docs/install.md)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from samverka.access.institutions import create_institution


class Command(BaseCommand):
    help = (
        "Make an institution and its first administrator, who is e-mailed a link to set a password "
        "(docs/install.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="short name in web addresses, e.g. umu")
        parser.add_argument("--name", required=True, help="the name in Swedish, e.g. 'Umeå universitet'")
        parser.add_argument("--name-en", default="", help="the name in English, e.g. 'Umeå University'")
        parser.add_argument(
            "--scopes", default="", help="single sign-on scopes, e.g. 'umu.se' (docs/access.md)"
        )
        parser.add_argument("--website", default="", help="the institution's website")
        parser.add_argument(
            "--public-host", default="", help="own host name of its public pages, e.g. samverka.umu.se"
        )
        parser.add_argument("--admin", required=True, help="the first administrator's e-mail address")
        parser.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            choices=[code for code, _name in settings.LANGUAGES],
            help="language of the administrator's e-mail",
        )

    def handle(self, *args, slug, name, name_en, scopes, website, public_host, admin, language, **options):
        try:
            institution, membership = create_institution(
                slug=slug,
                name_sv=name,
                name_en=name_en,
                scopes=scopes,
                website=website,
                public_host=public_host,
                admin_email=admin,
                language=language,
            )
        except ValidationError as refused:
            lines = [
                f"{field}: {message}"
                for field, messages in refused.message_dict.items()
                for message in messages
            ]
            raise CommandError("Nothing was made.\n" + "\n".join(lines)) from refused
        self.stdout.write(
            self.style.SUCCESS(
                f"Made {institution.name} ({institution.slug}); {membership.user.email} is its administrator "
                "and was e-mailed how to log in."
            )
        )
