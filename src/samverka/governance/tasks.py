"""Background work of governance (django-tasks): the daily reminders, for installations that
schedule through the task queue rather than cron (``samverka db_worker`` runs it)."""

import datetime

from django_tasks import task

from samverka.governance.reminders import send_reminders


@task()
def send_reminders_task(day: str | None = None, days: int | None = None) -> int:
    """Send the reminder digests of ``day`` (ISO date, default today); returns the e-mails sent."""
    today = datetime.date.fromisoformat(day) if day else None
    return send_reminders(today=today, days=days)
