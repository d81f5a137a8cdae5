"""A meeting from plan to approved minutes in a real browser (Debian's chromium), checked by axe-core."""

from pathlib import Path

import docx
import pytest
from playwright.sync_api import expect

from samverka.governance.models import ActionItem, Decision, Meeting, MinutesVersion
from tests import factories as f
from tests.pdf import pdf_text
from tests.workspace.test_browser import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, base, username):
    page.goto(f"{base}/app/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill("correct horse battery")
    page.get_by_role("button", name="Logga in").click()


def add_item(page, title, outcome):
    page.get_by_role("link", name="Lägg till ett ärende").click()
    page.get_by_label("Titel:", exact=True).fill(title)
    page.get_by_label("Förväntat utfall:", exact=True).select_option(label=outcome)
    page.get_by_role("button", name="Spara").click()


def test_a_coordinator_plans_a_meeting_records_the_minutes_approves_them_and_downloads_them(
    live_server, page
):
    institution = f.InstitutionFactory(name_sv="Umeå universitet", slug="umu")
    f.MembershipFactory(
        institution=institution, role="coordinator", user__username="anna", user__email="anna@umu.se"
    )
    partnership = f.PartnershipFactory(institution=institution, title_sv="Umeå kommun")
    body = f.BodyFactory(institution=institution, partnership=partnership, name_sv="Styrgruppen")
    f.BodyMemberFactory(
        body=body,
        role="chair",
        person__first_name="Anna",
        person__last_name="Rektor",
        person__email="anna@umu.se",
    )
    partner = f.BodyMemberFactory(
        body=body, person__first_name="Karl", person__last_name="Kommun", person__side="partner"
    ).person
    base = live_server.url
    log_in(page, base, "anna")

    # Plan the meeting from the body's page.
    page.goto(f"{base}{body.get_absolute_url()}")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Planera ett möte").click()
    page.get_by_label("Börjar:", exact=True).fill("2026-12-10T13:00")
    page.get_by_label("Slutar:", exact=True).fill("2026-12-10T15:00")
    page.get_by_label("Plats:", exact=True).fill("Rektorsvillan")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Styrgruppen 2026-12-10")
    meeting_url = page.url

    # Three agenda items, numbered for us.
    add_item(page, "Mötets öppnande", "information")
    page.goto(meeting_url)
    add_item(page, "Lägesrapport", "diskussion")
    page.goto(meeting_url)
    add_item(page, "Gemensam ansökan", "beslut")
    page.goto(meeting_url)
    expect(page.get_by_role("heading", name="§ 3 Gemensam ansökan")).to_be_visible()

    # Attendance in one step, then minutes for the third item.
    page.get_by_role("link", name="Registrera närvaron").click()
    expect(page.get_by_label("Karl Kommun", exact=False)).to_have_value("present")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Registrera närvaron").click()
    expect(page.get_by_role("cell", name="Karl Kommun")).to_be_visible()
    page.get_by_role("link", name="§ 3 Gemensam ansökan").click()
    page.get_by_role("link", name="Redigera").click()
    page.get_by_label("Protokollsanteckning:", exact=True).fill("Förslaget föredrogs och diskuterades.")
    page.get_by_role("button", name="Spara").click()

    # One decision and two actions.
    page.goto(meeting_url)
    page.get_by_role("link", name="Registrera ett beslut").click()
    page.get_by_label("Ärende:", exact=True).select_option(label="§ 3 Gemensam ansökan")
    page.get_by_label("Beslutstext:", exact=True).fill("Styrgruppen beslutar att skriva en gemensam ansökan.")
    page.get_by_role("button", name="Spara").click()
    for title, owner in (("Skriv utkast", "Anna Rektor"), ("Utse kontaktperson", "Karl Kommun")):
        page.goto(meeting_url)
        page.get_by_role("link", name="Lägg till en åtgärd").click()
        page.get_by_label("Åtgärd:", exact=True).fill(title)
        page.get_by_label("Ansvarig:", exact=True).fill(owner)
        page.get_by_label("Klart senast:", exact=True).fill("2027-01-15")
        page.get_by_role("button", name="Spara").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
    page.goto(meeting_url)
    assert axe_violations(page) == []

    # Approve: the minutes are locked and a version is kept.
    page.get_by_role("link", name="Justera protokollet").click()
    page.get_by_label("Justerat av (justerare):", exact=True).fill("Karl Kommun")
    page.get_by_label("Diarienummer:", exact=True).fill("FS 1.6.2-12-26")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Justera protokollet").click()
    expect(page.get_by_text("Protokollet justerades och låstes (version 1).")).to_be_visible()
    expect(page.get_by_role("link", name="Lägg till ett ärende")).to_have_count(0)

    meeting = Meeting.objects.get()
    assert meeting.minutes_status == "approved"
    assert list(Decision.objects.values_list("year", "number")) == [(2026, 1)]
    assert sorted(ActionItem.objects.values_list("owner__last_name", flat=True)) == ["Kommun", "Rektor"]
    assert list(MinutesVersion.objects.get().adjusters.all()) == [partner]

    # The minutes as PDF and Word, read back.
    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="PDF").nth(1).click()  # the Swedish minutes (after the agenda)
    text = pdf_text(Path(pdf_download.value.path()).read_bytes())
    for expected in (
        "Protokoll",
        "Styrgruppen",
        "§ 3 Gemensam ansökan",
        "Beslut 2026:1",
        "Utse kontaktperson",
        "Karl Kommun",
    ):
        assert expected in text
    assert "UTKAST" not in text
    with page.expect_download() as word_download:
        page.get_by_role("link", name="Word").nth(1).click()
    document = docx.Document(str(word_download.value.path()))
    words = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    for expected in (
        "Protokoll",
        "§ 1 Mötets öppnande",
        "Beslut 2026:1",
        "Skriv utkast",
        "Anna Rektor",
        "FS 1.6.2-12-26",
    ):
        assert expected in words


