"""Users and roles in the workspace: the institution's administrator sets role, reach and period."""

import pytest
from django.urls import reverse

from samverka.core.models import AuditEntry, Membership
from tests.conftest import client_for

# Most tests here ask the same world: built once for the module (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("shared_world")

LIST = reverse("access:membership-list")


def edit(client, membership, **data):
    return client.post(reverse("access:membership-edit", args=[membership.pk]), data)


def test_the_administrator_lists_every_member_of_the_institution(members, world):
    page = client_for(members["admin"]).get(LIST).content.decode()
    for user in members.values():
        assert user.username in page
    assert "Lägg till ny" not in page  # members come by single sign-on or invitation
    page = client_for(members["admin"]).get(LIST, {"role": "partner"}).content.decode()
    assert "m-partner" in page
    assert "m-staff" not in page


def test_a_role_change_is_saved_and_recorded(members, world):
    membership = Membership.objects.get(user=members["viewer"])
    partnership = world["own"]["partnership"]
    response = edit(
        client_for(members["admin"]),
        membership,
        role="partnership_coordinator",
        partnerships=[partnership.pk],
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == "partnership_coordinator"
    assert list(membership.partnerships.all()) == [partnership]
    entry = AuditEntry.objects.get(action="core.membership.changed", object_id=membership.pk)
    assert entry.changes["role"] == {"before": "viewer", "after": "partnership_coordinator"}
    assert entry.actor == members["admin"]


def test_a_role_needs_its_reach(members, world):
    client = client_for(members["admin"])
    membership = Membership.objects.get(user=members["viewer"])
    response = edit(client, membership, role="partner")
    assert response.status_code == 200
    assert "behöver sin organisation" in response.content.decode()
    response = edit(client, membership, role="partnership_coordinator")
    assert "Välj de partnerskap" in response.content.decode()
    response = edit(client, membership, role="viewer", valid_from="2026-02-01", valid_until="2026-01-01")
    assert "kan inte upphöra innan" in response.content.decode()
    membership.refresh_from_db()
    assert (membership.role, membership.valid_until) == ("viewer", None)


def test_the_only_administrator_cannot_step_down(members):
    admin = Membership.objects.get(user=members["admin"])
    response = edit(client_for(members["admin"]), admin, role="viewer")
    assert response.status_code == 200
    assert "enda administratör" in response.content.decode()
    admin.refresh_from_db()
    assert admin.role == "admin"


def test_choices_out_of_reach_are_refused_as_the_forms_refuse_them(members, world):
    """Another institution's partnership, or a number no database holds, is "not a valid choice"."""
    client = client_for(members["admin"])
    membership = Membership.objects.get(user=members["viewer"])
    for chosen in (world["other"]["partnership"].pk, 2**70):
        response = edit(client, membership, role="partnership_coordinator", partnerships=[chosen])
        assert response.status_code == 200
        assert "giltigt" in response.context["form"].errors["partnerships"][0]
    membership.refresh_from_db()
    assert membership.role == "viewer"
