"""The annual report: composed from the records, approved and frozen, exported as PDF, Word and
Excel and read back (docs/followup.md, "The annual report")."""

import datetime
import io

import docx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from samverka.core.domain.records import ReasonRequired
from samverka.followup.documents import report_document, report_workbook
from samverka.followup.domain.assessments import answer_rows, record_answers, submit_assessment
from samverka.followup.domain.report import (
    ReportStateError,
    approve_report,
    report_content,
    start_new_version,
)
from samverka.followup.domain.report_view import localise
from samverka.followup.models import Measure, ReportVersion
from tests import factories as f
from tests.conftest import client_for
from tests.governance.test_governance_documents import read_back
from tests.pdf import assert_accessible_pdf

TODAY = datetime.date(2026, 12, 4)
YEAR = 2026


@pytest.fixture
def known(institution, coordinator):
    """A partnership with known figures of 2025 and 2026 in every section of the report."""
    partnership = f.PartnershipFactory(
        institution=institution, title_sv="Umeå kommun", title_en="Umeå Municipality"
    )
    degree = f.ActivityTypeFactory(
        institution=institution, code="degree-project", name_sv="Examensarbete", name_en="Degree project"
    )
    seminar = f.ActivityTypeFactory(
        institution=institution, code="seminar", name_sv="Seminarium", name_en="Seminar"
    )
    area = f.FocusAreaFactory(partnership=partnership, name_sv="Hållbar stad", name_en="Sustainable city")
    for day, kind, in_area in [(1, degree, True), (2, degree, True), (3, degree, False), (4, seminar, False)]:
        f.ActivityFactory(
            institution=institution,
            partnership=partnership,
            type=kind,
            starts_on=datetime.date(YEAR, 3, day),
            focus_area=area if in_area else None,
        )
    f.ActivityFactory(
        institution=institution, partnership=partnership, type=degree, starts_on=datetime.date(YEAR - 1, 5, 1)
    )
    goal = f.GoalFactory(
        partnership=partnership, title_sv="Fler examensarbeten", title_en="More degree projects"
    )
    indicator = f.IndicatorFactory(
        goal=goal, name_sv="Examensarbeten", name_en="Degree projects", measure=Measure.ACTIVITIES
    )
    indicator.activity_types.set([degree])
    f.IndicatorYearFactory(indicator=indicator, year=YEAR, target=4)
    f.ResourceCommitmentFactory(
        partnership=partnership,
        year=YEAR,
        party="university",
        committed=200_000,
        used=150_000,
        purpose="Seminariemedel",
    )
    body = f.BodyFactory(institution=institution, partnership=partnership)
    meeting = f.MeetingFactory(body=body, documents_released=True)  # 2026-03-10
    f.DecisionFactory(meeting=meeting)
    f.ActionItemFactory(body=body, due_on=datetime.date(YEAR, 1, 1))  # overdue
    submitted = f.AssessmentFactory(
        partnership=partnership, year=YEAR, side="partner", summary="Bra samarbete"
    )
    record_answers(
        submitted, {key: (5, "Mycket nöjda") for key, _s, _a in answer_rows(submitted)}, {}, actor=None
    )
    submit_assessment(submitted, actor=None, expected_version=submitted.version)
    draft = f.AssessmentFactory(
        partnership=partnership, year=YEAR, side="university", summary="HEMLIGT UTKAST"
    )
    record_answers(draft, {"whole": (2, "HEMLIG KOMMENTAR")}, {}, actor=None)
    news = f.NewsItemFactory(
        institution=institution,
        published=True,
        published_on=datetime.date(YEAR, 6, 1),
        title_sv="Partnerskapsdagen",
    )
    news.partnerships.set([partnership])
    report = f.AnnualReportFactory(partnership=partnership, year=YEAR, summary="Ett starkt år.")
    return {"partnership": partnership, "report": report, "degree": degree}


