"""Daily reminder e-mails: each owner of open actions that are overdue or due soon gets one digest,
and each coordinator of a partnership whose agreement ends, is due for review or starts unsigned
within the window has it in theirs.

The guide makes the coordinator follow up what the bodies decided; a reminder
in the owner's inbox does the chasing. It runs once a day for every
institution (``samverka remind`` from cron or a systemd timer, or the
background task ``send_reminders_task``).
"""

import datetime
import hashlib
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from samverka.core import mail
from samverka.directory.models import Person
from samverka.governance.models import OPEN_ACTION_STATUSES, ActionItem, ReminderDigest
from samverka.partnerships.models import Agreement, CoordinatorAssignment

logger = logging.getLogger(__name__)


def address_digest(address: str) -> str:
    """How the reminder log names an address: the SHA-256 digest of it in lower case."""
    return hashlib.sha256(address.strip().lower().encode()).hexdigest()


@dataclass
class Digest:
    """What one address is told on one day: its overdue actions, then those due soon."""

    address: str
    name: str
    overdue: list[ActionItem] = field(default_factory=list)
    due_soon: list[ActionItem] = field(default_factory=list)
    agreements: list[tuple[Agreement, str]] = field(default_factory=list)  # (agreement, what is due)

    @property
    def count(self) -> int:
        return len(self.overdue) + len(self.due_soon) + len(self.agreements)

    @property
    def action_count(self) -> int:
        return len(self.overdue) + len(self.due_soon)


def due_digests(today: datetime.date, days: int) -> list[Digest]:
    """One digest per e-mail address owning open actions overdue or due within ``days`` of ``today``.

    Every institution's actions in one query; an address written differently on
    two people's records (case, spaces) is one address. Owners without an
    address, anonymised people and generated test institutions are left out.
    """
    actions = (
        ActionItem.objects.filter(
            status__in=OPEN_ACTION_STATUSES,
            due_on__lte=today + datetime.timedelta(days=days),
            owner__anonymised_at__isnull=True,
            institution__is_generated=False,
        )
        .exclude(owner__email="")
        .select_related("owner", "body__partnership")
        .order_by("due_on", "pk")
    )
    digests: dict[str, Digest] = {}
    for action in actions:
        address = action.owner.email.strip()
        digest = digests.setdefault(address.lower(), Digest(address=address, name=action.owner.full_name))
        (digest.overdue if action.is_overdue_on(today) else digest.due_soon).append(action)
    for person, agreement, what in _agreement_reminders(today, days):
        address = person.email.strip()
        digest = digests.setdefault(address.lower(), Digest(address=address, name=person.full_name))
        if (agreement, what) not in digest.agreements:
            digest.agreements.append((agreement, what))
    return [digests[key] for key in sorted(digests)]


# What a coordinator is reminded of about an agreement, as the digest says it.
ENDS, REVIEW, UNSIGNED = "ends", "review", "unsigned"


def _agreement_reminders(today: datetime.date, days: int) -> list[tuple[Person, Agreement, str]]:
    """(coordinator, agreement, what) for each agreement that ends or is due for review within
    ``days``, or starts within them unsigned, of a partnership not ended — unless a later
    agreement follows it — told to the partnership's coordinators and those of all partnerships
    (current, with an address). Two queries, whatever their number."""
    horizon = today + datetime.timedelta(days=days)
    successor = Agreement.objects.filter(
        partnership=OuterRef("partnership"), sequence__gt=OuterRef("sequence")
    )
    agreements = (
        Agreement.objects.filter(
            Q(ends_on__range=(today, horizon))
            | Q(review_on__range=(today, horizon))
            | Q(starts_on__range=(today, horizon), signed_on__isnull=True),
            institution__is_generated=False,
        )
        .exclude(partnership__status="ended")
        .exclude(Exists(successor))
        .select_related("partnership")
        .order_by("ends_on", "pk")
    )
    found = []
    for agreement in agreements:
        if agreement.ends_on and today <= agreement.ends_on <= horizon:
            found.append((agreement, ENDS))
        if agreement.review_on and today <= agreement.review_on <= horizon:
            found.append((agreement, REVIEW))
        if agreement.signed_on is None and today <= agreement.starts_on <= horizon:
            found.append((agreement, UNSIGNED))
    if not found:
        return []
    assignments = (
        CoordinatorAssignment.objects.filter(
            Q(partnership__in={a.partnership_id for a, _what in found}) | Q(partnership__isnull=True),
            institution__in={a.institution_id for a, _what in found},
            person__anonymised_at__isnull=True,
        )
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .exclude(person__email="")
        .select_related("person")
    )
    reminders = []
    for agreement, what in found:
        for assignment in assignments:
            if assignment.institution_id == agreement.institution_id and assignment.partnership_id in (
                None,
                agreement.partnership_id,
            ):
                reminders.append((assignment.person, agreement, what))
    return reminders


