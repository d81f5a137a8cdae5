"""The one way Samverka sends e-mail (docs/mail.md).

Every message is alike: plain text and HTML (made from the text, or given), in
the recipient's language (``language``: the HTML is marked with it and the
headers say it), marked as sent by a machine (``Auto-Submitted:
auto-generated``, so out-of-office replies are not sent back), from
``DEFAULT_FROM_EMAIL``. A meeting notice carries its iCalendar invitation
(``METHOD:REQUEST``) both as an alternative part and as an attachment, as
Outlook and other calendar programs read it. Links are absolute, to
``SAMVERKA_BASE_URL`` (``absolute``).
"""

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.utils import translation

from samverka.core.models import Institution, Membership

HEADERS = {
    "Auto-Submitted": "auto-generated",  # RFC 3834: no automatic replies
    "X-Auto-Response-Suppress": "All",  # Exchange's word for the same
}


def languages_for(addresses: list[str], *, institution: Institution | int | None = None) -> dict[str, str]:
    """address → the language to write to it in: the e-mail language of the member with that
    address (of ``institution`` when given; partner representatives keep the language they were
    invited in, everyone can change theirs on their account page), else the installation's.
    One query, however many addresses."""
    wanted = {address.strip().lower(): address for address in addresses}
    members = Membership.objects.annotate(address=Lower("user__email")).filter(address__in=wanted)
    if institution is not None:
        members = members.filter(institution=institution)
    known: dict[str, str] = {}
    for email, language in members.order_by("-pk").values_list("address", "language"):
        known[email] = language  # the earliest membership wins
    return {original: known.get(key, settings.LANGUAGE_CODE) for key, original in wanted.items()}


def language_for(address: str, *, institution: Institution | int | None = None) -> str:
    """The language to write to one address in (``languages_for``)."""
    return languages_for([address], institution=institution)[address]


def absolute(path: str) -> str:
    """``path`` (``/app/…``) at the address users reach Samverka at."""
    return settings.SAMVERKA_BASE_URL.rstrip("/") + path


def message(
    *,
    to: list[str],
    subject: str,
    text: str,
    language: str,
    html: str | None = None,
    calendar: str | None = None,
) -> EmailMultiAlternatives:
    """The message (see the module); ``send`` sends it."""
    if html is None:
        with translation.override(language):
            html = render_to_string(
                "core/email/message.html", {"subject": subject, "text": text, "language": language}
            )
    email = EmailMultiAlternatives(
        subject=" ".join(subject.split()),  # a header: one line
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        headers={**HEADERS, "Content-Language": language},
    )
    email.attach_alternative(html, "text/html")
    if calendar is not None:
        email.attach_alternative(calendar, "text/calendar; method=REQUEST")
        email.attach("invite.ics", calendar.encode(), "application/ics")
    return email


def send(**parts: Any) -> None:
    """Send one message (the arguments of ``message``); failures raise."""
    message(**parts).send(fail_silently=False)