def test_the_report_holds_every_figure_of_the_year(known):
    content = report_content(known["report"], today=TODAY)
    view = localise(content, "sv")
    assert view.activities_total == (1, 4)
    assert view.by_type == [("Examensarbete", 1, 3), ("Seminarium", 0, 1)]
    assert ("Hållbar stad", 0, 2) in view.by_focus_area and ("Inget fokusområde", 1, 2) in view.by_focus_area
    [goal] = view.goals
    [indicator] = goal["indicators"]
    assert (indicator["name"], indicator["target"], indicator["actual"], indicator["status"]) == (
        "Examensarbeten",
        4,
        3,
        "at_risk",  # 3 of 4 × 338/365 = 3.70: 81 %
    )
    [total] = view.resource_totals
    assert (total["committed"], total["used"], total["share"]) == (200_000, 150_000, 0.75)
    governance = view.governance
    assert (
        governance["meetings_held"],
        governance["decisions"],
        governance["open_actions"],
        governance["overdue_actions"],
    ) == (1, 1, 1, 1)
    # only the submitted assessment: the university's draft is its own
    assert view.assessment_sides["university"] is None
    assert view.assessment_sides["partner"]["summary"] == "Bra samarbete"
    assert all(row["university"] is None for row in view.assessment_rows)
    assert {row["partner"]["rating"] for row in view.assessment_rows} == {"5 – mycket stor nytta"}
    assert "HEMLIG" not in str(content)
    assert view.news == [("2026-06-01", "Partnerskapsdagen")]
    english = localise(content, "en")
    assert (
        english.by_type[0][0] == "Degree project" and english.title == "Annual report 2026: Umeå Municipality"
    )
    assert english.assessment_rows[0]["subject"] == "The partnership as a whole"
    assert view.assessment_rows[0]["subject"] == "Partnerskapet som helhet"


def test_the_charts_hold_the_same_figures_as_the_tables(known):
    view = localise(report_content(known["report"], today=TODAY), "sv")
    by_form = view.chart("activities-by-form")
    assert by_form.rows() == [["Examensarbete", 1, 3], ["Seminarium", 0, 1]]
    assert view.chart("indicators").rows() == [["Examensarbeten", 75]]
    assert view.chart("resources").rows() == [["lärosätet: pengar (kr)", 75]]


def test_approving_freezes_the_report_and_a_new_version_keeps_the_old(known, coordinator):
    report = known["report"]
    first = approve_report(
        report, registry_number="FS 1.6.2-1-26", actor=coordinator, expected_version=report.version
    )
    report.refresh_from_db()
    assert (first.number, report.is_approved, report.registry_number) == (1, True, "FS 1.6.2-1-26")
    frozen = localise(first.content, "sv")
    # the records change; the approved version does not
    f.ActivityFactory(
        institution=report.institution,
        partnership=report.partnership,
        type=known["degree"],
        starts_on=datetime.date(YEAR, 9, 1),
    )
    assert localise(report_content(report), "sv").activities_total == (1, 5)
    first.refresh_from_db()
    assert localise(first.content, "sv").activities_total == frozen.activities_total == (1, 4)
    with pytest.raises(ReportStateError):
        approve_report(report, registry_number="", actor=coordinator, expected_version=report.version)
    with pytest.raises(ReasonRequired):
        start_new_version(report, reason="kort", actor=coordinator, expected_version=report.version)
    report = start_new_version(
        report, reason="Ett examensarbete kom med sent", actor=coordinator, expected_version=report.version
    )
    assert not report.is_approved
    second = approve_report(report, registry_number="", actor=coordinator, expected_version=report.version)
    assert (second.number, second.reason) == (2, "Ett examensarbete kom med sent")
    assert localise(second.content, "sv").activities_total == (1, 5)
    assert list(
        ReportVersion.objects.filter(report=report).order_by("number").values_list("number", flat=True)
    ) == [1, 2]


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_documents_read_back_with_their_figures_and_charts(known, fmt, language):
    view = localise(report_content(known["report"], today=TODAY), language)
    data = report_document(view, fmt, draft=True)
    text = read_back(data, fmt)
    title = "Årsrapport 2026: Umeå kommun" if language == "sv" else "Annual report 2026: Umeå Municipality"
    assert title in text.replace("\n", " ")
    assert "Ett starkt år." in text
    assert ("UTKAST" if language == "sv" else "DRAFT") in text.upper()
    assert "Partnerskapsdagen" in text
    assert "150" in text and "200" in text
    if fmt == "pdf":
        pdf = assert_accessible_pdf(data, language=language, title=title)  # alternatives for every figure
        images = pdf.tree.roles().count("Figure")
    else:
        document = docx.Document(io.BytesIO(data))
        images = len(document.inline_shapes)
        assert all(shape._inline.docPr.get("descr") for shape in document.inline_shapes)
    assert images == 4  # activities per form and per focus area, indicators, resources


def test_the_workbook_holds_the_data_behind_every_figure(known):
    view = localise(report_content(known["report"], today=TODAY), "sv")
    workbook = load_workbook(io.BytesIO(report_workbook(view)))
    assert "Aktiviteter per samverkansform" in workbook.sheetnames
    rows = list(workbook["Aktiviteter per samverkansform"].values)
    assert rows[0] == ("Samverkansform", "2025", "2026") and rows[1] == ("Examensarbete", 1, 3)
    indicators = list(workbook["Indikatorer"].values)
    assert indicators[1][2] == "Examensarbeten" and indicators[1][5:7] == (4, 3)
    resources = list(workbook["Avsatta resurser"].values)
    assert resources[1][0] == "Seminariemedel" and resources[1][4:6] == (200000, 150000)


