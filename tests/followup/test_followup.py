"""Follow-up: goals, indicators and their figures, earmarked resources and the mutual-benefit
assessment (docs/followup.md)."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samverka.activities.models import Activity
from samverka.core.models import AuditEntry
from samverka.core.permissions import Policy
from samverka.followup.domain.assessments import (
    AssessmentStateError,
    answer_rows,
    record_answers,
    submit_assessment,
)
from samverka.followup.domain.indicators import (
    PartnershipFacts,
    Status,
    computed_value,
    indicator_figures,
    status,
)
from samverka.followup.domain.overview import resource_totals
from samverka.followup.domain.templates import TEMPLATES
from samverka.followup.models import Assessment, AssessmentAnswer, Measure
from tests import factories as f
from tests.conftest import ROLES, client_for

TODAY = datetime.date(2026, 7, 2)  # the 183rd day of 365: half of 2026 has passed


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context)


@pytest.fixture
def partnership(institution):
    return f.PartnershipFactory(institution=institution)


@pytest.fixture
def types(institution):
    return {
        code: f.ActivityTypeFactory(institution=institution, code=code)
        for code in ("degree-project", "internship", "joint-application", "seminar")
    }


def activity(partnership, activity_type, starts_on, **values):
    return f.ActivityFactory(
        institution=partnership.institution,
        partnership=partnership,
        type=activity_type,
        starts_on=starts_on,
        **values,
    )


def value_of(partnership, year, measure, activity_types=(), focus_area=None):
    goal = f.GoalFactory(partnership=partnership, focus_area=focus_area)
    indicator = f.IndicatorFactory(goal=goal, measure=measure)
    indicator.activity_types.set(activity_types)
    facts = PartnershipFacts.read([partnership.pk], [year])
    return computed_value(indicator, facts, year)


# --- indicators computed from the records ------------------------------------------------


def test_every_computed_measure_counts_by_its_rule(institution, partnership, types):
    area = f.FocusAreaFactory(partnership=partnership)
    d = datetime.date
    activity(partnership, types["degree-project"], d(2026, 2, 1), student_count=2, funding_sek=1000)
    activity(partnership, types["degree-project"], d(2026, 12, 31), student_count=1, focus_area=area)
    activity(partnership, types["internship"], d(2026, 5, 5), student_count=4)
    activity(partnership, types["seminar"], d(2026, 5, 5), funding_sek=500)
    activity(partnership, types["joint-application"], d(2026, 3, 1), granted=True, funding_sek=2_000_000)
    activity(partnership, types["joint-application"], d(2026, 4, 1), granted=False)
    activity(partnership, types["joint-application"], d(2026, 4, 2))  # undecided
    # not counted: another year, cancelled, no start date, another partnership, no partnership
    activity(partnership, types["degree-project"], d(2025, 12, 31), student_count=9)
    activity(partnership, types["degree-project"], d(2026, 6, 1), status="cancelled", student_count=9)
    activity(partnership, types["degree-project"], None, student_count=9)
    activity(f.PartnershipFactory(institution=institution), types["degree-project"], d(2026, 6, 1))
    f.ActivityFactory(institution=institution, type=types["degree-project"], starts_on=d(2026, 6, 1))
    body = f.BodyFactory(institution=institution, partnership=partnership)
    held = f.MeetingFactory(body=body, documents_released=True)  # 2026-03-10
    f.DecisionFactory(meeting=held)
    f.DecisionFactory(meeting=held)
    f.MeetingFactory(body=body, documents_released=True, starts_at=held.starts_at.replace(year=2025))
    unreleased = f.MeetingFactory(body=body, starts_at=held.starts_at.replace(day=20))  # not seen by both
    f.DecisionFactory(meeting=unreleased)

    degree, internship = types["degree-project"], types["internship"]
    assert value_of(partnership, 2026, Measure.ACTIVITIES) == 7
    assert value_of(partnership, 2026, Measure.ACTIVITIES, [degree]) == 2
    assert value_of(partnership, 2026, Measure.ACTIVITIES, [degree], focus_area=area) == 1
    assert value_of(partnership, 2026, Measure.STUDENTS, [degree, internship]) == 7
    assert value_of(partnership, 2026, Measure.FUNDING) == Decimal(2_001_500)
    assert value_of(partnership, 2026, Measure.APPLICATIONS) == 3
    assert value_of(partnership, 2026, Measure.GRANTED) == 1
    assert value_of(partnership, 2026, Measure.MEETINGS) == 1
    assert value_of(partnership, 2026, Measure.DECISIONS) == 2
    assert value_of(partnership, 2025, Measure.ACTIVITIES) == 1
    assert value_of(partnership, 2025, Measure.MEETINGS) == 1


def test_meetings_not_yet_held_are_not_counted(institution, partnership):
    body = f.BodyFactory(institution=institution, partnership=partnership)
    coming = f.MeetingFactory(body=body, documents_released=True)
    coming.starts_at = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=1)
    coming.save()
    assert value_of(partnership, coming.starts_at.year, Measure.MEETINGS) == 0


ACTIVITY_SETS = st.lists(
    st.tuples(
        st.sampled_from(["degree-project", "internship", "joint-application", "seminar"]),
        st.sampled_from([2024, 2025, 2026]),
        st.sampled_from(["planned", "ongoing", "completed", "cancelled"]),
        st.one_of(st.none(), st.integers(min_value=0, max_value=40)),
        st.one_of(st.none(), st.integers(min_value=0, max_value=10**7)),
        st.sampled_from([None, True, False]),
        st.booleans(),  # in the focus area
        st.booleans(),  # has a start date
    ),
    max_size=25,
)


@settings(max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(
    rows=ACTIVITY_SETS,
    year=st.sampled_from([2024, 2025, 2026]),
    chosen=st.sets(st.sampled_from(["degree-project", "internship", "joint-application", "seminar"])),
)
def test_computed_indicators_agree_with_a_plain_count(institution, partnership, types, rows, year, chosen):
    """Over random activity sets, every computed measure equals the count written out plainly."""
    area = f.FocusAreaFactory(partnership=partnership)
    savepoint = transaction.savepoint()
    try:
        for code, y, state, students, funding, granted, in_area, dated in rows:
            activity(
                partnership,
                types[code],
                datetime.date(y, 6, 1) if dated else None,
                status=state,
                student_count=students,
                funding_sek=funding,
                granted=granted,
                focus_area=area if in_area else None,
            )
        facts = PartnershipFacts.read([partnership.pk], [year])
        for focus in (None, area):
            counted = [
                r for r in rows if r[1] == year and r[2] != "cancelled" and r[7] and (focus is None or r[6])
            ]
            of_types = [r for r in counted if not chosen or r[0] in chosen]
            applications = [r for r in counted if r[0] == "joint-application"]
            plain = {
                Measure.ACTIVITIES: len(of_types),
                Measure.STUDENTS: sum(r[3] or 0 for r in of_types),
                Measure.FUNDING: sum(r[4] or 0 for r in of_types),
                Measure.APPLICATIONS: len(applications),
                Measure.GRANTED: len([r for r in applications if r[5]]),
            }
            goal = f.GoalFactory(partnership=partnership, focus_area=focus)
            for measure, expected in plain.items():
                indicator = f.IndicatorFactory(goal=goal, measure=measure)
                if measure not in (Measure.APPLICATIONS, Measure.GRANTED):
                    indicator.activity_types.set([types[code] for code in chosen])
                assert computed_value(indicator, facts, year) == expected, (measure, focus)
    finally:
        transaction.savepoint_rollback(savepoint)


# --- the status rule -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("actual", "target", "year", "expected"),
    [
        (10, 10, 2025, Status.ON_TRACK),  # a past year: the whole target is expected
        (8, 10, 2025, Status.AT_RISK),  # 80 % of it
        (Decimal("7.99"), 10, 2025, Status.BEHIND),
        (Decimal("5.02"), 10, 2026, Status.ON_TRACK),  # 183 days of 365 have passed: 5.01 expected
        (5, 10, 2026, Status.AT_RISK),  # just short of it
        (Decimal("4.02"), 10, 2026, Status.AT_RISK),  # ≥ 0.8 × 5.0137 = 4.011
        (4, 10, 2026, Status.BEHIND),
        (0, 0, 2025, Status.ON_TRACK),
        (None, 10, 2025, Status.NO_VALUE),
        (5, None, 2025, Status.NO_TARGET),
        (None, 10, 2027, Status.NOT_STARTED),
    ],
)
def test_the_status_rule(actual, target, year, expected):
    actual = Decimal(actual) if actual is not None else None
    target = Decimal(target) if target is not None else None
    assert status(actual, target, year, TODAY) == expected


def test_figures_of_a_manual_indicator_come_from_its_years(partnership):
    indicator = f.IndicatorFactory(goal=f.GoalFactory(partnership=partnership), measure=Measure.MANUAL)
    f.IndicatorYearFactory(indicator=indicator, year=2025, target=100, value=120, source="Ekonomisystemet")
    f.IndicatorYearFactory(indicator=indicator, year=2026, target=100)
    figures = indicator_figures([indicator], [2025, 2026], today=TODAY)[indicator.pk]
    assert [(x.year, x.actual, x.target, x.status, x.source) for x in figures] == [
        (2025, Decimal(120), Decimal(100), Status.ON_TRACK, "Ekonomisystemet"),
        (2026, None, Decimal(100), Status.NO_VALUE, ""),
    ]


def test_a_computed_indicator_refuses_a_typed_value(coordinator_client, partnership):
    indicator = f.IndicatorFactory(goal=f.GoalFactory(partnership=partnership), measure=Measure.ACTIVITIES)
    response = coordinator_client.post(
        reverse("followup:indicatoryear-create"),
        {"indicator": f"#{indicator.pk}", "year": 2026, "target": 10, "value": 7},
    )
    assert response.status_code == 200
    assert (
        "counted from the records" in response.content.decode() or "räknas fram" in response.content.decode()
    )
    assert not indicator.years.exists()


def test_one_row_per_indicator_and_year(coordinator_client, partnership):
    row = f.IndicatorYearFactory(indicator=f.IndicatorFactory(goal=f.GoalFactory(partnership=partnership)))
    response = coordinator_client.post(
        reverse("followup:indicatoryear-create"),
        {"indicator": f"#{row.indicator_id}", "year": row.year, "target": 3},
    )
    assert response.status_code == 200
    assert row.indicator.years.count() == 1


# --- ready-made indicators -----------------------------------------------------------------


def test_every_template_names_standard_collaboration_forms():
    from samverka.activities.domain import STANDARD_ACTIVITY_TYPES

    codes = {code for code, *_rest in STANDARD_ACTIVITY_TYPES}
    assert len({t.code for t in TEMPLATES}) == len(TEMPLATES)
    for template in TEMPLATES:
        assert set(template.activity_types) <= codes, template.code
        assert template.name_sv and template.name_en and template.measure in Measure.values
    assert sum(t.code.startswith("vr-") for t in TEMPLATES) == 7  # the Research Council's seven


def test_an_indicator_starts_from_a_template(coordinator_client, institution, partnership):
    from samverka.activities.domain import ensure_standard_activity_types
    from samverka.activities.models import ActivityType

    ensure_standard_activity_types(institution)
    goal = f.GoalFactory(partnership=partnership)
    url = (
        reverse("followup:indicator-create")
        + f"?goal={goal.pk}&template=students-in-projects-and-internships"
    )
    page = coordinator_client.get(url).content.decode()
    assert 'value="Studenter i examensarbeten och praktik"' in page
    assert '<option value="students" selected>' in page
    for code in ("degree-project", "internship"):
        pk = ActivityType.objects.get(institution=institution, code=code).pk
        assert f'value="{pk}" id="id_activity_types_' in page and "checked" in page
    data = {
        "goal": f"#{goal.pk}",
        "name_sv": "Studenter i examensarbeten och praktik",
        "measure": "students",
        "activity_types": list(
            ActivityType.objects.filter(
                institution=institution, code__in=["degree-project", "internship"]
            ).values_list("pk", flat=True)
        ),
        "unit": "st",
        "order": 0,
        "template": "students-in-projects-and-internships",
    }
    response = coordinator_client.post(reverse("followup:indicator-create"), data)
    assert response.status_code == 302
    indicator = goal.indicators.get()
    assert indicator.template == "students-in-projects-and-internships"
    assert indicator.activity_types.count() == 2


# --- earmarked resources ---------------------------------------------------------------------


def test_resources_committed_and_used_per_party(partnership):
    make = f.ResourceCommitmentFactory
    rows = [
        make(partnership=partnership, party="university", kind="money", committed=500_000, used=450_000),
        make(partnership=partnership, party="university", kind="money", committed=100_000, used=None),
        make(partnership=partnership, party="university", kind="hours", committed=200, used=260),
        make(partnership=partnership, party="partner", kind="money", committed=300_000, used=300_000),
    ]
    rows.append(make(partnership=partnership, party="partner", kind="hours", committed=40, used=None))
    totals = {
        (r["party"], r["kind"]): (r["committed"], r["used"], r["share"], r["unrecorded"], r["over"])
        for r in resource_totals(rows)
    }
    # a use not recorded is neither 0 used nor in the share; more used than committed is flagged
    assert totals == {
        ("university", "money"): (Decimal(600_000), Decimal(450_000), Decimal("0.9"), 1, False),
        ("university", "hours"): (Decimal(200), Decimal(260), Decimal("1.3"), 0, True),
        ("partner", "money"): (Decimal(300_000), Decimal(300_000), Decimal(1), 0, False),
        ("partner", "hours"): (Decimal(40), None, None, 1, False),
    }


def test_the_pages_say_not_recorded_and_more_than_committed(coordinator_client, partnership):
    year = timezone.localdate().year
    make = f.ResourceCommitmentFactory
    make(partnership=partnership, party="university", kind="hours", committed=200, used=260, year=year)
    make(partnership=partnership, party="partner", kind="hours", committed=40, used=None, year=year)
    url = reverse("followup:partnership-followup", args=[partnership.pk]) + f"?year={year}"
    page = coordinator_client.get(url).content.decode()
    assert "mer än åtagandet" in page and "(1 ej registrerad)" in page
    resources = page.split('id="resources-heading"')[1].split("</table>")[0]
    assert "130 %" in resources and "\n0 %" not in resources and ">0 %" not in resources


# --- the mutual-benefit assessment -----------------------------------------------------------


@pytest.fixture
def assessed(institution, partnership):
    """A partnership with a focus area, a joint goal, one goal of each side and a draft of each side."""
    area = f.FocusAreaFactory(partnership=partnership)
    goals = {
        owner: f.GoalFactory(partnership=partnership, owner=owner)
        for owner in ("joint", "university", "partner")
    }
    drafts = {
        side: f.AssessmentFactory(partnership=partnership, side=side) for side in ("university", "partner")
    }
    return {"area": area, "goals": goals, "drafts": drafts}


def test_each_side_assesses_the_whole_the_areas_the_joint_goals_and_its_own(assessed):
    goals = assessed["goals"]
    for side, own in (("university", goals["university"]), ("partner", goals["partner"])):
        keys = [key for key, _subject, _answer in answer_rows(assessed["drafts"][side])]
        assert keys == ["whole", f"area-{assessed['area'].pk}", f"goal-{goals['joint'].pk}", f"goal-{own.pk}"]


def test_answers_are_saved_at_once_and_submitting_needs_every_rating(assessed, coordinator):
    draft = assessed["drafts"]["university"]
    keys = [key for key, _subject, _answer in answer_rows(draft)]
    saved = record_answers(draft, {keys[0]: (4, "Bra år"), keys[1]: (3, "")}, {}, actor=coordinator)
    assert saved == 2
    assert AuditEntry.objects.filter(action="followup.assessmentanswer.created").count() == 2
    with pytest.raises(AssessmentStateError, match=r"Inte bedömt|Not rated"):
        submit_assessment(draft, actor=coordinator, expected_version=draft.version)
    versions = {key: answer.version for key, _subject, answer in answer_rows(draft) if answer}
    record_answers(draft, dict.fromkeys(keys, (5, "")), versions, actor=coordinator)
    submitted = submit_assessment(draft, actor=coordinator, expected_version=draft.version)
    assert submitted.is_submitted and submitted.submitted_at is not None
    assert AuditEntry.objects.filter(action="followup.assessment.submitted", object_id=draft.pk).exists()
    with pytest.raises(AssessmentStateError):
        record_answers(submitted, {keys[0]: (1, "Ändrat i efterhand")}, versions, actor=coordinator)
    assert AssessmentAnswer.objects.get(assessment=draft, goal=None, focus_area=None).rating == 5


def test_answers_saved_meanwhile_are_not_overwritten(assessed, coordinator):
    from samverka.core.domain.records import StaleRecordError

    draft = assessed["drafts"]["university"]
    record_answers(draft, {"whole": (4, "")}, {}, actor=coordinator)
    seen = {"whole": 1}
    record_answers(draft, {"whole": (2, "någon annan")}, seen, actor=coordinator)
    with pytest.raises(StaleRecordError):
        record_answers(draft, {"whole": (5, "")}, seen, actor=coordinator)
    assert AssessmentAnswer.objects.get(assessment=draft).comment == "någon annan"


def _rate_all(assessment, actor):
    record_answers(assessment, {key: (4, "") for key, _s, _a in answer_rows(assessment)}, {}, actor=actor)
    return submit_assessment(assessment, actor=actor, expected_version=assessment.version)


SIDE_OF_ROLE = {role: ("partner" if role == "partner" else "university") for role in ROLES}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("side", ["university", "partner"])
@pytest.mark.parametrize("submitted", [False, True], ids=["draft", "submitted"])
def test_a_sides_draft_is_its_own_until_submitted(members, world, role, side, submitted):
    """Every role × either side's assessment × draft or submitted, on its page, in the API and
    on the partnership's follow-up page: seen by its own side, by the other only once submitted."""
    partnership = world["own"]["partnership"]
    assessment = f.AssessmentFactory(
        partnership=partnership, side=side, year=2025, summary="SAMMANFATTNING-X"
    )
    answer = f.AssessmentAnswerFactory(assessment=assessment, comment="KOMMENTAR-X")
    if submitted:
        Assessment.objects.filter(pk=assessment.pk).update(status="submitted")
    sees = submitted or SIDE_OF_ROLE[role] == side
    client = client_for(members[role])
    assert client.get(assessment.get_absolute_url()).status_code == (200 if sees else 404)
    api = client.get(f"/api/v1/assessments/{assessment.pk}/")
    assert api.status_code == (200 if sees else 404)
    api = client.get(f"/api/v1/assessment-answers/{answer.pk}/")
    assert api.status_code == (200 if sees else 404)
    listed = client.get("/api/v1/assessment-answers/?assessment=" + str(assessment.pk))
    assert ("KOMMENTAR-X" in listed.content.decode()) == (sees and listed.status_code == 200)
    page = client.get(reverse("followup:partnership-followup", args=[partnership.pk]) + "?year=2025")
    assert page.status_code == 200
    assert ("KOMMENTAR-X" in page.content.decode()) == sees


