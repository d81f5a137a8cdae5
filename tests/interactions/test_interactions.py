"""The contacts log: a coordinator logs each contact, follows it up, and shares what the partner may see."""

import datetime

from django.urls import reverse
from django.utils import timezone

from samverka.core.models import AuditEntry
from samverka.interactions.models import Interaction
from tests import factories as f
from tests.conftest import client_for


def test_a_coordinator_logs_a_call_with_who_took_part(coordinator_client, coordinator, institution):
    partnership = f.PartnershipFactory(institution=institution, title_sv="Region Västerbotten")
    anna = f.PersonFactory(institution=institution, first_name="Anna", last_name="Lind")
    data = {
        "kind": "call",
        "occurred_on": "2026-12-01",
        "summary": "Om nästa avtalsperiod",
        "partnership": partnership.pk,
        "people": f"#{anna.pk}",
        "follow_up_on": "2026-12-15",
        "visibility": "internal",
    }
    response = coordinator_client.post(reverse("interactions:interaction-create"), data)
    contact = Interaction.objects.get()
    assert response["Location"] == contact.get_absolute_url()
    assert list(contact.people.all()) == [anna]
    assert AuditEntry.objects.get(action="interactions.interaction.created").actor == coordinator
    page = coordinator_client.get(partnership.get_absolute_url()).content.decode()
    assert "Om nästa avtalsperiod" in page


def test_a_contact_about_nothing_or_followed_up_before_it_happened_is_refused(coordinator_client):
    base = {"kind": "note", "occurred_on": "2026-12-01", "summary": "Anteckning", "visibility": "internal"}
    refused = coordinator_client.post(reverse("interactions:interaction-create"), base)
    assert "Ange partnerskapet, organisationen eller personerna" in refused.content.decode()
    organisation = f.OrganisationFactory(institution=refused.wsgi_request.user.memberships.get().institution)
    early = {**base, "organisation": f"#{organisation.pk}", "follow_up_on": "2026-11-01"}
    refused = coordinator_client.post(reverse("interactions:interaction-create"), early)
    assert "En uppföljning kommer efter kontakten." in refused.content.decode()
    assert not Interaction.objects.exists()


def test_contacts_to_follow_up_are_on_the_start_page(coordinator_client, institution):
    today = timezone.localdate()
    partnership = f.PartnershipFactory(institution=institution)
    f.InteractionFactory(
        partnership=partnership, summary="Ring tillbaka", follow_up_on=today + datetime.timedelta(days=3)
    )
    f.InteractionFactory(
        partnership=partnership, summary="Långt fram", follow_up_on=today + datetime.timedelta(days=30)
    )
    f.InteractionFactory(
        partnership=partnership, summary="Glömd", follow_up_on=today - datetime.timedelta(days=3)
    )
    page = coordinator_client.get(reverse("workspace:start")).content.decode()
    assert "Ring tillbaka" in page and "Glömd" in page and "Långt fram" not in page


def test_the_partner_sees_only_what_is_shared_of_their_partnership(members, world):
    partnership = world["own"]["partnership"]
    internal = f.InteractionFactory(
        partnership=partnership, summary="Intern bedömning", visibility="internal"
    )
    partner = client_for(members["partner"])
    listing = partner.get(reverse("interactions:interaction-list")).content.decode()
    assert world["own"]["interaction"].summary in listing and "Intern bedömning" not in listing
    assert partner.get(internal.get_absolute_url()).status_code == 404
    assert partner.get(world["sibling"]["interaction"].get_absolute_url()).status_code == 404
