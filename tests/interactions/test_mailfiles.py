"""E-mails dropped on a record: .eml and Outlook .msg read for the contacts log, hostile files
refused with a clear message and nothing changed."""

import datetime
import io
import zipfile
from email.message import EmailMessage

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from msgforge import Message

from samverka.core.models import AuditEntry
from samverka.interactions.mailfiles import MailFileError, read_mail_file
from samverka.interactions.models import Interaction, InteractionAttachment
from tests import factories as f
from tests.conftest import client_for


def eml(
    *,
    subject="Nästa styrgruppsmöte",
    sender=("Anna Lind", "anna.lind@regionvasterbotten.se"),
    to=(("Per Ek", "per.ek@umu.se"),),
    cc=(),
    text="Hej!\n\nVi föreslår den 12 mars.\n\nAnna",
    html=None,
    attachments=(),
    date="Tue, 03 Mar 2026 09:15:00 +0100",
) -> bytes:
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = f"{sender[0]} <{sender[1]}>"
    message["To"] = ", ".join(f"{name} <{address}>" for name, address in to)
    if cc:
        message["Cc"] = ", ".join(f"{name} <{address}>" for name, address in cc)
    if date:
        message["Date"] = date
    if text is not None:
        message.set_content(text)
    if html is not None:
        if text is None:
            message.set_content(html, subtype="html")
        else:
            message.add_alternative(html, subtype="html")
    for name, content in attachments:
        message.add_attachment(content, maintype="application", subtype="octet-stream", filename=name)
    return bytes(message)


def msg(**kwargs) -> bytes:
    message = Message(
        subject=kwargs.get("subject", "Avtalsutkast för 2027"),
        text_body=kwargs.get("text", "Hej Per,\nhär kommer utkastet.\nAnna"),
        html_body=kwargs.get("html"),
        to=[("per.ek@umu.se", "Per Ek")],
        cc=[("lena.berg@skelleftea.se", "Lena Berg")],
        sender=("anna.lind@regionvasterbotten.se", "Anna Lind"),
        sent=datetime.datetime(2026, 3, 4, 8, 30, tzinfo=datetime.UTC),
    )
    for name, content in kwargs.get("attachments", ()):
        message.attach_bytes(name, content)
    return message.as_bytes()


def test_an_eml_gives_its_sender_recipients_date_subject_body_and_attachments():
    mail = read_mail_file(
        "möte.eml",
        eml(cc=(("Lena Berg", "Lena.Berg@skelleftea.se"),), attachments=[("Förslag.pdf", b"%PDF-1.7 x")]),
    )
    assert mail.subject == "Nästa styrgruppsmöte"
    assert mail.sender.email == "anna.lind@regionvasterbotten.se" and mail.sender.name == "Anna Lind"
    assert [r.email for r in mail.recipients] == ["per.ek@umu.se", "Lena.Berg@skelleftea.se"]
    assert mail.addresses == ["anna.lind@regionvasterbotten.se", "per.ek@umu.se", "lena.berg@skelleftea.se"]
    assert mail.sent_at == datetime.datetime(2026, 3, 3, 8, 15, tzinfo=datetime.UTC)
    assert "Vi föreslår den 12 mars." in mail.body
    assert [(a.name, a.content) for a in mail.attachments] == [("Förslag.pdf", b"%PDF-1.7 x")]


def test_an_html_only_body_becomes_text_and_nothing_in_it_runs():
    html = (
        "<html><head><style>p{color:red}</style><script>alert('x')</script></head>"
        "<body><p>Hej&nbsp;Per,</p><p>Se <a href='https://evil.example'>länken</a>.</p>"
        "<img src='https://tracker.example/pixel.gif' onerror='alert(1)'></body></html>"
    )
    mail = read_mail_file("a.eml", eml(text=None, html=html))
    assert mail.body == "Hej Per,\nSe\nlänken\n."
    assert "alert" not in mail.body and "color" not in mail.body and "<" not in mail.body


def test_an_outlook_msg_is_read_the_same_way():
    mail = read_mail_file("Avtal.MSG", msg(attachments=[("utkast.docx", b"PK\x03\x04 utkast")]))
    assert mail.subject == "Avtalsutkast för 2027"
    assert mail.sender.email == "anna.lind@regionvasterbotten.se"
    assert {r.email for r in mail.recipients} == {"per.ek@umu.se", "lena.berg@skelleftea.se"}
    assert mail.sent_at == datetime.datetime(2026, 3, 4, 8, 30, tzinfo=datetime.UTC)
    assert "här kommer utkastet." in mail.body
    assert [(a.name, a.content) for a in mail.attachments] == [("utkast.docx", b"PK\x03\x04 utkast")]


def test_an_attachments_name_loses_its_path():
    mail = read_mail_file(
        "a.eml", eml(attachments=[("../../etc/passwd", b"x"), ("C:\\Users\\a\\b.txt", b"y")])
    )
    assert [a.name for a in mail.attachments] == ["passwd", "b.txt"]


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "x" * 1000)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("brev.docx", b"PK\x03\x04", "Släpp ett e-postmeddelande sparat som .eml eller som Outlooks .msg"),
        ("tom.eml", b"  \n", "Filen är tom."),
        (
            "inte.eml",
            b"\x00\x01\x02 binary rubbish",
            "Filen kunde inte läsas som ett e-postmeddelande (.eml)",
        ),
        ("zip.msg", zip_bytes(), "Filen kunde inte läsas som ett e-postmeddelande (.msg)"),
        ("trasig.msg", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "(.msg)"),
    ],
)
def test_what_is_not_an_e_mail_is_refused_clearly(name, content, message):
    with pytest.raises(MailFileError) as refused:
        read_mail_file(name, content)
    assert message in refused.value.message


