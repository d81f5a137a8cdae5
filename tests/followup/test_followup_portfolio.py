"""The portfolio of all partnerships and the coverage of faculties and units (docs/followup.md)."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samverka.followup.domain.indicators import Status
from samverka.followup.domain.portfolio import coverage, filtered_partnerships, portfolio
from samverka.followup.models import Measure
from samverka.partnerships.models import Partnership
from tests import factories as f
from tests.conftest import client_for

YEAR = 2026
TODAY = datetime.date(2026, 12, 4)


@pytest.fixture
def known(institution):
    """Two partnerships, a municipality's and a company's, with activities in two faculties."""
    faculty_a = f.UnitFactory(institution=institution, name_sv="Teknisk fakultet", kind="faculty")
    department = f.UnitFactory(
        institution=institution, name_sv="Institutionen för datavetenskap", parent=faculty_a
    )
    faculty_b = f.UnitFactory(institution=institution, name_sv="Medicinsk fakultet", kind="faculty")
    f.UnitFactory(institution=institution, name_sv="Universitetsbiblioteket", kind="office")
    municipality = f.PartnershipFactory(
        institution=institution,
        title_sv="Kommunen",
        order=1,
        organisations=[f.OrganisationFactory(institution=institution, type="municipality")],
    )
    company = f.PartnershipFactory(
        institution=institution,
        title_sv="Företaget",
        order=2,
        organisations=[f.OrganisationFactory(institution=institution, type="company")],
    )
    municipality.units.set([department])
    degree = f.ActivityTypeFactory(institution=institution, code="degree-project", order=1)
    seminar = f.ActivityTypeFactory(institution=institution, code="seminar", order=2)

    def activity(partnership, kind, day, units=(), year=YEAR, **values):
        made = f.ActivityFactory(
            institution=institution,
            partnership=partnership,
            type=kind,
            starts_on=datetime.date(year, 2, day),
            **values,
        )
        made.units.set(units)
        return made

    activity(municipality, degree, 1, [department, faculty_a])  # counts once for the faculty
    activity(municipality, degree, 2, [faculty_b])
    activity(municipality, seminar, 3, [])
    activity(municipality, degree, 4, [department], year=YEAR - 1)
    activity(municipality, degree, 5, [faculty_b], status="cancelled")
    activity(company, seminar, 1, [faculty_b])
    goal = f.GoalFactory(partnership=municipality)
    on_track = f.IndicatorFactory(goal=goal, measure=Measure.ACTIVITIES)
    on_track.activity_types.set([degree])
    f.IndicatorYearFactory(indicator=on_track, year=YEAR, target=2)
    behind = f.IndicatorFactory(goal=goal, measure=Measure.MANUAL)
    f.IndicatorYearFactory(indicator=behind, year=YEAR, target=100, value=10)
    f.ResourceCommitmentFactory(
        partnership=municipality, year=YEAR, kind="money", committed=100_000, used=40_000
    )
    f.ResourceCommitmentFactory(
        partnership=municipality, year=YEAR, kind="in_kind", committed=20_000, used=None
    )
    f.ResourceCommitmentFactory(partnership=municipality, year=YEAR, kind="hours", committed=500, used=100)
    body = f.BodyFactory(institution=institution, partnership=municipality)
    f.ActionItemFactory(body=body, due_on=datetime.date(YEAR, 1, 1))
    f.ActionItemFactory(body=body, due_on=datetime.date(YEAR + 1, 1, 1))
    f.AgreementFactory(
        partnership=municipality, starts_on=datetime.date(2020, 1, 1), ends_on=datetime.date(2027, 12, 31)
    )
    f.PartnershipFactory(institution=institution, status="ended")
    return {
        "municipality": municipality,
        "company": company,
        "faculty_a": faculty_a,
        "faculty_b": faculty_b,
        "department": department,
        "degree": degree,
        "seminar": seminar,
    }


def test_the_portfolio_holds_every_partnerships_figures(known):
    result = portfolio(
        Partnership.objects.filter(pk__in=[known["municipality"].pk, known["company"].pk]), YEAR, today=TODAY
    )
    municipality, company = result.rows
    assert municipality.partnership == known["municipality"]
    assert (municipality.count(YEAR), municipality.count(YEAR - 1), company.count(YEAR)) == (3, 1, 1)
    assert municipality.by_form == {known["degree"].pk: 2, known["seminar"].pk: 1}
    assert municipality.statuses == {Status.ON_TRACK: 1, Status.BEHIND: 1}
    assert (municipality.committed, municipality.used) == (
        Decimal(120_000),
        Decimal(40_000),
    )  # SEK: money and in kind
    assert (municipality.overdue, municipality.agreement_ends) == (1, datetime.date(2027, 12, 31))
    assert (company.committed, company.overdue, company.agreement_ends) == (0, 0, None)
    totals = result.totals
    assert totals["activities"][YEAR] == 4 and totals["by_form"][known["seminar"].pk] == 2
    assert result.years == [2022, 2023, 2024, 2025, 2026]
    assert result.chart("trend").rows() == [["2022", 0], ["2023", 0], ["2024", 0], ["2025", 1], ["2026", 4]]


def test_the_portfolio_filters_by_kind_of_partner_and_unit(known):
    everyone = Partnership.objects.filter(pk__in=[known["municipality"].pk, known["company"].pk])
    assert list(filtered_partnerships(everyone, partner_type="company")) == [known["company"]]
    # the municipality's participating unit is a department of faculty A: the faculty finds it
    assert list(filtered_partnerships(everyone, unit=known["faculty_a"])) == [known["municipality"]]
    assert list(filtered_partnerships(everyone, unit=known["faculty_b"])) == []


def test_the_coverage_counts_each_activity_once_per_faculty(known):
    result = coverage(
        Partnership.objects.filter(pk__in=[known["municipality"].pk, known["company"].pk]), YEAR
    )
    assert [str(u) for u in result.units] == [
        "Medicinsk fakultet",
        "Teknisk fakultet",
        "Universitetsbiblioteket",
    ]
    (_municipality, counts, forms), (_company, company_counts, company_forms) = result.rows
    assert counts == {known["faculty_a"].pk: 1, known["faculty_b"].pk: 1}
    assert (result.reached(counts), forms) == (2, 2)
    assert (company_counts, company_forms) == ({known["faculty_b"].pk: 1}, 1)
    only_seminars = coverage(
        Partnership.objects.filter(pk=known["municipality"].pk), YEAR, form=known["seminar"]
    )
    assert only_seminars.rows[0][1:] == ({}, 1)


def test_the_pages_show_the_figures_and_download_the_chart_tables(coordinator_client, known):
    page = coordinator_client.get(reverse("followup:portfolio") + f"?year={YEAR}").content.decode()
    assert "Kommunen" in page and "Företaget" in page and "120\xa0000" in page
    csv = coordinator_client.get(
        reverse("followup:portfolio") + f"?year={YEAR}&chart=activities-per-partnership&format=csv"
    )
    lines = b"".join(csv.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[:3] == ["Partnerskap;2025;2026", "Kommunen;1;3", "Företaget;0;1"]
    filtered = coordinator_client.get(
        reverse("followup:portfolio") + f"?year={YEAR}&partner_type=company"
    ).content.decode()
    assert "Företaget" in filtered and ">Kommunen<" not in filtered
    coverage_page = coordinator_client.get(reverse("followup:coverage") + f"?year={YEAR}").content.decode()
    assert "2 av 3" in coverage_page and "Teknisk fakultet" in coverage_page
    assert (
        coordinator_client.get(reverse("followup:portfolio") + "?chart=nothing&format=csv").status_code == 404
    )


def test_bad_filters_are_ignored_with_a_message_not_an_error(coordinator_client, known):
    response = coordinator_client.get(
        reverse("followup:portfolio") + "?year=banan&unit=99999999999999&partner_type=x"
    )
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()


def test_partner_representatives_do_not_open_the_portfolio(members):
    client = client_for(members["partner"])
    assert client.get(reverse("followup:portfolio")).status_code == 403
    assert client.get(reverse("followup:coverage")).status_code == 403


@pytest.mark.parametrize("name", ["followup:portfolio", "followup:coverage"])
def test_portfolio_query_count_does_not_grow(coordinator_client, institution, name):
    counts = []
    year = timezone.localdate().year
    for size in (1, 4):
        kind = f.ActivityTypeFactory(institution=institution)
        faculty = f.UnitFactory(institution=institution, kind="faculty")
        for _n in range(size):
            partnership = f.PartnershipFactory(institution=institution)
            activity = f.ActivityFactory(
                institution=institution,
                partnership=partnership,
                type=kind,
                starts_on=datetime.date(year, 1, 1),
            )
            activity.units.set([f.UnitFactory(institution=institution, parent=faculty)])
            f.IndicatorYearFactory(
                indicator=f.IndicatorFactory(goal=f.GoalFactory(partnership=partnership)), year=year
            )
            f.ResourceCommitmentFactory(partnership=partnership, year=year)
            f.ActionItemFactory(body=f.BodyFactory(institution=institution, partnership=partnership))
            f.AgreementFactory(partnership=partnership, ends_on=datetime.date(year + 1, 1, 1))
        with CaptureQueriesContext(connection) as context:
            assert coordinator_client.get(reverse(name)).status_code == 200
        counts.append(len(context))
    assert counts[0] == counts[1], counts
