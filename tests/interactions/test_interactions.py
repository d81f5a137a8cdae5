"""The contacts log: a coordinator logs each contact, follows it up, and shares what the partner may see."""

import datetime

import icalendar
from django.urls import reverse
from django.utils import timezone

from samverka.core.forms import form_data_of
from samverka.core.models import AuditEntry
from samverka.core.permissions import Policy
from samverka.governance.calendar import calendar_for
from samverka.interactions.forms import InteractionForm
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


def test_follow_ups_are_in_the_calendar_feed_until_followed_up(members, world):
    own, sibling = world["own"], world["sibling"]
    due = timezone.localdate() + datetime.timedelta(days=5)
    internal = f.InteractionFactory(
        partnership=own["partnership"], summary="Skicka avtalsutkast", follow_up_on=due
    )
    shared = f.InteractionFactory(
        partnership=own["partnership"], summary="Boka studiebesök", follow_up_on=due, visibility="shared"
    )
    done = f.InteractionFactory(
        partnership=own["partnership"], summary="Redan klart", follow_up_on=due, followed_up=True
    )
    elsewhere = f.InteractionFactory(partnership=sibling["partnership"], follow_up_on=due)

    def follow_ups(member, partnership=None):
        feed = calendar_for(Policy(member.memberships.get()), partnership=partnership)
        return {
            str(event["uid"]).split("@")[0]: event
            for event in icalendar.Calendar.from_ical(feed).walk("VEVENT")
            if str(event["uid"]).startswith("samverka-follow-up-")
        }

    coordinator = follow_ups(members["coordinator"])
    assert set(coordinator) == {f"samverka-follow-up-{c.pk}" for c in (internal, shared, elsewhere)}
    event = coordinator[f"samverka-follow-up-{internal.pk}"]
    assert str(event["summary"]) == "Följ upp: Skicka avtalsutkast"
    assert event.decoded("dtstart") == due
    assert str(own["partnership"]) in str(event["description"])
    assert set(follow_ups(members["coordinator"], own["partnership"])) == {
        f"samverka-follow-up-{c.pk}" for c in (internal, shared)
    }
    # the partner's representative: what is shared with them, of their partnership
    assert set(follow_ups(members["partner"])) == {f"samverka-follow-up-{shared.pk}"}
    assert done.pk not in {int(uid.rsplit("-", 1)[1]) for uid in coordinator}


def test_a_followed_up_contact_leaves_the_start_page_and_the_filter(coordinator_client, institution):
    partnership = f.PartnershipFactory(institution=institution)
    soon = timezone.localdate() + datetime.timedelta(days=2)
    contact = f.InteractionFactory(partnership=partnership, summary="Ring tillbaka", follow_up_on=soon)
    f.InteractionFactory(partnership=partnership, summary="Utan uppföljning")
    listing = reverse("interactions:interaction-list")
    assert "Ring tillbaka" in coordinator_client.get(reverse("workspace:start")).content.decode()
    assert "Utan uppföljning" not in coordinator_client.get(listing, {"follow_up": "true"}).content.decode()

    fields = InteractionForm(instance=contact, institution=institution).fields
    data = {**form_data_of(contact, fields), "followed_up": "on", "expected_version": contact.version}
    response = coordinator_client.post(reverse("interactions:interaction-edit", args=[contact.pk]), data)
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.followed_up and contact.follow_up_on == soon
    coordinator_client.get(response["Location"])  # the saved message, shown once
    assert "Ring tillbaka" not in coordinator_client.get(reverse("workspace:start")).content.decode()
    assert "Ring tillbaka" not in coordinator_client.get(listing, {"follow_up": "true"}).content.decode()
    assert "Ring tillbaka" in coordinator_client.get(listing, {"follow_up": "false"}).content.decode()