def test_a_partner_representative_answers_and_submits_their_sides_assessment(members, world):
    partnership = world["own"]["partnership"]
    client = client_for(members["partner"])
    response = client.post(
        reverse("followup:assessment-create"),
        {"partnership": partnership.pk, "year": 2025, "side": "partner"},
    )
    assert response.status_code == 302
    mine = Assessment.objects.get(partnership=partnership, year=2025, side="partner")
    assert mine.created_by == members["partner"]
    # the university's side is not theirs to begin
    response = client.post(
        reverse("followup:assessment-create"),
        {"partnership": partnership.pk, "year": 2025, "side": "university"},
    )
    assert response.status_code == 403
    rows = answer_rows(mine)
    data = {f"rating-{key}": 4 for key, _s, _a in rows} | {f"comment-{key}": "Bra" for key, _s, _a in rows}
    response = client.post(reverse("followup:assessment-answers", args=[mine.pk]), data)
    assert response.status_code == 302
    assert mine.answers.count() == len(rows)
    mine.refresh_from_db()  # the answers moved it on
    submit = reverse("followup:assessment-submit", args=[mine.pk])
    # submitting cannot be undone: the button leads to a page that says so, and only its button submits
    response = client.post(submit, {"expected_version": mine.version})
    assert (response.status_code, response.url) == (302, submit)
    mine.refresh_from_db()
    assert not mine.is_submitted
    page = client.get(submit).content.decode()
    assert "kan den inte längre ändras" in page and 'name="confirmed" value="yes"' in page
    response = client.post(submit, {"expected_version": mine.version, "confirmed": "yes"})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.is_submitted
    assert 'name="confirmed"' not in client.get(submit).content.decode()  # done: nothing to confirm
    # submitted: locked in the pages and the API alike
    assert client.get(reverse("followup:assessment-answers", args=[mine.pk])).status_code == 403
    answer = mine.answers.first()
    response = client.patch(
        f"/api/v1/assessment-answers/{answer.pk}/",
        {"version": answer.version, "rating": 1},
        content_type="application/json",
    )
    assert response.status_code == 400
    answer.refresh_from_db()
    assert answer.rating == 4
    assert client.delete(f"/api/v1/assessments/{mine.pk}/").status_code == 409
    # the coordinator now sees the partner's answers side by side with their own side's
    page = client_for(members["coordinator"]).get(
        reverse("followup:partnership-followup", args=[partnership.pk]) + "?year=2025"
    )
    assert "4 – stor nytta" in page.content.decode()


