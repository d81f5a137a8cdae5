"""Follow-up in a real browser (Debian's chromium), checked by axe-core: a partner representative
answers and submits their side's assessment with the keyboard; management reads the report with
its charts and tables, approves it, and opens the portfolio and the coverage."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from samverka.followup.models import Assessment, Measure
from tests import factories as f
from tests.governance.test_governance_browser import log_in
from tests.workspace.test_browser import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def partnership():
    institution = f.InstitutionFactory(name_sv="Umeå universitet", slug="umu")
    organisation = f.OrganisationFactory(institution=institution, name="Umeå kommun", type="municipality")
    partnership = f.PartnershipFactory(
        institution=institution, title_sv="Umeå kommun", organisations=[organisation]
    )
    year = timezone.localdate().year
    degree = f.ActivityTypeFactory(institution=institution, code="degree-project", name_sv="Examensarbete")
    faculty = f.UnitFactory(institution=institution, name_sv="Teknisk fakultet", kind="faculty")
    for day in (1, 2, 3):
        activity = f.ActivityFactory(
            institution=institution,
            partnership=partnership,
            type=degree,
            starts_on=datetime.date(year, 1, day),
        )
        activity.units.set([faculty])
    goal = f.GoalFactory(partnership=partnership, title_sv="Fler examensarbeten")
    indicator = f.IndicatorFactory(goal=goal, name_sv="Examensarbeten", measure=Measure.ACTIVITIES)
    indicator.activity_types.set([degree])
    f.IndicatorYearFactory(indicator=indicator, year=year, target=3)
    f.ResourceCommitmentFactory(partnership=partnership, year=year, committed=100_000, used=50_000)
    f.MembershipFactory(
        institution=institution, role="partner", organisation=organisation, user__username="karl"
    )
    f.MembershipFactory(institution=institution, role="management", user__username="lena")
    return partnership


def test_a_partner_answers_their_sides_assessment_with_the_keyboard(live_server, page, partnership):
    base = live_server.url
    log_in(page, base, "karl")
    page.goto(f"{base}/app/followup/partnerships/{partnership.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Uppföljning")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Påbörja en bedömning").click()
    expect(page.get_by_label("Part:", exact=True)).to_have_value("partner")
    page.get_by_role("button", name="Spara").click()
    page.get_by_role("link", name="Besvara bedömningen").click()
    assert axe_violations(page) == []
    for select in page.get_by_role("combobox").all():
        select.focus()
        select.select_option(label="4 – stor nytta")
    page.get_by_label("Kommentar: Partnerskapet som helhet").fill("Vi har fått nya kontakter.")
    page.keyboard.press("Tab")
    page.get_by_role("button", name="Spara svaren").press("Enter")
    expect(page.get_by_role("cell", name="Vi har fått nya kontakter.")).to_be_visible()
    page.get_by_role("link", name="Lämna in bedömningen").click()  # it cannot be undone: asked first
    expect(page.get_by_text("kan den inte längre ändras")).to_be_visible()
    assert axe_violations(page) == []
    assert not Assessment.objects.get(partnership=partnership, side="partner").is_submitted
    page.get_by_role("button", name="Lämna in bedömningen").press("Enter")
    expect(page.get_by_text("Bedömningen lämnades in")).to_be_visible()
    assert Assessment.objects.get(partnership=partnership, side="partner").is_submitted


def test_management_reads_approves_the_report_and_opens_the_portfolio(live_server, page, partnership):
    report = f.AnnualReportFactory(
        partnership=partnership, year=timezone.localdate().year, summary="Ett starkt år för samverkan."
    )
    base = live_server.url
    log_in(page, base, "lena")
    page.goto(f"{base}{report.get_absolute_url()}")
    expect(page.get_by_text("Ett starkt år för samverkan.")).to_be_visible()
    expect(page.get_by_role("img", name="Aktiviteter per samverkansform")).to_be_visible()
    page.get_by_text("Uppgifterna i ”Aktiviteter per samverkansform” som tabell").click()
    expect(page.get_by_role("table", name="Aktiviteter per samverkansform")).to_be_visible()
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").first.click()
    assert download.value.suggested_filename.endswith(".pdf")
    page.get_by_role("link", name="Fastställ rapporten").click()
    page.get_by_label("Diarienummer").fill("UMU 2.1.1-1-26")
    page.get_by_role("button", name="Fastställ rapporten").click()
    expect(page.get_by_text("Rapporten fastställdes och låstes (version 1).")).to_be_visible()
    expect(page.get_by_role("link", name="Version 1")).to_be_visible()
    page.get_by_role("link", name="Portfölj", exact=True).click()
    expect(page.get_by_role("link", name="Umeå kommun")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Slag av partner").select_option(label="företag")
    page.get_by_role("button", name="Visa").click()
    expect(page.get_by_text("Inget partnerskap matchar filtren.")).to_be_visible()
    page.get_by_role("link", name="Täckning av fakulteter och enheter").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Täckning")
    assert axe_violations(page) == []
