"""Suggestions for a record typed by name: the records the form would accept, as the user may see
them, and a keyboard user picks one in a real browser (the ARIA combobox pattern)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from samverka.core.references import reference_label
from tests import factories as f
from tests.conftest import client_for
from tests.workspace.test_browser import axe_violations


def suggestions(client, kind, text):
    response = client.get(reverse("workspace:reference-suggestions"), {"kind": kind, "q": text})
    return response.status_code, [
        r["label"] for r in response.json()["results"]
    ] if response.status_code == 200 else []


def test_suggestions_are_the_records_whose_names_hold_every_word(
    coordinator_client, institution, other_institution
):
    wanted = f.OrganisationFactory(institution=institution, name="Skellefteå kommun")
    f.OrganisationFactory(institution=institution, name="Umeå kommun")
    f.OrganisationFactory(institution=other_institution, name="Skellefteå kommun")  # another institution's
    assert suggestions(coordinator_client, "directory.organisation", "kommun skell") == (
        200,
        [reference_label(wanted)],
    )
    assert suggestions(coordinator_client, "directory.organisation", "k") == (200, [])  # too short
    assert suggestions(coordinator_client, "core.institution", "umeå") == (200, [])  # not a typed kind
    assert suggestions(coordinator_client, "nonsense", "umeå") == (200, [])


def test_a_partner_gets_no_suggestions_of_what_they_may_not_see(members, world):
    partner = client_for(members["partner"])
    status, _found = suggestions(partner, "directory.person", world["own"]["person"].last_name)
    assert status == 403
    status, found = suggestions(partner, "activities.activity", world["own"]["activity"].title_sv)
    own, sibling = world["own"]["activity"], world["sibling"]["activity"]
    assert status == 200 and reference_label(own) in found and reference_label(sibling) not in found


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_keyboard_user_picks_an_organisation_from_the_suggestions(live_server, page):
    institution = f.InstitutionFactory(name_sv="Umeå universitet", slug="umu")
    f.MembershipFactory(institution=institution, role="coordinator", user__username="anna")
    region = f.OrganisationFactory(institution=institution, name="Region Västerbotten")
    f.OrganisationFactory(institution=institution, name="Region Norrbotten")
    page.goto(f"{live_server.url}/app/")
    page.get_by_label("Användarnamn").fill("anna")
    page.get_by_label("Lösenord").fill("correct horse battery")
    page.get_by_role("button", name="Logga in").click()
    page.goto(f"{live_server.url}{reverse('directory:person-create')}")
    page.get_by_label("Förnamn").fill("Lena")
    page.get_by_label("Efternamn").fill("Berg")
    page.get_by_label("Part:").select_option("partner")
    box = page.get_by_role("combobox", name="Organisation")
    box.press_sequentially("region", delay=30)
    suggested = page.get_by_role("listbox", name="Förslag: Organisation")
    expect(suggested.get_by_role("option")).to_have_count(2)
    assert axe_violations(page) == []
    box.press("ArrowDown")
    box.press("ArrowDown")
    expect(suggested.get_by_role("option", selected=True)).to_have_text(reference_label(region))
    box.press("Enter")
    expect(box).to_have_value(reference_label(region))
    expect(box).to_have_attribute("aria-expanded", "false")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lena Berg")
    expect(page.get_by_role("link", name="Region Västerbotten").first).to_be_visible()


def test_a_keyboard_user_adds_people_to_an_activity_from_the_suggestions(live_server, page):
    institution = f.InstitutionFactory(name_sv="Umeå universitet", slug="umu")
    f.MembershipFactory(institution=institution, role="coordinator", user__username="anna")
    lena = f.PersonFactory(institution=institution, first_name="Lena", last_name="Berg")
    karl = f.PersonFactory(institution=institution, first_name="Karl", last_name="Bergström")
    activity = f.ActivityFactory(institution=institution, partnership=None, title_sv="Gästföreläsning")
    activity.people.add(karl)
    page.goto(f"{live_server.url}/app/")
    page.get_by_label("Användarnamn").fill("anna")
    page.get_by_label("Lösenord").fill("correct horse battery")
    page.get_by_role("button", name="Logga in").click()
    page.goto(f"{live_server.url}{reverse('activities:activity-edit', args=[activity.pk])}")
    box = page.get_by_role("combobox", name="Lägg till: Medverkande personer")
    box.press_sequentially("lena", delay=30)
    suggested = page.get_by_role("listbox", name="Förslag: Lägg till: Medverkande personer")
    expect(suggested.get_by_role("option")).to_have_count(1)
    assert axe_violations(page) == []
    box.press("ArrowDown")
    box.press("Enter")
    expect(box).to_have_value("")  # ready for the next one
    lines = page.get_by_label("Medverkande personer:", exact=True)
    expect(lines).to_have_value(f"{reference_label(karl)}\n{reference_label(lena)}")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gästföreläsning")
    assert set(activity.people.all()) == {karl, lena}