def test_submitting_through_the_api(members, world):
    assessment = world["own"]["assessment"]
    assessment.refresh_from_db()  # its answer moved it on
    client = client_for(members["coordinator"])
    url = f"/api/v1/assessments/{assessment.pk}/submit/"
    response = client.post(url, {"version": assessment.version}, content_type="application/json")
    assert response.status_code == 400  # the focus area and the goal are not rated yet
    _answers = {key: (3, "") for key, _s, _a in answer_rows(assessment)}
    versions = {key: a.version for key, _s, a in answer_rows(assessment) if a}
    record_answers(assessment, _answers, versions, actor=members["coordinator"])
    assert (
        client.post(url, {"version": assessment.version}, content_type="application/json").status_code == 200
    )
    assessment.refresh_from_db()
    assert assessment.is_submitted
    again = client.post(url, {"version": assessment.version}, content_type="application/json")
    assert again.status_code == 400


def test_a_partner_writes_their_own_goals_not_the_joint_ones(members, world):
    partnership = world["own"]["partnership"]
    client = client_for(members["partner"])
    data = {"partnership": partnership.pk, "owner": "partner", "title_sv": "Vårt eget mål", "order": 0}
    assert client.post(reverse("followup:goal-create"), data).status_code == 302
    data |= {"owner": "joint", "title_sv": "Gemensamt mål"}
    assert client.post(reverse("followup:goal-create"), data).status_code == 403
    from samverka.followup.models import Goal

    assert list(
        Goal.objects.filter(title_sv__in=["Vårt eget mål", "Gemensamt mål"]).values_list("owner", flat=True)
    ) == ["partner"]


