"""Security hygiene: the CSP header, no inline script, hostile text kept as typed and shown harmless,
uploads limited in kind and size and served safely."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from samverka.directory.models import Organisation
from samverka.partnerships.forms import PartnershipForm
from samverka.partnerships.models import Agreement, Partnership
from tests import factories as f
from tests.conftest import client_for
from tests.pdf import pdf_pages

# Most tests here ask the same world: built once for the module (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("shared_world")

HOSTILE = [
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE partnerships_partnership; --",
    "Robert'); DELETE FROM core_membership WHERE ('1'='1",
    "\u202eevil.exe\u202c and \u200fמשהו",  # right-to-left marks
    # control characters are refused at their field (tests/core/test_forms.py)
    "{{ request }} {% debug %}",  # template syntax is text too
]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
INLINE_STYLE = re.compile(r"\sstyle=", re.I)
INLINE_HANDLER = re.compile(r"\son[a-z]+=", re.I)


def form_data(form) -> dict:
    """What a browser would post for ``form`` as it stands (its initial values)."""
    data = {}
    for bound in form:
        value = bound.value()
        if value is None:
            continue
        if isinstance(value, list | tuple):
            data[bound.html_name] = [str(v) for v in value]
        elif isinstance(value, bool):
            if value:
                data[bound.html_name] = "on"
        else:
            data[bound.html_name] = str(value)
    return data


def pages(world):
    own = world["own"]
    return [
        reverse("workspace:start"),
        own["partnership"].get_absolute_url(),
        reverse("partnerships:partnership-list"),
        reverse("partnerships:partnership-edit", args=[own["partnership"].pk]),
        own["activity"].get_absolute_url(),
        reverse("activities:activity-list"),
        own["organisation"].get_absolute_url(),
        reverse("access:invitation-list"),
        reverse("access:audit-list"),
        reverse("account:overview"),
        reverse("account:two-factor-setup"),
        reverse("public:partnership-list"),
        reverse("login"),
    ]


def test_every_page_has_a_strict_content_security_policy(client, administrator, world):
    admin = client_for(administrator)
    for url in pages(world):
        response = admin.get(url) if not url.startswith(reverse("login")) else client.get(url)
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy, url
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, url
        assert "frame-ancestors 'none'" in policy, url
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"


def test_no_page_has_inline_script_style_or_event_handlers(client, administrator, world):
    admin = client_for(administrator)
    world["own"]["partnership"].published = True
    world["own"]["partnership"].save()
    urls = [*pages(world), world["own"]["partnership"].get_public_url()]
    for url in urls:
        html = admin.get(url).content.decode()
        assert not INLINE_SCRIPT.search(html), url
        assert not INLINE_STYLE.search(html), url
        assert not INLINE_HANDLER.search(html), url


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_stored_as_typed_and_shown_harmless(coordinator_client, institution, world, text):
    partnership = world["own"]["partnership"]
    partnership.published = True
    partnership.save()
    form = PartnershipForm(instance=partnership, institution=institution)
    data = form_data(form)
    data.update(title_sv=f"P {text}", purpose_sv=text, public_description_sv=text, internal_notes=text)
    response = coordinator_client.post(reverse("partnerships:partnership-edit", args=[partnership.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    partnership.refresh_from_db()
    assert (partnership.title_sv, partnership.purpose_sv, partnership.internal_notes) == (
        f"P {text}",
        text,
        text,
    )
    for page in (
        coordinator_client.get(partnership.get_absolute_url()),
        coordinator_client.get(reverse("partnerships:partnership-list")),
        coordinator_client.get(partnership.get_public_url()),
    ):
        html = page.content.decode()
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert escape(f"P {text}") in html  # shown as the text it is
    # the organisation form takes the same text in its name and notes
    data = {"name": text, "type": "company", "notes": text}
    assert coordinator_client.post(reverse("directory:organisation-create"), data).status_code == 302
    assert Organisation.objects.filter(name=text, notes=text).exists()


@pytest.mark.parametrize(
    ("value", "message"),
    [("x" * 10_000, "200 tecken"), ("null\x00byte", "styrtecknet U+0000")],
)
def test_too_long_or_null_text_is_refused_and_changes_nothing(
    coordinator_client, institution, world, value, message
):
    partnership = world["own"]["partnership"]
    before = Partnership.objects.filter(pk=partnership.pk).values().get()
    data = form_data(PartnershipForm(instance=partnership, institution=institution))
    data["title_sv"] = value
    response = coordinator_client.post(reverse("partnerships:partnership-edit", args=[partnership.pk]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Partnership.objects.filter(pk=partnership.pk).values().get() == before


# --- uploads ----------------------------------------------------------------


def agreement_data(partnership, upload):
    return {
        "partnership": partnership.pk,
        "sequence": 2,
        "type": "partnership_agreement",
        "starts_on": "2024-01-01",
        "signed_file": upload,
    }


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("avtal.exe", b"MZ\x90\x00", "inte ”.exe”"),
        ("avtal.html", b"<script>alert(1)</script>", "inte ”.html”"),
        ("avtal.pdf", b"<html><script>alert(1)</script>", "Filens innehåll är inte en .pdf-fil"),
        ("avtal.docx", b"%PDF-1.4 not a zip", "Filens innehåll är inte en .docx-fil"),
    ],
)
def test_an_upload_of_the_wrong_kind_is_refused(coordinator_client, world, name, content, message):
    partnership = world["own"]["partnership"]
    upload = SimpleUploadedFile(name, content)
    response = coordinator_client.post(
        reverse("partnerships:agreement-create"), agreement_data(partnership, upload)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Agreement.objects.filter(partnership=partnership, sequence=2).exists()


def test_an_upload_too_large_is_refused(coordinator_client, world, settings):
    settings.SAMVERKA_UPLOAD_MAX_MB = 1
    partnership = world["own"]["partnership"]
    upload = SimpleUploadedFile("avtal.pdf", b"%PDF-1.7\n" + b"0" * (1024 * 1024 + 1))
    response = coordinator_client.post(
        reverse("partnerships:agreement-create"), agreement_data(partnership, upload)
    )
    assert response.status_code == 200
    assert "högst 1 MB" in response.content.decode()
    assert not Agreement.objects.filter(partnership=partnership, sequence=2).exists()


def test_a_good_upload_is_kept_and_served_as_a_sandboxed_download(coordinator_client, world):
    partnership = world["own"]["partnership"]
    upload = SimpleUploadedFile("avtal.pdf", b"%PDF-1.7 signed by both")
    response = coordinator_client.post(
        reverse("partnerships:agreement-create"), agreement_data(partnership, upload)
    )
    assert response.status_code == 302
    agreement = Agreement.objects.get(partnership=partnership, sequence=2)
    download = coordinator_client.get(reverse("partnerships:agreement-file", args=[agreement.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.7 signed by both"
    assert download["Content-Disposition"].startswith("attachment")
    assert download["Content-Security-Policy"].startswith("sandbox")
    assert "no-store" in download["Cache-Control"]


def test_a_partner_never_downloads_agreements(members, world):
    agreement = f.AgreementFactory(partnership=world["own"]["partnership"], sequence=3)
    url = reverse("partnerships:agreement-file", args=[agreement.pk])
    assert client_for(members["partner"]).get(url).status_code == 403


# --- every text field of every record, shown harmless ----------------------------------

SCRIPT = "<script>alert('x')</script>\u202e\x07"


def text_fields(model):
    from django.db import models

    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and not isinstance(field, models.SlugField | models.EmailField | models.URLField)
        and not field.choices
        and field.editable
        and field.name not in {"org_number"}
    ]


def test_every_text_field_of_every_record_is_shown_harmless(administrator, world):
    """Script in every text field of every kind of record, then every page that shows them."""
    client = client_for(administrator)
    touched = []
    for obj in world["own"].values():
        model = type(obj)
        fields = text_fields(model)
        if not fields or not hasattr(obj, "get_absolute_url"):
            continue
        values = {
            field.attname: SCRIPT[: field.max_length] if field.max_length else SCRIPT for field in fields
        }
        model.objects.filter(pk=obj.pk).update(**values)
        touched.append(obj)
    partnership = world["own"]["partnership"]
    Partnership.objects.filter(pk=partnership.pk).update(published=True)
    urls = [obj.get_absolute_url() for obj in touched] + [
        reverse("partnerships:partnership-list"),
        reverse("directory:person-list"),
        reverse("directory:organisation-list"),
        reverse("activities:activity-list"),
        reverse("news:newsitem-list"),
        reverse("workspace:start"),
        reverse("access:invitation-list"),
        reverse("public:partnership-list"),
        reverse("public:partnership", args=[partnership.slug]),
    ]
    assert len(touched) >= 8
    for url in urls:
        html = client.get(url).content.decode()
        assert "<script>alert" not in html, url
        assert "&lt;script&gt;alert" in html, url  # shown, as the text it is


def test_hostile_names_are_harmless_in_generated_documents(administrator, world):
    person = world["own"]["person"]
    Person = type(person)
    Person.objects.filter(pk=person.pk).update(
        first_name="<script>alert(1)</script>", last_name="\u202eNyman\x07"
    )
    response = client_for(administrator).get(reverse("privacy:person-export-pdf", args=[person.pk]))
    assert response.status_code == 200
    text = pdf_pages(response.content)[0]
    assert "<script>alert(1)</script>" in text  # the characters as typed, as text in a PDF
    assert "Nyman" in text  # not turned around by the pasted right-to-left override
    json_export = client_for(administrator).get(reverse("privacy:person-export-json", args=[person.pk]))
    assert json_export["Content-Type"].startswith("application/json")


HUGE = "9" * 30  # more than any database column holds


@pytest.mark.parametrize(
    "url",
    [
        f"/app/activities/?partnership={HUGE}",
        f"/app/activities/?focus_area={HUGE}&partnership={HUGE}",
        "/app/activities/?year=-4141738217717109",
        f"/app/activities/?parent=%23{HUGE}",
        f"/app/activities/new/?partnership={HUGE}",
        f"/app/access/invitations/new/?partnership={HUGE}&person={HUGE}",
        f"/app/partnerships/?organisations=%23{HUGE}",
    ],
)
def test_numbers_too_large_for_the_database_are_refused_not_crashed(coordinator_client, url):
    """Found by schemathesis on the API; the same filters and forms serve the workspace."""
    assert coordinator_client.get(url).status_code == 200