def test_the_report_page_downloads_and_chart_tables(coordinator_client, known):
    url = known["report"].get_absolute_url()
    page = coordinator_client.get(url).content.decode()
    assert "Ett starkt år." in page and 'src="data:image/svg+xml;base64,' in page
    assert "<dd>2026</dd>" in page  # a year, not a number with a thousands space
    assert "HEMLIG" not in page
    for fmt, start in (("pdf", b"%PDF"), ("docx", b"PK"), ("xlsx", b"PK")):
        response = coordinator_client.get(f"{url}?format={fmt}&lang=en")
        assert response.status_code == 200 and response.content.startswith(start)
    csv = coordinator_client.get(f"{url}?chart=activities-by-form&format=csv")
    text = b"".join(csv.streaming_content).decode("utf-8-sig")
    assert text.splitlines()[:2] == ["Samverkansform;2025;2026", "Examensarbete;1;3"]
    assert coordinator_client.get(f"{url}?chart=nothing&format=csv").status_code == 404
    assert coordinator_client.get(f"{url}?format=exe").status_code == 404


def test_only_management_and_administrators_approve(members, world):
    report = world["own"]["annualreport"]
    url = reverse("followup:annualreport-approve", args=[report.pk])
    for role in ("coordinator", "partnership_coordinator", "staff"):
        assert client_for(members[role]).post(url, {"expected_version": report.version}).status_code == 403
    response = client_for(members["management"]).post(
        url, {"expected_version": report.version, "registry_number": "FS 9"}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.is_approved and report.versions.count() == 2
    # approved: the partner representative now sees it, and it is locked
    partner = client_for(members["partner"])
    assert partner.get(report.get_absolute_url()).status_code == 200
    edit = client_for(members["coordinator"]).post(
        reverse("followup:annualreport-edit", args=[report.pk]),
        {"summary": "Ändrad", "expected_version": report.version},
    )
    assert edit.status_code in (400, 200)
    report.refresh_from_db()
    assert report.summary != "Ändrad"


def test_the_partner_does_not_see_a_draft_report(members, world):
    report = world["own"]["annualreport"]  # a draft after its approved version 1
    partner = client_for(members["partner"])
    assert partner.get(report.get_absolute_url()).status_code == 404
    assert partner.get(world["own"]["reportversion"].get_absolute_url()).status_code == 200


def test_the_api_approves_and_opens_a_new_version(members, world):
    report = world["own"]["annualreport"]
    url = f"/api/v1/annual-reports/{report.pk}/"
    coordinator, management = client_for(members["coordinator"]), client_for(members["management"])
    body = {"version": report.version}
    assert coordinator.post(url + "approve/", body, content_type="application/json").status_code == 403
    response = management.post(url + "approve/", body, content_type="application/json")
    assert response.status_code == 200
    assert [v["number"] for v in response.json()["versions"]] == [2, 1]
    version = response.json()["version"]
    short = coordinator.post(
        url + "new-version/", {"version": version, "reason": "kort"}, content_type="application/json"
    )
    assert short.status_code == 400
    opened = coordinator.post(
        url + "new-version/",
        {"version": version, "reason": "Nya siffror från ekonomi"},
        content_type="application/json",
    )
    assert opened.status_code == 200 and opened.json()["status"] == "draft"


def test_report_page_query_count_does_not_grow(coordinator_client, institution):
    counts = []
    for size in (1, 4):
        partnership = f.PartnershipFactory(institution=institution)
        kind = f.ActivityTypeFactory(institution=institution)
        for n in range(size):
            area = f.FocusAreaFactory(partnership=partnership)
            f.ActivityFactory(
                institution=institution,
                partnership=partnership,
                type=kind,
                focus_area=area,
                starts_on=datetime.date(YEAR, 1, 1 + n),
            )
            goal = f.GoalFactory(partnership=partnership, focus_area=area)
            f.IndicatorYearFactory(indicator=f.IndicatorFactory(goal=goal), year=YEAR)
            f.ResourceCommitmentFactory(partnership=partnership, year=YEAR)
            news = f.NewsItemFactory(
                institution=institution, published=True, published_on=datetime.date(YEAR, 2, 1)
            )
            news.partnerships.set([partnership])
        report = f.AnnualReportFactory(partnership=partnership, year=YEAR)
        with CaptureQueriesContext(connection) as context:
            assert coordinator_client.get(report.get_absolute_url()).status_code == 200
        counts.append(len(context))
    assert counts[0] == counts[1], counts


def test_an_approved_report_shows_and_downloads_its_approved_version(coordinator_client, known, coordinator):
    report = known["report"]
    approve_report(report, registry_number="FS 7", actor=coordinator, expected_version=report.version)
    f.ActivityFactory(
        institution=report.institution,
        partnership=report.partnership,
        type=known["degree"],
        starts_on=datetime.date(YEAR, 9, 1),
    )
    page = coordinator_client.get(report.get_absolute_url()).content.decode()
    assert "4 aktiviteter startade 2026" in page  # as approved, not the 5 of the records now
    pdf = coordinator_client.get(report.get_absolute_url() + "?format=pdf")
    text = read_back(pdf.content, "pdf")
    assert "UTKAST" not in text.upper()
    # the cover: the key figures as approved, and who approved it and when
    approver = coordinator.get_full_name() or coordinator.get_username()
    cover = text.split("Sammanfattning")[0].replace("\n", " ")
    assert "Aktiviteter 2026 4 (året innan: 1)" in cover
    assert f"Fastställd version 1, den {timezone.localdate():%Y-%m-%d}, av {approver}" in cover
    assert "Diarienummer FS 7" in cover
    xlsx = coordinator_client.get(report.get_absolute_url() + "?chart=resources&format=xlsx")
    assert xlsx.status_code == 200
    rows = list(load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active.values)
    assert rows[1] == ("lärosätet: pengar (kr)", 75)


def test_partners_find_the_approved_versions_while_a_new_one_is_written(members, world):
    page = client_for(members["partner"]).get(
        reverse("followup:partnership-followup", args=[world["own"]["partnership"].pk]) + "?year=2025"
    )
    assert world["own"]["reportversion"].get_absolute_url() in page.content.decode()


@pytest.mark.parametrize(
    ("today", "year"),
    [
        (datetime.date(2026, 9, 30), 2025),
        (datetime.date(2026, 10, 1), 2026),
        (datetime.date(2026, 1, 1), 2025),
    ],
)
def test_a_new_report_is_of_last_year_until_october(today, year):
    from samverka.followup.domain.report import report_year

    assert report_year(today) == year


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_english_report_has_the_english_narrative_and_marks_a_swedish_one(known, coordinator_client, fmt):
    """The narrative is written in both languages; the English report and its documents take the
    English text, and a section written in Swedish alone is shown in Swedish, marked as such."""
    report = known["report"]
    report.highlights_sv, report.highlights_en = "En stark partnerskapsdag.", "A strong partnership day."
    report.save()
    english = localise(report_content(report, today=TODAY), "en")
    sections = dict(english.narrative)
    assert sections["Highlights"] == "A strong partnership day."
    assert sections["Summary"] == "Ett starkt år." and sections["Summary"].lang == "sv"
    text = read_back(report_document(english, fmt, draft=True), fmt)
    assert "A strong partnership day." in text and "En stark partnerskapsdag." not in text
    assert "Ett starkt år." in text
    swedish = dict(localise(report_content(report, today=TODAY), "sv").narrative)
    assert swedish["Höjdpunkter"] == "En stark partnerskapsdag."
    page = coordinator_client.get("/en" + report.get_absolute_url()).content.decode()
    assert '<p lang="sv">Ett starkt år.</p>' in page
    assert "<p>A strong partnership day.</p>" in page


def test_the_cover_gives_the_agreement_in_force_and_the_key_figures(known):
    """The first page: the agreement in force in the year with its period (not an earlier one
    that ended, nor a later one), the activities against the year before and the indicators on
    track, in the report's language."""
    partnership = known["report"].partnership
    f.AgreementFactory(
        partnership=partnership,
        sequence=1,
        starts_on=datetime.date(2018, 1, 1),
        ends_on=datetime.date(2021, 12, 31),
    )
    f.AgreementFactory(
        partnership=partnership,
        sequence=2,
        starts_on=datetime.date(2022, 1, 1),
        ends_on=datetime.date(2026, 12, 31),
    )
    f.AgreementFactory(partnership=partnership, sequence=3, starts_on=datetime.date(2027, 1, 1))
    content = report_content(known["report"], today=TODAY)
    swedish = dict(localise(content, "sv").cover)
    assert swedish["Avtal"] == "avtal 2, 2022-01-01 – 2026-12-31"
    assert swedish["Aktiviteter 2026"] == "4 (året innan: 1)"
    assert swedish["Indikatorer i fas"].endswith("av 1")
    english = dict(localise(content, "en").cover)
    assert english["Agreement"] == "agreement 2, 2022-01-01 – 2026-12-31"
    assert english["Activities in 2026"] == "4 (the year before: 1)"
    assert "Approved" not in english  # a draft
    text = read_back(report_document(localise(content, "en"), "pdf", draft=True), "pdf")
    assert "agreement 2, 2022-01-01 – 2026-12-31" in text.replace("\n", " ")
