"""The main tasks with the keyboard alone, in a real browser (Debian's chromium), with the focus
checked after every error: the error summary takes it and the page's title begins "Fel:", so a
keyboard or screen-reader user starts at what to correct (WCAG 2.4.3, 3.3.1). Logging in,
registering an activity and approving an annual report are here (approving has no error a
keyboard can make: the registry number's length is held by the field); answering an assessment,
writing the minutes, sending a public idea and moving an idea on the board are in their apps'
browser tests."""

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


def type_in(page, label: str, text: str) -> None:
    """Tab to the field named ``label`` and type, as a keyboard user does."""
    field = page.get_by_label(label).first
    for _ in range(40):
        if field.evaluate("e => e === document.activeElement"):
            break
        page.keyboard.press("Tab")
    expect(field).to_be_focused()
    page.keyboard.type(text)


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
    approve = page.get_by_role("link", name="Fastställ rapporten")
    for _ in range(80):
        if approve.evaluate("e => e === document.activeElement"):
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    type_in(page, "Diarienummer", "UMU 2.1.1-1-26")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Rapporten fastställdes och låstes (version 1).")).to_be_visible()
    cover = page.get_by_role("region", name="I korthet")
    expect(cover).to_contain_text(f"version 1, den {timezone.localdate():%Y-%m-%d}, av Lena Ledning")
    expect(cover).to_contain_text("UMU 2.1.1-1-26")
    assert axe_violations(page) == []
    assert ReportVersion.objects.get().content["approval"]["by"] == "Lena Ledning"
