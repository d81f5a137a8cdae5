"""Ideas in a real browser (Debian's chromium), checked by axe-core: someone sends an idea through
the public form with the keyboard; a coordinator moves it across the board with the keyboard alone
and accepts a suggestion on its page."""

import pytest
from playwright.sync_api import expect

from samverka.ideas.models import Idea
from tests import factories as f
from tests.governance.test_governance_browser import log_in
from tests.workspace.test_browser import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def partnership():
    institution = f.InstitutionFactory(name_sv="Umeå universitet", slug="umu")
    partnership = f.PartnershipFactory(institution=institution, title_sv="Umeå kommun", published=True)
    f.FocusAreaFactory(partnership=partnership, name_sv="Vatten")
    f.MembershipFactory(institution=institution, role="coordinator", user__username="sara")
    unit = f.UnitFactory(institution=institution, name_sv="Institutionen för ekologi")
    f.ExpertProfileFactory(institution=institution, name="Vera Vatten", unit=unit)
    return partnership


def test_the_public_form_is_sent_with_the_keyboard(live_server, page, partnership):
    page.goto(f"{live_server.url}/ideer/ny/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Lämna en idé, ett behov eller en utmaning")
    assert axe_violations(page) == []
    page.get_by_label("Titel").fill("Bruna sjöar")
    page.get_by_label("Beskrivning").fill("Varför blir vattnet i sjöarna brunt?")
    page.get_by_label("Ditt namn").fill("Anna Andersson")
    page.get_by_label("Din e-post").fill("anna@example.se")
    page.get_by_role("button", name="Skicka").click()
    expect(page.get_by_role("alert")).to_be_visible()  # the consent is missing: the error summary
    expect(page.get_by_role("alert")).to_be_focused()  # a keyboard user starts at what to correct
    assert page.title().startswith("Fel: Lämna en idé")
    assert axe_violations(page) == []
    assert not Idea.objects.exists()
    page.get_by_label("Jag godkänner").check()
    page.get_by_role("button", name="Skicka").press("Enter")
    expect(page.get_by_role("status")).to_contain_text("IDE-")
    assert axe_violations(page) == []
    idea = Idea.objects.get()
    assert (idea.source, idea.title) == ("public", "Bruna sjöar")


def test_a_coordinator_moves_an_idea_across_the_board_with_the_keyboard(live_server, page, partnership):
    idea = f.IdeaFactory(partnership=partnership, title="Vattenkvalitet i sjöarna")
    base = live_server.url
    log_in(page, base, "sara")
    page.goto(f"{base}/app/ideas/board/")
    assert axe_violations(page) == []
    select = page.get_by_label("Flytta ”Vattenkvalitet i sjöarna” till")
    select.focus()
    select.select_option("assessing")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Flytta ”Vattenkvalitet i sjöarna”")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#stage-assessing").locator("xpath=..")).to_contain_text("Vattenkvalitet i sjöarna")
    expect(page.locator(f"#idea-{idea.pk}")).to_be_focused()  # the keyboard goes on from the card
    idea.refresh_from_db()
    assert idea.stage == "assessing"
    page.get_by_role("link", name="Vattenkvalitet i sjöarna").click()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Godta Vera Vatten").click()
    expect(page.get_by_role("link", name="Vera Vatten").first).to_be_visible()
    assert idea.contacts.get().profile.name == "Vera Vatten"


def test_the_statistics_and_the_public_partnership_page_keep_axes_best_practices(
    live_server, page, partnership
):
    """Issue 26: heading order on the public partnership page, unique landmarks on the statistics."""
    partnership.links = "https://example.se/samverkan"
    partnership.save()
    f.IdeaFactory(partnership=partnership, title="Vattenkvalitet i sjöarna")
    page.goto(f"{live_server.url}/partnerskap/{partnership.slug}/")
    expect(page.get_by_role("heading", level=2, name="Fokusområden")).to_be_visible()
    assert axe_violations(page, best_practice=True) == []
    log_in(page, live_server.url, "sara")
    page.goto(f"{live_server.url}/app/ideas/statistics/")
    expect(page.get_by_role("region", name="Idéer per källa och steg")).to_be_visible()
    assert axe_violations(page, best_practice=True) == []