class RemindersFailed(Exception):
    """Some digests could not be sent (the mail server refused them or could not be reached);
    the others went out, and a second run the same day tries the failed ones again."""

    def __init__(self, sent: int, failed: int):
        super().__init__(f"{failed} reminder e-mail(s) could not be sent ({sent} sent); see the log.")
        self.sent, self.failed = sent, failed


def send_reminders(*, today: datetime.date | None = None, days: int | None = None) -> int:
    """Send today's reminder digests; returns the number of e-mails sent, or raises
    ``RemindersFailed`` after trying them all when any could not be sent.

    An address gets at most one digest a day, whatever runs at the same time:
    the ``ReminderDigest`` row of (address, day) is committed in its own durable
    transaction *before* the e-mail goes out, and the database's unique
    constraint refuses a second row. So a crash can lose a day's reminder (the
    row is there, the e-mail never left: the next day's digest lists the same
    actions again) but never sends one twice, which for a daily nag is the better
    failure. Only when the mail server refuses the message is the row deleted
    again, so that a second run the same day can try once more.

    ``transaction.on_commit`` would give the same order, but inside a caller's
    transaction it would defer the e-mails past the caller's return; the durable
    block instead refuses to run inside another transaction, where the row could
    still be rolled back after the e-mail left.

    Queries: the actions and today's log (two), then one insert per e-mail.
    """
    today = today or timezone.localdate()
    days = settings.SAMVERKA_REMINDER_DAYS if days is None else days
    already = set(ReminderDigest.objects.filter(day=today).values_list("address_digest", flat=True))
    sent = failed = 0
    for digest in due_digests(today, days):
        key = address_digest(digest.address)
        if key in already:
            continue
        try:
            with transaction.atomic(durable=True):
                row = ReminderDigest.objects.create(address_digest=key, day=today, action_count=digest.count)
        except IntegrityError:  # another run sent it meanwhile
            continue
        try:
            _send(digest, today, days)
        except Exception:
            ReminderDigest.objects.filter(pk=row.pk).delete()
            logger.exception("Reminder to %s… could not be sent", key[:8])
            failed += 1
            continue
        sent += 1
    if failed:
        raise RemindersFailed(sent, failed)
    return sent


def _send(digest: Digest, today: datetime.date, days: int) -> None:
    """Write and send one digest, in the owner's language (``core.mail.language_for``)."""
    base = settings.SAMVERKA_BASE_URL.rstrip("/")
    language = mail.language_for(digest.address)
    with translation.override(language):
        if digest.agreements:
            subject = ngettext(
                "Samverka: {count} action or agreement needs your attention",
                "Samverka: {count} actions and agreements need your attention",
                digest.count,
            ).format(count=digest.count)
        else:
            subject = ngettext(
                "Samverka: {count} action of yours needs attention",
                "Samverka: {count} actions of yours need attention",
                digest.count,
            ).format(count=digest.count)
        body = render_to_string(
            "governance/reminder_email.txt",
            {
                "digest": digest,
                "base": base,
                "days": days,
                "today": today,
                "my_actions_url": f"{base}{reverse('governance:actionitem-list')}?mine=true",
            },
        )
    mail.send(to=[digest.address], subject=subject, text=body, language=language)