# --- pages and their query counts ----------------------------------------------------------


def _follow_up_data(partnership, types, size: int):
    year = timezone.localdate().year
    for n in range(size):
        goal = f.GoalFactory(partnership=partnership)
        indicator = f.IndicatorFactory(goal=goal, measure=Measure.ACTIVITIES)
        indicator.activity_types.set([types["degree-project"]])
        f.IndicatorYearFactory(indicator=indicator, year=year, target=5)
        f.IndicatorFactory(goal=goal, measure=Measure.MANUAL)
        f.ResourceCommitmentFactory(partnership=partnership, year=year, used=n)
        activity(partnership, types["degree-project"], datetime.date(year, 1, 1))
    for side in ("university", "partner"):
        assessment = f.AssessmentFactory(partnership=partnership, side=side, year=year)
        Assessment.objects.filter(pk=assessment.pk).update(status="submitted")
    return goal


@pytest.mark.parametrize("page", ["followup", "goal", "indicator", "assessment"])
def test_follow_up_pages_query_count_does_not_grow(coordinator_client, institution, types, page):
    counts = []
    for size in (1, 3):
        partnership = f.PartnershipFactory(institution=institution)
        goal = _follow_up_data(partnership, types, size)
        url = {
            "followup": reverse("followup:partnership-followup", args=[partnership.pk]),
            "goal": goal.get_absolute_url(),
            "indicator": goal.indicators.first().get_absolute_url(),
            "assessment": Assessment.objects.filter(partnership=partnership).first().get_absolute_url(),
        }[page]
        counts.append(count_queries(coordinator_client, url))
    assert counts[0] == counts[1], counts


