"""An e-mail saved from a mail program, read for the contacts log: ``.eml`` (the standard
library's parser, RFC 5322 and MIME) and Outlook's ``.msg`` (``extract-msg``).

What is taken: the sender and recipients (name and address), the date, the subject, the body as
plain text and the attachments. Nothing in the file is run or shown as HTML: an HTML-only body is
turned into text (Beautiful Soup), and attachments are only ever downloaded. A file that is too
large, not an e-mail or broken gives ``MailFileError`` with a message for the user, never a crash.
"""

import datetime
import email
import email.policy
import email.utils
import io
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

from bs4 import BeautifulSoup
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.lib.plaintext import printable

EXTENSIONS = ("eml", "msg")
MAX_ATTACHMENTS = 20
BODY_LIMIT = 50_000  # characters of the body kept in the contact's notes
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound file every .msg is


class MailFileError(Exception):
    def __init__(self, message: Any) -> None:
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class Address:
    name: str
    email: str


@dataclass(frozen=True)
class Attachment:
    name: str
    content: bytes


@dataclass
class MailFile:
    subject: str
    sender: Address | None
    recipients: list[Address]
    sent_at: datetime.datetime | None
    body: str
    attachments: list[Attachment] = field(default_factory=list)

    @property
    def addresses(self) -> list[str]:
        """Every address of the mail, lower case, sender first, each once."""
        found = [self.sender, *self.recipients] if self.sender else self.recipients
        return list(dict.fromkeys(a.email.lower() for a in found if a.email))


def read_mail_file(name: str, content: bytes) -> MailFile:
    """The e-mail in ``content`` (a file called ``name``), or ``MailFileError``."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in EXTENSIONS:
        raise MailFileError(
            _("Drop an e-mail saved as .eml or as Outlook's .msg, not “.%(ext)s”.")
            % {"ext": extension or "?"}
        )
    limit = settings.SAMVERKA_UPLOAD_MAX_MB * 1024 * 1024
    if len(content) > limit:
        raise MailFileError(
            _("The file is %(size)s MB; at most %(limit)s MB can be uploaded.")
            % {"size": round(len(content) / 1024 / 1024, 1), "limit": settings.SAMVERKA_UPLOAD_MAX_MB}
        )
    if not content.strip():
        raise MailFileError(_("The file is empty."))
    mail = _read_msg(content) if extension == "msg" else _read_eml(content)
    if len(mail.attachments) > MAX_ATTACHMENTS:
        raise MailFileError(
            _("The e-mail has %(count)s attachments; at most %(limit)s can be kept.")
            % {"count": len(mail.attachments), "limit": MAX_ATTACHMENTS}
        )
    mail.subject = " ".join(printable(mail.subject).split())
    mail.body = printable(mail.body).strip()[:BODY_LIMIT]
    return mail


def _not_a_mail(kind: str) -> MailFileError:
    return MailFileError(
        _("The file could not be read as an e-mail (%(kind)s). Save it again from the mail program.")
        % {"kind": kind}
    )


def _aware(moment: datetime.datetime | None) -> datetime.datetime | None:
    if moment is None:
        return None
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment, datetime.UTC)


def _text_of_html(markup: str) -> str:
    """The text of an HTML body, a line per block; scripts, styles and the head are dropped,
    nothing is run or fetched."""
    document = BeautifulSoup(markup, "html.parser")
    for element in document(["script", "style", "head", "template"]):
        element.decompose()
    lines = (" ".join(line.split()) for line in document.get_text("\n").splitlines())
    return "\n".join(line for line in lines if line)


def _read_eml(content: bytes) -> MailFile:
    try:
        message = email.message_from_bytes(content, policy=email.policy.default)
    except Exception as exc:  # the parser is lenient; anything it raises is a broken file
        raise _not_a_mail(".eml") from exc
    if not (message["From"] or message["Subject"] or message["Date"]):
        raise _not_a_mail(".eml")
    try:
        sender_header = message["From"]
        senders = _addresses(sender_header.addresses) if sender_header is not None else []
        recipients = [
            address
            for header in ("To", "Cc")
            if message[header] is not None
            for address in _addresses(message[header].addresses)
        ]
        date_header = message["Date"]
        sent_at = _aware(date_header.datetime) if date_header is not None and date_header.datetime else None
        body = _eml_body(message)
        attachments = [
            Attachment(_safe_name(part.get_filename() or "bilaga"), _payload(part))
            for part in message.iter_attachments()
            if part.get_content_disposition() == "attachment" or part.get_filename()
        ]
    except MailFileError:
        raise
    except Exception as exc:  # a malformed header or part
        raise _not_a_mail(".eml") from exc
    return MailFile(
        subject=str(message["Subject"] or ""),
        sender=senders[0] if senders else None,
        recipients=recipients,
        sent_at=sent_at,
        body=body,
        attachments=attachments,
    )


def _payload(part: Any) -> bytes:
    content = part.get_payload(decode=True)
    return content if isinstance(content, bytes) else b""


def _addresses(found: Any) -> list[Address]:
    return [Address(str(a.display_name or ""), str(a.addr_spec or "")) for a in found if a.addr_spec]


def _eml_body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    text = part.get_content()
    return _text_of_html(text) if part.get_content_subtype() == "html" else text


def _read_msg(content: bytes) -> MailFile:
    if not content.startswith(OLE_SIGNATURE):
        raise _not_a_mail(".msg")
    import extract_msg  # noqa: PLC0415 - slow import: only when an Outlook file is dropped
    from extract_msg.msg_classes import MessageBase  # noqa: PLC0415 - slow import: as above

    try:
        message = extract_msg.openMsg(io.BytesIO(content), strict=False)
    except Exception as exc:  # extract-msg raises many kinds on a broken compound file
        raise _not_a_mail(".msg") from exc
    try:
        if not isinstance(message, MessageBase):
            raise _not_a_mail(".msg")  # a contact, task or note, not an e-mail
        name, address = email.utils.parseaddr(message.sender or "")
        recipients = [Address(str(r.name or ""), str(r.email or "")) for r in message.recipients if r.email]
        body = message.body or ""
        if not body.strip() and message.htmlBody:
            body = _text_of_html(message.htmlBody.decode("utf-8", errors="replace"))
        attachments = [
            Attachment(_safe_name(a.longFilename or a.shortFilename or "bilaga"), a.data)
            for a in message.attachments
            if isinstance(a.data, bytes)
        ]
        return MailFile(
            subject=str(message.subject or ""),
            sender=Address(name, address) if address else None,
            recipients=recipients,
            sent_at=_aware(message.date),
            body=body,
            attachments=attachments,
        )
    except MailFileError:
        raise
    except Exception as exc:
        raise _not_a_mail(".msg") from exc
    finally:
        message.close()


def _safe_name(name: str) -> str:
    """An attachment's file name without a path or control characters, at most 150 characters."""
    base = printable(name).replace("\\", "/").rsplit("/", 1)[-1].strip().lstrip(".")
    return (base or "bilaga")[-150:]
