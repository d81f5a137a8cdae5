"""Passwords of local accounts: change, reset by e-mail (read back from the sent message), the
administrator's link, rate limits and lock-outs (access/passwords.py)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse

from samverka.core.models import AuditEntry
from tests import factories as f
from tests.conftest import PASSWORD, client_for

NEW = "a brand new pass phrase 42"


@pytest.fixture
def anna(institution):
    user = f.MembershipFactory(
        institution=institution, role="coordinator", user__username="anna", user__email="anna@umu.se"
    ).user
    user.set_password(PASSWORD)
    user.save()
    return user


def link_in(message) -> str:
    """The path of the link in a sent message (its text part), checked to be absolute."""
    [url] = re.findall(r"https?://\S+/login/password/\S+/", message.body)
    assert url.startswith("https://samverka.example-university.se/")
    return url.removeprefix("https://samverka.example-university.se")


def logs_in(username, password) -> bool:
    client = Client()
    client.post(reverse("login"), {"username": username, "password": password})
    return "_auth_user_id" in client.session


@pytest.fixture(autouse=True)
def _base(settings):
    settings.SAMVERKA_BASE_URL = "https://samverka.example-university.se"


@pytest.mark.parametrize(
    ("prefix", "language", "subject"), [("", "sv", "Ett nytt lösenord"), ("/en", "en", "A new password")]
)
def test_a_forgotten_password_is_reset_by_a_link_in_the_pages_language(
    client, anna, prefix, language, subject
):
    login_page = client.get(f"{prefix}/login/").content.decode()
    assert f'href="{prefix}/login/password/"' in login_page
    response = client.post(f"{prefix}/login/password/", {"email": "ANNA@umu.se"})
    assert response.status_code == 302 and response["Location"] == f"{prefix}/login/password/sent/"
    [message] = mail.outbox
    assert message.to == ["anna@umu.se"] and message.subject.startswith(subject)
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    assert message.extra_headers["Content-Language"] == language
    html = message.alternatives[0].content
    assert f'<html lang="{language}">' in html
    path = link_in(message)
    form = client.get(path, follow=True)
    assert 'name="new_password1"' in form.content.decode()
    done = client.post(form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    assert done.status_code == 302
    assert logs_in("anna", NEW) and not logs_in("anna", PASSWORD)
    # the link works once
    again = Client().get(path, follow=True).content.decode()
    assert 'name="new_password1"' not in again
    assert AuditEntry.objects.filter(action="auth.user.password_reset", object_id=anna.pk).exists()


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, anna):
    response = client.post("/login/password/", {"email": "nobody@umu.se"})
    assert response.status_code == 302 and response["Location"] == "/login/password/sent/"
    assert mail.outbox == []


def test_an_account_without_a_password_gets_no_link(client, institution):
    sso = f.MembershipFactory(institution=institution, user__username="sso", user__email="sso@umu.se").user
    sso.set_unusable_password()
    sso.save()
    client.post("/login/password/", {"email": "sso@umu.se"})
    assert mail.outbox == []
    page = client_for(sso).get(reverse("account:password-change"), follow=True).content.decode()
    assert "Samverka sparar inget lösenord åt dig" in page


def test_a_wrong_or_tampered_link_sets_nothing(client, anna):
    client.post("/login/password/", {"email": "anna@umu.se"})
    path = link_in(mail.outbox[0])
    uid, token = path.rstrip("/").split("/")[-2:]
    forged = f"/login/password/{uid}/{token[:-2]}xx/"
    page = client.get(forged, follow=True).content.decode()
    assert "Länken fungerar inte längre" in page
    client.post(forged, {"new_password1": NEW, "new_password2": NEW})
    assert logs_in("anna", PASSWORD)


def test_too_many_asks_are_refused_and_send_nothing_more(client, anna):
    for _ in range(3):
        assert client.post("/login/password/", {"email": "anna@umu.se"}).status_code == 302
    refused = client.post("/login/password/", {"email": "anna@umu.se"})
    assert refused.status_code == 429
    assert "Försök igen om en timme" in refused.content.decode()
    assert len(mail.outbox) == 3


def test_a_locked_out_person_is_sent_to_the_reset_and_can_log_in_after_it(client, anna, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "anna", "password": "wrong"})
    locked = client.post(reverse("login"), {"username": "anna", "password": PASSWORD})
    assert 'href="/login/password/"' in locked.content.decode()
    client.post("/login/password/", {"email": "anna@umu.se"})
    path = link_in(mail.outbox[0])
    form = client.get(path, follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    assert logs_in("anna", NEW)


def test_a_member_changes_their_own_password_and_other_sessions_end(anna):
    client, other = Client(), Client()
    for c in (client, other):
        c.post(reverse("login"), {"username": "anna", "password": PASSWORD})
    assert reverse("account:password-change") in client.get(reverse("account:overview")).content.decode()
    wrong = client.post(
        reverse("account:password-change"),
        {"old_password": "wrong", "new_password1": NEW, "new_password2": NEW},
    )
    assert wrong.status_code == 200 and logs_in("anna", PASSWORD)
    response = client.post(
        reverse("account:password-change"),
        {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
    )
    assert response["Location"] == reverse("account:overview")
    assert client.get("/app/").status_code == 200  # this session stays
    assert other.get("/app/").status_code == 302  # the other is logged out
    assert logs_in("anna", NEW)
    assert AuditEntry.objects.filter(action="auth.user.password_changed", object_id=anna.pk).exists()


def test_an_administrator_sends_a_member_a_link(institution, anna):
    admin = f.MembershipFactory(institution=institution, role="admin", user__username="boss").user
    membership = anna.memberships.get()
    client = client_for(admin)
    page = client.get(reverse("access:membership-edit", args=[membership.pk])).content.decode()
    assert "Skicka en länk till anna@umu.se" in page
    response = client.post(reverse("access:membership-password-link", args=[membership.pk]))
    assert response["Location"] == reverse("access:membership-edit", args=[membership.pk])
    [message] = mail.outbox
    assert message.to == ["anna@umu.se"]
    path = link_in(message)
    assert path not in client.get(response["Location"]).content.decode()  # mailed, never shown
    entry = AuditEntry.objects.get(action="auth.user.password_link_sent", object_id=anna.pk)
    assert entry.actor == admin
    assert get_user_model().objects.get(pk=anna.pk).check_password(PASSWORD)  # nothing changed yet


def test_asking_for_a_link_is_recorded_as_no_ones_act(client, anna):
    client.post("/login/password/", {"email": "anna@umu.se"})
    entry = AuditEntry.objects.get(action="auth.user.password_reset_asked", object_id=anna.pk)
    assert entry.actor is None  # anyone may type an address: not Anna's act