def test_a_too_large_file_or_too_many_attachments_are_refused(settings):
    settings.SAMVERKA_UPLOAD_MAX_MB = 1
    with pytest.raises(MailFileError, match="högst 1 MB"):
        read_mail_file("stor.eml", eml(attachments=[("stor.bin", b"x" * 1_100_000)]))
    settings.SAMVERKA_UPLOAD_MAX_MB = 20
    many = [(f"bilaga-{n}.txt", b"x") for n in range(21)]
    with pytest.raises(MailFileError, match="21 bilagor"):
        read_mail_file("många.eml", eml(attachments=many))


def drop(client, content: bytes, name: str, **about):
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return client.post(
        reverse("interactions:interaction-mail"), {"file": upload, "visibility": "internal", **about}
    )


def test_an_e_mail_dropped_on_a_partnership_is_logged_with_its_people_and_attachments(
    coordinator_client, coordinator, institution, settings
):
    partnership = f.PartnershipFactory(institution=institution, title_sv="Region Västerbotten")
    anna = f.PersonFactory(
        institution=institution, first_name="Anna", last_name="Lind", email="Anna.Lind@RegionVasterbotten.se"
    )
    per = f.PersonFactory(
        institution=institution,
        first_name="Per",
        last_name="Ek",
        email="per.ek@umu.se",
        side="university",
        organisation=None,
    )
    page = coordinator_client.get(partnership.get_absolute_url()).content.decode()
    assert 'action="/app/contacts/e-mail/?partnership=' in page and 'name="file"' in page

    content = eml(cc=(("Okänd", "okand@example.se"),), attachments=[("Förslag.pdf", b"%PDF-1.7 x")])
    response = drop(coordinator_client, content, "möte.eml", partnership=partnership.pk)

    contact = Interaction.objects.get()
    assert response.status_code == 302 and response["Location"] == contact.get_absolute_url()
    assert (contact.kind, contact.occurred_on, contact.summary) == (
        "email",
        datetime.date(2026, 3, 3),
        "Nästa styrgruppsmöte",
    )
    assert contact.partnership == partnership and contact.visibility == "internal"
    assert "Vi föreslår den 12 mars." in contact.notes
    assert set(contact.people.all()) == {anna, per}
    entry = AuditEntry.objects.get(action="interactions.interaction.created")
    assert entry.actor == coordinator and entry.changes["attachments"]["after"] == ["Förslag.pdf"]

    shown = coordinator_client.get(response["Location"]).content.decode()
    assert "okand@example.se" in shown  # not in the directory: said, to add them
    attachment = contact.attachments.get()
    assert attachment.name == "Förslag.pdf" and attachment.size == 10
    assert attachment.get_absolute_url() in shown
    download = coordinator_client.get(attachment.get_absolute_url())
    assert b"".join(download.streaming_content) == b"%PDF-1.7 x"
    assert download["Content-Type"] == "application/octet-stream"
    assert download["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert "F%C3%B6rslag.pdf" in download["Content-Disposition"]


def test_an_outlook_e_mail_dropped_on_a_person_names_them(coordinator_client, institution):
    anna = f.PersonFactory(institution=institution, email="anna.lind@regionvasterbotten.se")
    lena = f.PersonFactory(institution=institution, email="")
    response = drop(coordinator_client, msg(), "Avtal.msg", people=f"#{lena.pk}")
    assert response.status_code == 302
    contact = Interaction.objects.get()
    assert set(contact.people.all()) == {anna, lena}
    assert contact.summary == "Avtalsutkast för 2027" and contact.occurred_on == datetime.date(2026, 3, 4)
    person_page = coordinator_client.get(lena.get_absolute_url()).content.decode()
    assert "Avtalsutkast för 2027" in person_page


@pytest.mark.parametrize(
    ("name", "content"), [("a.msg", b"not an outlook file"), ("a.txt", b"hej"), ("a.eml", b"")]
)
def test_a_file_that_is_not_an_e_mail_changes_nothing(
    coordinator_client, institution, settings, name, content
):
    partnership = f.PartnershipFactory(institution=institution)
    response = drop(coordinator_client, content, name, partnership=partnership.pk)
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    assert not Interaction.objects.exists() and not InteractionAttachment.objects.exists()
    assert not (settings.MEDIA_ROOT / "contacts").exists()


def test_an_attachment_is_seen_only_by_those_who_see_its_contact(members, world):
    own, sibling = world["own"], world["sibling"]
    internal = f.InteractionFactory(partnership=own["partnership"], visibility="internal")
    files = {}
    for key, contact in (
        ("shared", own["interaction"]),
        ("internal", internal),
        ("sibling", sibling["interaction"]),
    ):
        stored = InteractionAttachment(
            institution=contact.institution, interaction=contact, name=f"{key}.txt", size=1
        )
        stored.file.save("x", ContentFile(b"x"), save=False)
        stored.save()
        files[key] = stored.get_absolute_url()
    seen = {
        role: {key for key, url in files.items() if client_for(members[role]).get(url).status_code == 200}
        for role in ("coordinator", "partnership_coordinator", "viewer", "partner")
    }
    assert seen == {
        "coordinator": {"shared", "internal", "sibling"},
        "partnership_coordinator": {"shared", "internal", "sibling"},
        "viewer": {"shared", "internal", "sibling"},
        "partner": {"shared"},
    }
