"""``samverka remind``: today's reminder digests, for a daily cron job or systemd timer."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from samverka.governance.reminders import RemindersFailed, send_reminders


class Command(BaseCommand):
    help = (
        "E-mail each owner of open actions that are overdue or due soon one digest of them "
        "(at most one a day per address, across all institutions). Meant for a daily cron job "
        "or systemd timer."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            metavar="N",
            help="Remind of actions due within N days (default: SAMVERKA_REMINDER_DAYS, 7).",
        )
        parser.add_argument(
            "--date", default=None, metavar="YYYY-MM-DD", help="Run as if today were this day."
        )

    def handle(self, *args, days=None, date=None, **options):
        """Parse the options, send, and say how many e-mails went out."""
        if days is not None and days < 0:
            raise CommandError("--days must be 0 or more.")
        today = None
        if date:
            try:
                today = datetime.date.fromisoformat(date)
            except ValueError as exc:
                raise CommandError(f"--date must be YYYY-MM-DD, not {date!r}.") from exc
        try:
            sent = send_reminders(today=today, days=days)
        except RemindersFailed as exc:  # exit status 1: cron and systemd report the failure
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"{sent} reminder e-mail(s) sent."))
