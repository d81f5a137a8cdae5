"""Time the follow-up of a large partnership: `python scripts/bench-followup.py [ACTIVITIES] [REPEAT]`.

Builds, in a throwaway test database, a partnership with 20,000 activities (by default) over
five years, twelve collaboration forms and eight focus areas, ten goals of three indicators
each, resources and both sides' assessments, and 29 more partnerships with a few activities
each; then prints the median seconds (and queries) of the annual report as data, its page,
PDF, Word and Excel files, and the portfolio and coverage pages. Results: docs/followup.md.
"""

import datetime
import os
import random
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverka.settings")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from samverka.activities.domain import ensure_standard_activity_types  # noqa: E402
from samverka.activities.models import Activity, ActivityType  # noqa: E402
from samverka.core.models import Institution, Membership  # noqa: E402
from samverka.directory.models import Organisation, Unit  # noqa: E402
from samverka.followup.documents import report_document, report_workbook  # noqa: E402
from samverka.followup.domain.assessments import answer_rows, record_answers, submit_assessment  # noqa: E402
from samverka.followup.domain.report import report_content  # noqa: E402
from samverka.followup.domain.report_view import localise  # noqa: E402
from samverka.followup.models import (  # noqa: E402
    AnnualReport,
    Assessment,
    Goal,
    Indicator,
    IndicatorYear,
    Measure,
    ResourceCommitment,
)
from samverka.partnerships.models import FocusArea, Partnership  # noqa: E402

YEAR = 2026


def build(activities: int) -> tuple[AnnualReport, object]:
    rng = random.Random(2026)  # noqa: S311 - made-up data, the same every run
    institution = Institution.objects.create(name="Bänk", slug="bench-followup")
    ensure_standard_activity_types(institution)
    types = list(ActivityType.objects.in_institution(institution))
    faculties = [
        Unit.objects.create(institution=institution, name_sv=f"Fakultet {n}", kind="faculty")
        for n in range(5)
    ]
    departments = [
        Unit.objects.create(
            institution=institution, name_sv=f"Institution {n}", kind="department", parent=faculties[n % 5]
        )
        for n in range(25)
    ]
    partnerships = []
    for n in range(30):
        partnership = Partnership.objects.create(
            institution=institution, title_sv=f"Partnerskap {n}", slug=f"p{n}", status="active"
        )
        partnership.organisations.set(
            [Organisation.objects.create(institution=institution, name=f"Partner {n}", type="municipality")]
        )
        partnerships.append(partnership)
    large = partnerships[0]
    areas = [
        FocusArea.objects.create(institution=institution, partnership=large, name_sv=f"Område {n}")
        for n in range(8)
    ]
    rows = []
    for n in range(activities):
        rows.append(
            Activity(
                institution=institution,
                partnership=large,
                type=rng.choice(types),
                focus_area=rng.choice([*areas, None]),
                title_sv=f"Aktivitet {n}",
                starts_on=datetime.date(rng.randint(YEAR - 4, YEAR), rng.randint(1, 12), rng.randint(1, 28)),
                status=rng.choice(["planned", "ongoing", "completed", "cancelled"]),
                student_count=rng.randint(0, 5),
                funding_sek=rng.randint(0, 100_000),
                granted=rng.choice([None, True, False]),
            )
        )
    for partnership in partnerships[1:]:
        for n in range(20):
            rows.append(
                Activity(
                    institution=institution,
                    partnership=partnership,
                    type=rng.choice(types),
                    title_sv=f"A {n}",
                    starts_on=datetime.date(YEAR, rng.randint(1, 12), 1),
                )
            )
    made = Activity.objects.bulk_create(rows, batch_size=2000)
    through = Activity.units.through
    through.objects.bulk_create(
        [through(activity_id=a.pk, unit_id=rng.choice(departments).pk) for a in made], batch_size=5000
    )
    measures = [Measure.ACTIVITIES, Measure.STUDENTS, Measure.FUNDING, Measure.APPLICATIONS, Measure.MANUAL]
    for g in range(10):
        goal = Goal.objects.create(
            institution=institution, partnership=large, title_sv=f"Mål {g}", focus_area=areas[g % 8]
        )
        for i in range(3):
            indicator = Indicator.objects.create(
                institution=institution,
                goal=goal,
                name_sv=f"Indikator {g}.{i}",
                measure=measures[(g + i) % 5],
            )
            indicator.activity_types.set(rng.sample(types, 2))
            IndicatorYear.objects.create(institution=institution, indicator=indicator, year=YEAR, target=100)
    for party in ("university", "partner"):
        for n in range(6):
            ResourceCommitment.objects.create(
                institution=institution,
                partnership=large,
                party=party,
                year=YEAR,
                purpose=f"Resurs {n}",
                kind=["money", "hours", "fte", "in_kind"][n % 4],
                committed=1000 * (n + 1),
                used=700 * (n + 1),
            )
    for side in ("university", "partner"):
        assessment = Assessment.objects.create(
            institution=institution, partnership=large, year=YEAR, side=side
        )
        record_answers(assessment, {k: (4, "Bra") for k, _s, _a in answer_rows(assessment)}, {}, actor=None)
        submit_assessment(assessment, actor=None, expected_version=assessment.version)
    report = AnnualReport.objects.create(
        institution=institution, partnership=large, year=YEAR, summary="Året. " * 50
    )
    user = get_user_model().objects.create_user("bench")
    Membership.objects.create(user=user, institution=institution, role="coordinator")
    return report, user


def timed(repeat: int, make) -> tuple[float, int, int]:
    seconds, size, queries = [], 0, 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as context:
            start = time.perf_counter()
            result = make()
            seconds.append(time.perf_counter() - start)
        queries = len(context)
        size = len(result.content if hasattr(result, "content") else result)
    return statistics.median(seconds), size, queries


def main(activities: int, repeat: int) -> None:
    setup_test_environment()
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        report, user = build(activities)
        client = Client()
        client.force_login(user)
        view = localise(report_content(report), "sv")
        url = report.get_absolute_url()
        runs = {
            "report as data": lambda: str(report_content(report)),
            "report in Swedish": lambda: str(localise(report_content(report), "sv")),
            "report page": lambda: client.get(url),
            "report PDF": lambda: report_document(view, "pdf", draft=True),
            "report PDF (page)": lambda: client.get(url + "?format=pdf&lang=sv"),
            "report Word": lambda: report_document(view, "docx", draft=True),
            "report Excel": lambda: report_workbook(view),
            "portfolio page": lambda: client.get(f"/app/followup/portfolio/?year={YEAR}"),
            "coverage page": lambda: client.get(f"/app/followup/coverage/?year={YEAR}"),
        }
        print(f"{activities} activities in the partnership, {Activity.objects.count()} in all")
        for label, make in runs.items():
            seconds, size, queries = timed(repeat, make)
            print(f"{label:20} median {seconds:.3f} s  {queries:3} queries  {size / 1024:.0f} KiB")
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000, int(sys.argv[2]) if len(sys.argv) > 2 else 5)
