"""Partner representatives are invited by e-mail with a single-use, expiring link."""

import datetime
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samverka.access.models import Invitation, token_digest
from samverka.core.models import AuditEntry, Membership
from tests import factories as f
from tests.conftest import client_for

# Most tests here ask the same world: built once for the module (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("shared_world")

GOOD_PASSWORD = "Ljusblå-Lastbil-7"


def invite(client, world, **extra):
    data = {
        "partnership": world["own"]["partnership"].pk,
        "organisation": f"#{world['own']['organisation'].pk}",
        "name": "Kim Partner",
        "email": "kim.partner@kommun.example.se",
        "language": "sv",
        **extra,
    }
    return client.post(reverse("access:invitation-create"), data)


def link_in(message) -> str:
    match = re.search(r"https?://\S+/invitation/\S+/", message.body)
    assert match, message.body
    return match.group(0).split("testserver", 1)[1]


@pytest.fixture
def invited(members, world, django_capture_on_commit_callbacks):
    """A coordinator's invitation, sent: (the link's path, the invitation)."""
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client_for(members["coordinator"]), world)
    assert response.status_code == 302
    return link_in(mail.outbox[-1]), Invitation.objects.get(email="kim.partner@kommun.example.se")


def account(**extra):
    return {
        "first_name": "Kim",
        "last_name": "Partner",
        "password1": GOOD_PASSWORD,
        "password2": GOOD_PASSWORD,
        **extra,
    }


def test_the_invitation_is_mailed_with_a_link_whose_token_is_not_stored(invited, world):
    path, invitation = invited
    message = mail.outbox[-1]
    assert message.to == ["kim.partner@kommun.example.se"]
    assert world["own"]["partnership"].title in message.subject
    assert "Inbjudan" in message.subject  # Swedish, as chosen
    token = path.rstrip("/").rsplit("/", 1)[-1]
    assert invitation.token_digest == token_digest(token)
    assert token not in str(Invitation.objects.values_list())
    assert AuditEntry.objects.filter(action="access.invitation.sent", object_id=invitation.pk).exists()


def test_an_english_invitation_is_written_in_english(members, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(client_for(members["coordinator"]), world, language="en")
    message = mail.outbox[-1]
    assert message.subject.startswith("Invitation to the partnership")
    # … and Samverka writes to the representative in English from then on
    [path] = re.findall(r"/invitation/[^/\s]+/", message.body)
    Client().post(path, account())
    assert Membership.objects.get(user__email="kim.partner@kommun.example.se").language == "en"


def test_accepting_makes_an_account_with_access_to_the_partnership(client, invited, world):
    path, invitation = invited
    page = client.get(path).content.decode()
    assert 'name="password1"' in page
    assert world["own"]["organisation"].name in page
    response = client.post(path, account())
    assert response.status_code == 302
    membership = Membership.objects.get(user__email="kim.partner@kommun.example.se")
    assert (membership.role, membership.organisation) == ("partner", world["own"]["organisation"])
    assert membership.language == "sv"  # e-mail in the language of the invitation
    page = client.get(reverse("workspace:start")).content.decode()  # signed in by accepting
    assert world["own"]["partnership"].title in page
    assert world["sibling"]["partnership"].title not in page
    invitation.refresh_from_db()
    assert invitation.accepted_by == membership.user
    assert AuditEntry.objects.filter(action="core.membership.created", object_id=membership.pk).exists()


def test_the_link_works_once(client, invited):
    path, _invitation = invited
    client.post(path, account())
    other = client_for(f.UserFactory())
    response = other.get(path)
    assert response.status_code == 410
    assert other.post(path).status_code == 410
    assert Membership.objects.filter(role="partner", user__email="kim.partner@kommun.example.se").count() == 1


@pytest.mark.parametrize(
    "problem",
    [
        {"password2": "something else entirely"},
        {"password1": "kort", "password2": "kort"},
        {"password1": "kimpartner123", "password2": "kimpartner123"},
        {"first_name": ""},
    ],
)
def test_a_bad_account_form_changes_nothing(client, invited, problem):
    path, invitation = invited
    response = client.post(path, account(**problem))
    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode()
    assert not Membership.objects.filter(user__email="kim.partner@kommun.example.se").exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_an_expired_or_withdrawn_or_unknown_link_is_refused(client, invited, members):
    path, invitation = invited
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert client.get(path).status_code == 410
    assert client.post(path, account()).status_code == 410
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() + datetime.timedelta(days=1))
    coordinator = client_for(members["coordinator"])
    assert coordinator.post(reverse("access:invitation-withdraw", args=[invitation.pk])).status_code == 302
    assert client.post(path, account()).status_code == 410
    assert client.get("/invitation/no-such-token/").status_code == 410
    assert not Membership.objects.filter(user__email="kim.partner@kommun.example.se").exists()


def test_an_organisation_outside_the_partnership_is_refused(
    members, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # a mail would be sent on commit
        response = invite(
            client_for(members["coordinator"]), world, organisation=f"#{world['sibling']['organisation'].pk}"
        )
    assert response.status_code == 200
    assert "inte part i" in response.content.decode()
    assert not Invitation.objects.filter(email="kim.partner@kommun.example.se").exists()
    assert mail.outbox == []


def test_partnership_coordinator_invites_only_to_their_partnership(members, world):
    client = client_for(members["partnership_coordinator"])
    response = invite(client, world, partnership=world["sibling"]["partnership"].pk)
    assert response.status_code == 200
    assert not Invitation.objects.filter(email="kim.partner@kommun.example.se").exists()
    assert invite(client, world).status_code == 302


def test_a_signed_in_member_of_the_institution_cannot_take_a_second_membership(invited, members):
    path, invitation = invited
    client = client_for(members["staff"])
    response = client.post(path)
    assert response.status_code == 409
    assert Membership.objects.get(user=members["staff"]).role == "staff"
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_an_existing_account_is_asked_to_log_in(client, invited):
    path, _invitation = invited
    f.UserFactory(username="kim.partner@kommun.example.se")
    page = client.get(path).content.decode()
    assert reverse("login") in page
    assert client.post(path, account()).status_code == 409


def test_ending_access_takes_effect_at_once(client, invited, members):
    path, _invitation = invited
    client.post(path, account())
    assert client.get(reverse("workspace:start")).status_code == 200
    membership = Membership.objects.get(user__email="kim.partner@kommun.example.se")
    coordinator = client_for(members["coordinator"])
    assert (
        reverse("access:membership-end", args=[membership.pk])
        in coordinator.get(reverse("access:invitation-list")).content.decode()
    )
    assert coordinator.post(reverse("access:membership-end", args=[membership.pk])).status_code == 302
    assert client.get(reverse("workspace:start")).status_code == 403
    assert AuditEntry.objects.filter(action="core.membership.ended", object_id=membership.pk).exists()


def test_the_partnership_page_offers_the_invitation(members, world):
    page = client_for(members["partnership_coordinator"]).get(world["own"]["partnership"].get_absolute_url())
    assert (
        f"{reverse('access:invitation-create')}?partnership={world['own']['partnership'].pk}"
        in page.content.decode()
    )
    page = client_for(members["partnership_coordinator"]).get(
        world["sibling"]["partnership"].get_absolute_url()
    )
    assert reverse("access:invitation-create") not in page.content.decode()
