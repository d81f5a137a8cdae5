"""The domain's refusals answered in one place (``core.refusals``): the same status and message
on the pages and in the API, for every kind of refusal."""

import pytest
from django.utils import translation
from rest_framework.test import APIRequestFactory

from samverka.api.base import STALE, json_errors, reason_needed_for_deletion
from samverka.core.domain.records import (
    ReasonRequired,
    RecordInUse,
    RecordLocked,
    StaleRecordError,
    StepRefused,
    delete_record,
)
from samverka.core.refusals import REASON_FIELDS, REASON_NEEDED, REFUSALS, Refusal, refusal_of
from samverka.followup.domain.report import ReportStateError
from samverka.governance.domain.meetings import MeetingStateError
from tests import factories as f


class Record:
    def __str__(self):
        return "Styrgruppen"


# (the refusal, what the person is told, what the API answers)
CASES = {
    StaleRecordError: (
        StaleRecordError(),
        Refusal(409, str(StaleRecordError.message)),
        (409, {"detail": str(STALE)}),
    ),
    RecordLocked: (
        RecordLocked("Protokollet är justerat."),
        Refusal(409, "Protokollet är justerat."),
        (409, {"detail": "Protokollet är justerat."}),
    ),
    RecordInUse: (
        RecordInUse(Record()),
        Refusal(409, "”Styrgruppen” används fortfarande av andra poster och kan inte raderas."),
        (409, {"detail": "”Styrgruppen” används fortfarande av andra poster och kan inte raderas."}),
    ),
    StepRefused: (
        StepRefused("Protokollet är redan justerat."),
        Refusal(400, "Protokollet är redan justerat."),
        (400, {"detail": "Protokollet är redan justerat."}),
    ),
    ReasonRequired: (
        ReasonRequired(),
        Refusal(400, str(REASON_NEEDED), REASON_FIELDS),
        (400, {"reason": [str(REASON_NEEDED)]}),
    ),
}


class Step:
    action = "approve"


class Deletion:
    action = "destroy"
    reason_fields = {"destroy": ("reason", reason_needed_for_deletion)}


def test_every_refusal_has_a_case():
    assert set(CASES) == set(REFUSALS)


@pytest.mark.parametrize("kind", REFUSALS, ids=lambda kind: kind.__name__)
def test_each_refusal_has_one_status_and_message_on_the_pages_and_in_the_api(kind):
    exc, refusal, (status, body) = CASES[kind]
    with translation.override("sv"):
        assert refusal_of(exc) == refusal
        answer = json_errors(exc, {"view": Step(), "request": APIRequestFactory().post("/")})
    assert (answer.status_code, answer.data) == (status, body)


@pytest.mark.parametrize(
    "exc", [MeetingStateError("Redan justerat."), ReportStateError("Redan fastställd.")], ids=type
)
def test_a_feature_apps_refusal_is_answered_as_the_refusal_it_is(exc):
    assert refusal_of(exc) == Refusal(400, exc.message)


def test_a_missing_reason_is_the_field_the_view_names_for_its_action():
    with translation.override("en"):
        answer = json_errors(ReasonRequired(), {"view": Deletion(), "request": None})
        assert (answer.status_code, answer.data) == (400, {"reason": [reason_needed_for_deletion()]})
    assert "?reason=" in answer.data["reason"][0]


def test_what_is_not_a_refusal_is_not_answered_by_the_mapper():
    with pytest.raises(TypeError):
        refusal_of(ValueError("no"))


def test_a_record_still_in_use_is_refused_by_the_domain_and_stays(institution, coordinator):
    activity_type = f.ActivityTypeFactory(institution=institution)
    f.ActivityFactory(institution=institution, type=activity_type)
    with pytest.raises(RecordInUse) as refused:
        delete_record(activity_type, actor=coordinator)
    in_use = "används fortfarande av andra poster och kan inte raderas."
    assert refused.value.message == f"”{activity_type}” {in_use}"
    assert type(activity_type).objects.filter(pk=activity_type.pk).exists()
