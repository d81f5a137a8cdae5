"""The main tasks with the keyboard alone, in a real browser (Debian's chromium), with the focus
checked after every error: the error summary takes it and the page's title begins "Fel:", so a
keyboard or screen-reader user starts at what to correct (WCAG 2.4.3, 3.3.1). Logging in,
registering an activity, recording a meeting's minutes with a decision, submitting an
assessment, approving an annual report (which has no error a keyboard can make: the registry
number's length is held by the field) and sending a public idea. Moving an idea on the board is
in the ideas' browser tests."""

import pytest
from playwright.sync_api import expect

from samverka.activities.models import Activity
from tests import factories as f
from tests.workspace.test_browser import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def institution():
    institution = f.InstitutionFactory(name_sv="Umeå universitet", slug="umu")
    f.ActivityTypeFactory(institution=institution, name_sv="Gästföreläsning")
    f.MembershipFactory(institution=institution, role="coordinator", user__username="sara")
    return institution


def tab_to(page, target) -> None:
    """Press Tab until ``target`` (a locator) has the focus, as a keyboard user moves on a page."""
    for _ in range(120):
        if target.evaluate("e => e === document.activeElement"):
            break
        page.keyboard.press("Tab")
    expect(target).to_be_focused()


def type_in(page, label: str, text: str) -> None:
    """Tab to the field named ``label`` and type, as a keyboard user does."""
    tab_to(page, page.get_by_label(label).first)
    page.keyboard.type(text)


def press(page, target) -> None:
    """Tab to a button or link and press Enter."""
    tab_to(page, target)
    page.keyboard.press("Enter")


def log_in_by_keyboard(page, base: str, username: str) -> None:
    page.goto(f"{base}/app/")
    type_in(page, "Användarnamn", username)
    type_in(page, "Lösenord", "correct horse battery")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Umeå universitet")


def expect_errors_first(page) -> None:
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    assert page.title().startswith("Fel:")
    assert axe_violations(page) == []


def test_logging_in_with_the_keyboard_starts_again_at_the_error(live_server, page, institution):
    page.goto(f"{live_server.url}/app/")
    type_in(page, "Användarnamn", "sara")
    type_in(page, "Lösenord", "fel lösenord")
    page.keyboard.press("Enter")
    expect_errors_first(page)
    expect(page.locator("#error-summary")).to_contain_text("Användarnamnet eller lösenordet är fel")
    type_in(page, "Lösenord", "correct horse battery")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Umeå universitet")


def test_registering_an_activity_with_the_keyboard_starts_again_at_the_error(live_server, page, institution):
    base = live_server.url
    log_in_by_keyboard(page, base, "sara")
    page.goto(f"{base}/app/activities/new/")
    type_in(page, "Samverkansform", "G")  # a select takes the first letters of its choice
    page.get_by_role("button", name="Spara").press("Enter")  # the title is missing
    expect_errors_first(page)
    assert not Activity.objects.exists()
    type_in(page, "Titel (svenska)", "Gästföreläsning om vätgas")
    page.get_by_role("button", name="Spara").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gästföreläsning om vätgas")
    assert Activity.objects.get().type.name_sv == "Gästföreläsning"


def test_approving_a_report_with_the_keyboard_puts_the_approver_on_its_cover(live_server, page, institution):
    """Management approves a partnership's annual report by keyboard alone; the approved version's
    cover says who approved it and when."""
    from django.utils import timezone

    from samverka.followup.models import ReportVersion

    partnership = f.PartnershipFactory(institution=institution, title_sv="Umeå kommun")
    report = f.AnnualReportFactory(
        partnership=partnership, year=timezone.localdate().year, summary="Ett bra år."
    )
    f.MembershipFactory(
        institution=institution,
        role="management",
        user__username="lena",
        user__first_name="Lena",
        user__last_name="Ledning",
    )
    base = live_server.url
    log_in_by_keyboard(page, base, "lena")
    page.goto(f"{base}{report.get_absolute_url()}")
    press(page, page.get_by_role("link", name="Fastställ rapporten"))
    type_in(page, "Diarienummer", "UMU 2.1.1-1-26")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Rapporten fastställdes och låstes (version 1).")).to_be_visible()
    cover = page.get_by_role("region", name="I korthet")
    expect(cover).to_contain_text(f"version 1, den {timezone.localdate():%Y-%m-%d}, av Lena Ledning")
    expect(cover).to_contain_text("UMU 2.1.1-1-26")
    assert axe_violations(page) == []
    assert ReportVersion.objects.get().content["approval"]["by"] == "Lena Ledning"


