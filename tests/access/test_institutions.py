"""``samverka create-institution``: an institution and its first administrator without the Django
admin (access/institutions.py)."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client

from samverka.core.models import AuditEntry, Institution, Membership
from tests import factories as f

NEW = "a brand new pass phrase 42"


def create(*args: str, capture=True):
    out = io.StringIO()
    call_command("create-institution", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_an_institution_is_set_up_and_its_administrator_logs_in(settings, django_capture_on_commit_callbacks):
    settings.SAMVERKA_BASE_URL = "https://samverka.example.se"
    with django_capture_on_commit_callbacks(execute=True):
        out = create(
            "miun",
            "--name",
            "Mittuniversitetet",
            "--name-en",
            "Mid Sweden University",
            "--scopes",
            "miun.se",
            "--admin",
            "Karin.Ek@miun.se",
            "--website",
            "https://www.miun.se/",
        )
    assert "karin.ek@miun.se is its administrator" in out
    institution = Institution.objects.get(slug="miun")
    assert (institution.name_sv, institution.name_en, institution.scopes) == (
        "Mittuniversitetet",
        "Mid Sweden University",
        {"miun.se"},
    )
    membership = Membership.objects.get(institution=institution)
    assert (membership.role, membership.user.email) == ("admin", "karin.ek@miun.se")
    assert not membership.user.has_usable_password()
    assert AuditEntry.objects.filter(action="core.institution.created", institution=institution).exists()
    [message] = mail.outbox
    assert message.to == ["karin.ek@miun.se"]
    assert message.subject == "Du är administratör för Mittuniversitetet i Samverka"
    [url] = re.findall(r"https://samverka\.example\.se(/login/password/\S+/)", message.body)
    client = Client()
    form = client.get(url, follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    response = client.post("/login/", {"username": "karin.ek@miun.se", "password": NEW})
    assert response.status_code == 302
    # an administrator sets up two-factor authentication before any page opens
    assert client.get("/app/")["Location"].startswith("/account/two-factor/")


REFUSALS = {
    "a short name that is taken": (["umu", "--name", "Kopia", "--admin", "a@b.se"], "slug"),
    "a short name that is not one": (["u m u", "--name", "X", "--admin", "a@b.se"], "slug"),
    "a scope that is not a domain": (
        ["ny", "--name", "X", "--scopes", "@umu", "--admin", "a@b.se"],
        "sso_scopes",
    ),
    "an address that is not one": (["ny", "--name", "X", "--admin", "not-an-address"], "admin_email"),
    "a website that is not one": (["ny", "--name", "X", "--website", "www", "--admin", "a@b.se"], "website"),
}


@pytest.mark.parametrize("case", REFUSALS, ids=list(REFUSALS))
def test_bad_input_is_refused_and_nothing_is_made(institution, case, django_capture_on_commit_callbacks):
    args, field = REFUSALS[case]
    before = (Institution.objects.count(), get_user_model().objects.count(), Membership.objects.count())
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(CommandError) as refused:
        create(*args)
    assert "Nothing was made." in str(refused.value)
    assert f"{field}:" in str(refused.value)
    assert (
        Institution.objects.count(),
        get_user_model().objects.count(),
        Membership.objects.count(),
    ) == before
    assert mail.outbox == []


@pytest.mark.django_db
def test_an_existing_account_becomes_the_administrator_and_keeps_its_password(
    django_capture_on_commit_callbacks,
):
    user = f.UserFactory(username="per", email="per@lnu.se")
    user.set_password("his own password")
    user.save()
    with django_capture_on_commit_callbacks(execute=True):
        create("lnu", "--name", "Linnéuniversitetet", "--admin", "PER@lnu.se", "--language", "en")
    assert Membership.objects.get(institution__slug="lnu").user == user
    [message] = mail.outbox
    assert message.subject == "You are the administrator of Linnéuniversitetet in Samverka"
    assert "/login/password/" not in message.body
    user.refresh_from_db()
    assert user.check_password("his own password")


# --- the installation's page ------------------------------------------------------------


def test_only_the_installations_administrators_open_its_page(client, institution):
    from django.urls import reverse

    from tests.conftest import ROLES, client_for

    url = reverse("installation:institutions")
    assert client.get(url)["Location"].startswith("/login/")
    for role in ROLES:  # an institution's administrator is not the installation's
        member = f.MembershipFactory(institution=institution, role=role, user__username=f"m-{role}").user
        assert client_for(member).get(url).status_code == 403, role
        assert client_for(member).post(url, {"slug": "x"}).status_code == 403, role
    assert not Institution.objects.filter(slug="x").exists()
    superuser = f.UserFactory(username="root", is_superuser=True, is_staff=True)
    page = client_for(superuser).get(url)
    assert page.status_code == 200
    assert institution.name_sv in page.content.decode()


def test_the_installations_administrator_sets_up_an_institution(
    institution, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from tests.conftest import client_for

    superuser = f.UserFactory(username="root", is_superuser=True, is_staff=True)
    client = client_for(superuser)
    url = reverse("installation:institutions")
    taken = client.post(url, {"name_sv": "Kopia", "slug": "umu", "admin_email": "a@b.se", "language": "sv"})
    assert taken.status_code == 200
    assert "Lärosäte med detta Kortnamn i webbadresser finns redan." in taken.content.decode()
    bad_scope = client.post(
        url, {"name_sv": "Ny", "slug": "ny", "scopes": "@ny", "admin_email": "a@b.se", "language": "sv"}
    )
    assert "Inte en domän: @ny" in bad_scope.content.decode()
    assert Institution.objects.count() == 1 and mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            url,
            {
                "name_sv": "Luleå tekniska universitet",
                "name_en": "Luleå University of Technology",
                "slug": "ltu",
                "scopes": "ltu.se",
                "website": "www.ltu.se",
                "public_host": "Samverka.LTU.se",
                "admin_email": "admin@ltu.se",
                "language": "en",
            },
            follow=True,
        )
    assert (
        "Luleå tekniska universitet sattes upp; admin@ltu.se fick e-post om hur man loggar in."
        in done.content.decode()
    )
    ltu = Institution.objects.get(slug="ltu")
    assert (ltu.website, ltu.scopes, ltu.public_host) == ("https://www.ltu.se", {"ltu.se"}, "samverka.ltu.se")
    page = client.get(url).content.decode()
    assert 'href="/ltu/partnerskap/"' in page and "samverka.ltu.se" in page
    bad_host = client.post(
        url,
        {
            "name_sv": "Ny",
            "slug": "ny",
            "public_host": "https://ny.se/",
            "admin_email": "a@b.se",
            "language": "sv",
        },
    )
    assert "är inte ett värdnamn" in bad_host.content.decode()
    assert Membership.objects.get(institution=ltu).role == "admin"
    assert mail.outbox[0].subject == "You are the administrator of Luleå University of Technology in Samverka"
    assert AuditEntry.objects.get(action="core.institution.created", institution=ltu).actor == superuser