@pytest.mark.parametrize("name", ["goal", "indicator", "resourcecommitment", "assessment"])
def test_follow_up_lists_query_count_does_not_grow(coordinator_client, institution, types, name):
    counts = []
    for size in (1, 3):
        _follow_up_data(f.PartnershipFactory(institution=institution), types, size)
        counts.append(count_queries(coordinator_client, reverse(f"followup:{name}-list")))
    assert counts[0] == counts[1], counts


def test_the_follow_up_page_shows_the_figures(coordinator_client, institution, partnership, types):
    year = timezone.localdate().year
    goal = f.GoalFactory(partnership=partnership, title_sv="Fler examensarbeten")
    indicator = f.IndicatorFactory(goal=goal, name_sv="Examensarbeten i år", measure=Measure.ACTIVITIES)
    indicator.activity_types.set([types["degree-project"]])
    f.IndicatorYearFactory(indicator=indicator, year=year, target=1)
    activity(partnership, types["degree-project"], datetime.date(year, 1, 1))
    activity(partnership, types["degree-project"], datetime.date(year, 1, 2))
    f.ResourceCommitmentFactory(partnership=partnership, year=year, committed=1_000_000, used=250_000)
    page = coordinator_client.get(
        reverse("followup:partnership-followup", args=[partnership.pk])
    ).content.decode()
    assert "Fler examensarbeten" in page and "Examensarbeten i år" in page
    assert 'class="status status-on_track"' in page
    assert "1\xa0000\xa0000" in page and "250\xa0000" in page and "25 %" in page
    assert Activity.objects.filter(partnership=partnership).count() == 2


