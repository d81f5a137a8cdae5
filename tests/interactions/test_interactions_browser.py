"""A coordinator's day in a real browser: an e-mail dropped on a partnership becomes a contact with
its attachment, and the partnership's timeline shows it; axe-core on each page."""

import pytest
from playwright.sync_api import expect

from tests import factories as f
from tests.interactions.test_mailfiles import eml
from tests.workspace.test_browser import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_drops_an_e_mail_on_a_partnership_and_finds_it_in_the_timeline(
    live_server, page, tmp_path
):
    institution = f.InstitutionFactory(name_sv="Umeå universitet", slug="umu")
    f.MembershipFactory(institution=institution, role="coordinator", user__username="anna")
    partnership = f.PartnershipFactory(institution=institution, title_sv="Region Västerbotten")
    f.PersonFactory(
        institution=institution, first_name="Anna", last_name="Lind", email="anna.lind@regionvasterbotten.se"
    )
    saved = tmp_path / "Nästa möte.eml"
    saved.write_bytes(eml(attachments=[("Förslag.pdf", b"%PDF-1.7 x")]))

    page.goto(f"{live_server.url}/app/")
    page.get_by_label("Användarnamn").fill("anna")
    page.get_by_label("Lösenord").fill("correct horse battery")
    page.get_by_role("button", name="Logga in").click()
    page.goto(f"{live_server.url}{partnership.get_absolute_url()}")
    assert axe_violations(page) == []

    page.get_by_label(
        "Logga ett e-postmeddelande: släpp en .eml- eller .msg-fil här, eller välj en"
    ).set_input_files(saved)
    page.get_by_role("button", name="Logga e-postmeddelandet").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nästa styrgruppsmöte")
    expect(page.get_by_text("Deltog: Anna Lind.")).to_be_visible()
    expect(page.get_by_role("link", name="Förslag.pdf")).to_be_visible()
    assert axe_violations(page) == []

    page.goto(f"{live_server.url}{partnership.get_absolute_url()}")
    page.get_by_role("link", name="Tidslinje: allt som hänt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tidslinje för Region Västerbotten")
    expect(page.get_by_role("link", name="E-post: Nästa styrgruppsmöte")).to_be_visible()
    page.get_by_role("checkbox", name="Kontakt").check()
    page.get_by_label("År").fill("2026")
    page.get_by_role("button", name="Filtrera").click()
    expect(page.get_by_role("link", name="E-post: Nästa styrgruppsmöte")).to_be_visible()
    assert axe_violations(page) == []