def test_recording_a_meeting_with_a_decision_with_the_keyboard_starts_again_at_each_error(
    live_server, page, institution
):
    from samverka.governance.models import Decision

    body = f.BodyFactory(
        institution=institution,
        partnership=f.PartnershipFactory(institution=institution),
        name_sv="Styrgruppen",
    )
    meeting = f.MeetingFactory(body=body)
    base = live_server.url
    log_in_by_keyboard(page, base, "sara")
    page.goto(f"{base}{meeting.get_absolute_url()}")
    press(page, page.get_by_role("link", name="Skriv protokollet"))
    press(page, page.get_by_role("button", name="Lägg till punkten"))  # the item has no title yet
    expect_errors_first(page)
    assert not meeting.agenda_items.exists()
    type_in(page, "Titel:", "Budget 2027")
    type_in(page, "Förväntat utfall:", "b")  # "beslut": a select takes the first letters of its choice
    press(page, page.get_by_role("button", name="Lägg till punkten"))
    section = page.get_by_role("region", name="§ 1 Budget 2027")
    expect(section).to_be_visible()
    press(page, section.get_by_role("button", name="Lägg till beslutet"))  # a decision without its text
    expect_errors_first(page)
    assert not Decision.objects.exists()
    type_in(page, "Beslutstext:", "Budgeten fastställs.")
    press(page, page.get_by_role("button", name="Lägg till beslutet"))
    expect(
        page.get_by_role("region", name="§ 1 Budget 2027").get_by_text("Budgeten fastställs.")
    ).to_be_visible()
    assert Decision.objects.get().text == "Budgeten fastställs."


def test_submitting_an_assessment_with_the_keyboard_starts_again_at_the_error(live_server, page, institution):
    """A partner tries to submit before rating everything: the refusal takes the focus."""
    from django.utils import timezone

    from samverka.followup.models import Assessment

    organisation = f.OrganisationFactory(institution=institution, name="Umeå kommun")
    partnership = f.PartnershipFactory(institution=institution, organisations=[organisation])
    assessment = f.AssessmentFactory(partnership=partnership, side="partner", year=timezone.localdate().year)
    f.MembershipFactory(
        institution=institution, role="partner", organisation=organisation, user__username="karl"
    )
    base = live_server.url
    log_in_by_keyboard(page, base, "karl")
    page.goto(f"{base}{assessment.get_absolute_url()}")
    press(page, page.get_by_role("link", name="Lämna in bedömningen"))
    press(page, page.get_by_role("button", name="Lämna in bedömningen"))  # nothing is rated yet
    expect_errors_first(page)
    expect(page.locator("#error-summary")).to_contain_text("Bedöm allt innan du lämnar in")
    assert not Assessment.objects.get().is_submitted
    press(page, page.get_by_role("link", name="Besvara bedömningen"))
    expect(page.get_by_role("button", name="Spara svaren")).to_be_visible()
    for select in page.get_by_role("combobox").all():
        tab_to(page, select)
        page.keyboard.type("4")  # "4 – stor nytta"
    press(page, page.get_by_role("button", name="Spara svaren"))
    expect(page.get_by_text("1 svar sparades.")).to_be_visible()
    press(page, page.get_by_role("link", name="Lämna in bedömningen"))
    press(page, page.get_by_role("button", name="Lämna in bedömningen"))
    expect(page.get_by_text("Bedömningen lämnades in")).to_be_visible()
    assert Assessment.objects.get().is_submitted


def test_sending_a_public_idea_with_the_keyboard_starts_again_at_the_error(live_server, page, institution):
    from samverka.ideas.models import Idea

    f.PartnershipFactory(institution=institution, title_sv="Umeå kommun", published=True)
    page.goto(f"{live_server.url}/ideer/ny/")
    type_in(page, "Titel", "Bruna sjöar")
    type_in(page, "Beskrivning", "Varför blir vattnet i sjöarna brunt?")
    type_in(page, "Ditt namn", "Anna Andersson")
    type_in(page, "Din e-post", "anna@example.se")
    press(page, page.get_by_role("button", name="Skicka"))  # the consent is missing
    expect_errors_first(page)
    assert not Idea.objects.exists()
    tab_to(page, page.get_by_label("Jag godkänner"))
    page.keyboard.press("Space")
    press(page, page.get_by_role("button", name="Skicka"))
    expect(page.get_by_role("status")).to_contain_text("IDE-")
    assert Idea.objects.get().title == "Bruna sjöar"