def test_policy_of_no_membership_sees_no_assessment(world):
    assert not Policy(None).scope(Assessment.objects.all()).exists()


@pytest.mark.parametrize(
    ("kind", "field", "role", "side"),
    [
        ("assessment", "side", "partner", "partner"),
        ("assessment", "side", "partnership_coordinator", "university"),
        ("goal", "owner", "partner", "partner"),
        ("goal", "owner", "partnership_coordinator", "joint"),
        ("resourcecommitment", "party", "partner", "partner"),
        ("resourcecommitment", "party", "partnership_coordinator", "university"),
    ],
)
def test_a_new_record_of_one_side_starts_as_the_users_own(members, world, kind, field, role, side):
    url = reverse(f"followup:{kind}-create") + f"?partnership={world['own']['partnership'].pk}"
    page = client_for(members[role]).get(url).content.decode()
    select = page[page.index(f'name="{field}"') :]
    assert f'<option value="{side}" selected>' in select[: select.index("</select>")]


# --- what the review found -------------------------------------------------------------------


def test_the_partners_draft_words_stay_out_of_the_audit_trail(members, world):
    partnership = world["own"]["partnership"]
    draft = f.AssessmentFactory(partnership=partnership, side="partner", year=2025)
    record_answers(draft, {"whole": (2, "PARTNERNS-KOMMENTAR")}, {}, actor=members["partner"])
    entry = AuditEntry.objects.get(action="followup.assessmentanswer.created")
    assert "PARTNERNS-KOMMENTAR" not in str(entry.changes) and set(entry.changes) == {"rating", "comment"}
    mine = f.AssessmentFactory(partnership=partnership, side="university", year=2024)
    record_answers(mine, {"whole": (4, "VÅR-KOMMENTAR")}, {}, actor=members["coordinator"])
    ours = AuditEntry.objects.filter(action="followup.assessmentanswer.created").exclude(pk=entry.pk).get()
    assert ours.changes["comment"]["after"] == "VÅR-KOMMENTAR"  # the university's own are kept as usual


