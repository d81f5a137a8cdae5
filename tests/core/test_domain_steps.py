"""Steps that move a record on (``core.domain.steps``): locked, version checked, saved with the next
version and audited in one way; approve → freeze a version → reopen with a reason in one way for
minutes and annual reports."""

import pytest
from django.db import transaction

from samverka.core.domain.records import ReasonRequired, StaleRecordError, StepRefused
from samverka.core.domain.steps import next_number, record_step
from samverka.core.models import AuditEntry
from samverka.followup.domain.report import REPORT, approve_report, start_new_version
from samverka.governance.domain.meetings import MINUTES, approve_minutes, start_correction
from samverka.governance.models import Meeting
from tests import factories as f


@pytest.fixture
def meeting(institution):
    body = f.BodyFactory(institution=institution, partnership=f.PartnershipFactory(institution=institution))
    return f.MeetingFactory(body=body)


def test_a_step_saves_its_values_with_the_next_version_and_is_audited(meeting, coordinator):
    with transaction.atomic(), record_step(meeting, 1, actor=coordinator, verb="documents_released") as step:
        step.save(documents_released=True)
        step.changes = {"documents_released": {"before": False, "after": True}}
    stored = Meeting.objects.get(pk=meeting.pk)
    assert (stored.documents_released, stored.version) == (True, 2)
    assert (meeting.documents_released, meeting.version) == (True, 2)  # the caller's record follows
    entry = AuditEntry.objects.get(action="governance.meeting.documents_released")
    assert (entry.actor, entry.changes) == (
        coordinator,
        {"documents_released": {"before": False, "after": True}},
    )


def test_a_step_from_a_version_that_moved_on_is_refused(meeting, coordinator):
    Meeting.objects.filter(pk=meeting.pk).update(version=2)
    with (
        pytest.raises(StaleRecordError),
        transaction.atomic(),
        record_step(meeting, 1, actor=coordinator, verb="documents_released") as step,
    ):
        step.save(documents_released=True)
    assert (Meeting.objects.get(pk=meeting.pk).documents_released, AuditEntry.objects.count()) == (False, 0)


def test_a_refused_step_leaves_nothing_behind(meeting, coordinator):
    with (
        pytest.raises(StepRefused),
        transaction.atomic(),
        record_step(meeting, 1, actor=coordinator, verb="documents_released") as step,
    ):
        step.save(documents_released=True)
        raise StepRefused("nej")
    stored = Meeting.objects.get(pk=meeting.pk)
    assert (stored.documents_released, stored.version, AuditEntry.objects.count()) == (False, 1, 0)


def test_the_next_number_is_one_more_than_the_highest_even_after_a_deletion(meeting):
    items = [f.AgendaItemFactory(meeting=meeting, number=number) for number in (1, 2, 3)]
    items[1].delete()
    assert next_number(meeting.agenda_items.all()) == 4
    assert next_number(meeting.agenda_items.none()) == 1


# --- one lifecycle for minutes and annual reports --------------------------------------------


def _minutes(institution, coordinator):
    body = f.BodyFactory(institution=institution, partnership=f.PartnershipFactory(institution=institution))
    meeting = f.MeetingFactory(body=body)
    adjuster = f.BodyMemberFactory(body=body).person

    def approve(record, version):
        return approve_minutes(
            record,
            adjusters=[adjuster],
            correction_reason="Paragraf ett rättad",
            actor=coordinator,
            expected_version=version,
        )

    def reopen(record, reason, version):
        start_correction(record, reason=reason, actor=coordinator, expected_version=version)

    return MINUTES, meeting, approve, reopen


def _report(institution, coordinator):
    partnership = f.PartnershipFactory(institution=institution)
    report = f.AnnualReportFactory(institution=institution, partnership=partnership, year=2025)

    def approve(record, version):
        return approve_report(record, registry_number="", actor=coordinator, expected_version=version)

    def reopen(record, reason, version):
        start_new_version(record, reason=reason, actor=coordinator, expected_version=version)

    return REPORT, report, approve, reopen


@pytest.mark.parametrize("kind", [_minutes, _report], ids=["minutes", "report"])
def test_approve_freeze_and_reopen_with_a_reason_go_the_same_way(kind, institution, coordinator):
    lifecycle, record, approve, reopen = kind(institution, coordinator)
    first = approve(record, 1)
    record.refresh_from_db()
    assert (first.number, lifecycle.is_approved(record), record.version) == (1, True, 2)
    with pytest.raises(lifecycle.refusal):  # approved already
        approve(record, 2)
    with pytest.raises(ReasonRequired):
        reopen(record, "kort", 2)
    reopen(record, "Ett fel i första versionen", 2)
    record.refresh_from_db()
    assert (lifecycle.is_approved(record), record.version) == (False, 3)
    with pytest.raises(lifecycle.refusal):  # a draft is not reopened
        reopen(record, "Ett fel i första versionen", 3)
    second = approve(record, 3)
    assert (second.number, getattr(record, lifecycle.versions).count()) == (2, 2)
    trail = AuditEntry.objects.filter(object_id=record.pk, action__endswith=lifecycle.approved_verb)
    assert [entry.changes["version"] for entry in trail.order_by("id")] == [
        {"before": None, "after": 1},
        {"before": 1, "after": 2},
    ]
    reopened = AuditEntry.objects.get(object_id=record.pk, action__endswith=lifecycle.reopened_verb)
    assert reopened.changes["reason"] == {"before": None, "after": "Ett fel i första versionen"}


# --- "may this member take this step now": the policy and the record's state, in one place ---


@pytest.mark.parametrize("approved", [False, True], ids=["draft", "approved"])
def test_may_approve_or_reopen_is_the_policys_permission_and_the_records_state(members, world, approved):
    from samverka.core.models import Membership
    from samverka.core.permissions import Policy
    from samverka.followup.models import ReportStatus
    from samverka.governance.models import MinutesStatus

    meeting = world["own"]["meeting"]
    report = world["own"]["annualreport"]
    Meeting.objects.filter(pk=meeting.pk).update(
        minutes_status=MinutesStatus.APPROVED if approved else MinutesStatus.DRAFT
    )
    type(report).objects.filter(pk=report.pk).update(
        status=ReportStatus.APPROVED if approved else ReportStatus.DRAFT
    )
    meeting.refresh_from_db()
    report.refresh_from_db()
    answers = {}
    for role, user in members.items():
        policy = Policy(Membership.objects.get(user=user))
        for lifecycle, record, approve in ((MINUTES, meeting, "change"), (REPORT, report, "approve")):
            may_change = policy.permits("change", record)
            assert lifecycle.may_approve(policy, record) == (policy.permits(approve, record) and not approved)
            assert lifecycle.may_reopen(policy, record) == (may_change and approved)
            assert lifecycle.may_change_parts(policy, record) == (may_change and not approved)
            answers[role, lifecycle.approved_verb] = lifecycle.may_approve(policy, record)
    # the coordinator may approve a draft, never an approved record; a viewer never approves
    assert answers["coordinator", "minutes_approved"] is not approved
    assert answers["viewer", "minutes_approved"] is answers["viewer", "report_approved"] is False