def test_the_levels_page_and_the_meeting_page_of_a_partner_are_accessible(live_server, page):
    institution = f.InstitutionFactory(slug="umu")
    organisation = f.OrganisationFactory(institution=institution, name="Umeå kommun")
    partnership = f.PartnershipFactory(institution=institution, organisations=[organisation])
    f.MembershipFactory(
        institution=institution, role="partner", organisation=organisation, user__username="karl"
    )
    body = f.BodyFactory(institution=institution, partnership=partnership)
    f.BodyMemberFactory(body=body, person__side="university")
    meeting = f.MeetingFactory(body=body, documents_released=True)
    f.AgendaItemFactory(meeting=meeting, number=1)
    base = live_server.url
    log_in(page, base, "karl")
    page.goto(f"{base}/app/governance/partnerships/{partnership.pk}/levels/")
    expect(page.get_by_role("img", name="Motsvarande nivåer")).to_be_visible()
    expect(page.get_by_role("cell", name="Ingen från partnern").first).to_be_visible()
    assert axe_violations(page) == []
    page.goto(f"{base}{meeting.get_absolute_url()}")
    expect(page.get_by_role("heading", name="Dagordning och protokoll")).to_be_visible()
    expect(page.get_by_role("button", name="Skicka ut handlingarna")).to_have_count(0)
    assert axe_violations(page) == []


def test_the_minutes_are_written_on_one_page_with_the_keyboard(live_server, page):
    institution = f.InstitutionFactory(name_sv="Umeå universitet", slug="umu")
    f.MembershipFactory(institution=institution, role="coordinator", user__username="anna")
    body = f.BodyFactory(
        institution=institution,
        partnership=f.PartnershipFactory(institution=institution),
        name_sv="Styrgruppen",
    )
    chair = f.BodyMemberFactory(
        body=body, role="chair", person__first_name="Eva", person__last_name="Ek"
    ).person
    meeting = f.MeetingFactory(body=body)
    base = live_server.url
    log_in(page, base, "anna")
    page.goto(f"{base}{meeting.get_absolute_url()}")
    page.get_by_role("link", name="Skriv protokollet").click()
    assert axe_violations(page) == []

    # the first item, from the form at the end of the page, submitted with Enter
    page.get_by_label("Titel:", exact=True).fill("Budget 2027")
    page.get_by_label("Förväntat utfall:", exact=True).select_option(label="beslut")
    page.get_by_label("Titel:", exact=True).press("Enter")
    section = page.get_by_role("region", name="§ 1 Budget 2027")
    expect(section).to_be_visible()
    assert page.url.endswith("#item-" + str(meeting.agenda_items.get().pk))

    section.get_by_label("Protokollsanteckning:").fill("Budgeten föredrogs.")
    section.get_by_role("button", name="Spara punkten").click()
    section = page.get_by_role("region", name="§ 1 Budget 2027")
    section.get_by_label("Beslutstext:").fill("Budgeten fastställs.")
    section.get_by_role("button", name="Lägg till beslutet").click()
    section = page.get_by_role("region", name="§ 1 Budget 2027")
    expect(section.get_by_text("Budgeten fastställs.")).to_be_visible()
    actions = section.get_by_role("group", name="En åtgärd under § 1")
    actions.get_by_label("Åtgärd:").fill("Skicka budgeten till nämnden")
    actions.get_by_label("Ansvarig:").fill(f"#{chair.pk}")
    actions.get_by_label("Klart senast:").fill("2027-02-01")
    section.get_by_role("button", name="Lägg till åtgärden").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="Skicka budgeten till nämnden")).to_be_visible()
    assert axe_violations(page) == []

    action = ActionItem.objects.get(meeting=meeting)
    decision = Decision.objects.get(meeting=meeting)
    assert (action.decision, action.owner) == (decision, chair)
    assert meeting.agenda_items.get().minutes == "Budgeten föredrogs."
    expect(page.get_by_role("heading", name="Nästa punkt (§ 2)")).to_be_visible()