def test_a_partner_is_offered_nothing_of_another_partnership(members, world):
    client = client_for(members["partner"])
    sibling = world["sibling"]
    page = client.post(
        reverse("followup:goal-create"),
        {"partnership": sibling["partnership"].pk, "owner": "partner", "title_sv": "x", "order": 0},
    ).content.decode()
    assert sibling["focusarea"].name_sv not in page
    page = client.post(
        reverse("followup:indicatoryear-create"), {"indicator": "Antal", "year": 2030}
    ).content.decode()
    assert f"#{sibling['indicator'].pk} " not in page


def test_a_partner_cannot_tell_whether_the_university_has_answered(members, world):
    draft = world["own"]["assessment"]  # the university's draft
    area = world["own"]["focusarea"]
    client = client_for(members["partner"])
    answers = []
    for state in ("not answered", "answered"):
        if state == "answered":
            record_answers(draft, {f"area-{area.pk}": (4, "")}, {}, actor=None)
        response = client.post(
            "/api/v1/assessment-answers/",
            {"assessment": draft.pk, "focus_area": area.pk, "rating": 3},
            content_type="application/json",
        )
        answers.append((response.status_code, response.json()))
    assert answers[0] == answers[1]
    assert answers[0][0] == 400
    # nor the university whether the partner has begun its own
    partnership = world["own"]["partnership"]
    url = reverse("followup:assessment-create")
    data = {"partnership": partnership.pk, "year": 2031, "side": "partner"}
    coordinator = client_for(members["coordinator"])
    before = coordinator.post(url, data).status_code
    f.AssessmentFactory(partnership=partnership, side="partner", year=2031)
    assert before == coordinator.post(url, data).status_code == 403


def test_answers_changed_meanwhile_are_not_submitted_unseen(assessed, coordinator):
    from samverka.core.domain.records import StaleRecordError

    draft = assessed["drafts"]["university"]
    seen = Assessment.objects.get(pk=draft.pk)  # the page, as one coordinator loaded it
    record_answers(draft, {key: (3, "") for key, _s, _a in answer_rows(draft)}, {}, actor=coordinator)
    with pytest.raises(StaleRecordError):
        submit_assessment(seen, actor=coordinator, expected_version=seen.version)
    assert submit_assessment(draft, actor=coordinator, expected_version=draft.version).is_submitted


def test_deleting_what_a_draft_answers_never_tells_of_the_draft(coordinator_client, members, world):
    """A goal or focus area that only the other side's draft has answered about is deleted with
    those draft answers; one a submitted assessment answered about is kept ("still in use")."""
    partnership = world["own"]["partnership"]
    goal = f.GoalFactory(partnership=partnership)
    draft = f.AssessmentFactory(partnership=partnership, side="partner", year=2025)
    record_answers(draft, {f"goal-{goal.pk}": (3, "")}, {}, actor=None)
    response = coordinator_client.post(reverse("followup:goal-delete", args=[goal.pk]))
    assert response.status_code == 302
    assert not AssessmentAnswer.objects.filter(assessment=draft).exists()
    goal = f.GoalFactory(partnership=partnership)
    record_answers(draft, {key: (3, "") for key, _s, _a in answer_rows(draft)}, {}, actor=None)
    submit_assessment(draft, actor=None, expected_version=draft.version)
    response = coordinator_client.post(reverse("followup:goal-delete", args=[goal.pk]))
    assert response.status_code == 302 and response.url == goal.get_absolute_url()  # "still in use"
    assert AssessmentAnswer.objects.filter(assessment=draft, goal=goal).exists()


def test_an_answer_to_an_assessment_one_may_not_see_is_refused_as_if_there_were_none(members, world):
    goal = world["own"]["goal"]
    client = client_for(members["partner"])
    errors = []
    for assessment in (world["own"]["assessment"].pk, 999999):  # the university's draft, and none
        response = client.post(
            "/api/v1/assessment-answers/",
            {"assessment": assessment, "goal": goal.pk, "rating": 3},
            content_type="application/json",
        )
        errors.append((response.status_code, sorted(response.json())))
    assert errors[0] == errors[1]


def test_a_partner_starts_their_own_sides_record_from_the_list_too(members, world):
    client = client_for(members["partner"])
    for kind, field in (("goal", "owner"), ("resourcecommitment", "party"), ("assessment", "side")):
        page = client.get(reverse(f"followup:{kind}-create")).content.decode()
        select = page[page.index(f'name="{field}"') :]
        assert '<option value="partner" selected>' in select[: select.index("</select>")], kind


# --- one range of years ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("asked", "shown"), [("1900", 1900), ("2200", 2200), ("1899", None), ("2201", None), ("år", None)]
)
def test_the_year_range_is_the_same_in_forms_pages_and_the_api(asked, shown):
    from django.test import RequestFactory

    from samverka.api.resources import RESOURCES
    from samverka.followup.forms import PortfolioFilterForm
    from samverka.followup.models import AnnualReport
    from samverka.followup.views import requested_year
    from samverka.lib.years import EARLIEST_YEAR, LATEST_YEAR

    bounds = (EARLIEST_YEAR, LATEST_YEAR)
    model = tuple(v.limit_value for v in AnnualReport._meta.get_field("year").validators)
    filter_form = PortfolioFilterForm.base_fields["year"]
    reports = next(resource for resource in RESOURCES if resource.prefix == "annual-reports")
    api = reports.serializer()().fields["year"]
    assert model == (filter_form.min_value, filter_form.max_value) == (api.min_value, api.max_value) == bounds
    page = requested_year(RequestFactory().get("/", {"year": asked}))
    assert page == (shown or timezone.localdate().year)
