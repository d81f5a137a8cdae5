"""The steps of a meeting and of an action item through the API, by the same domain functions and
policy ("change" of the record, ``api.permissions``) as the meeting's page:
``POST /api/v1/meetings/{id}/send-out/``, ``…/approve/``, ``…/correct/`` and
``POST /api/v1/action-items/{id}/status/``."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError

from samverka.api.steps import VERSION, StepRequest, step, valid
from samverka.core.domain.records import MIN_REASON
from samverka.directory.models import Person
from samverka.governance.domain.actions import change_action_status
from samverka.governance.domain.meetings import (
    approve_minutes,
    release_documents,
    start_correction,
)
from samverka.governance.models import ActionStatus
from samverka.lib.textmatch import MAX_RECORD_NUMBER


class ApproveRequest(serializers.Serializer):
    class Meta:
        ref_name = "ApproveMinutes"

    version = VERSION
    adjusters = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_RECORD_NUMBER),
        min_length=1,
        help_text="Numbers of the people who adjusted (justerade) the minutes.",
    )
    registry_number = serializers.CharField(max_length=60, required=False, allow_blank=True)
    correction_reason = serializers.CharField(
        max_length=2000,
        required=False,
        allow_blank=True,
        help_text="For a correction: what it changes; by default the reason given when it was started.",
    )


class CorrectionRequest(serializers.Serializer):
    class Meta:
        ref_name = "CorrectMinutes"

    version = VERSION
    reason = serializers.CharField(
        min_length=MIN_REASON, max_length=2000, help_text=f"At least {MIN_REASON} characters."
    )


class StatusRequest(serializers.Serializer):
    class Meta:
        ref_name = "ActionStatusChange"

    version = VERSION
    status = serializers.ChoiceField(choices=ActionStatus.choices)


class MeetingActions:
    """Sending out the documents, approving and correcting the minutes (``governance.domain.meetings``)."""

    @extend_schema(request=StepRequest, summary="Send out the meeting's documents to its members")
    @action(detail=True, methods=["post"], url_path="send-out", url_name="release")
    def release(self, request, pk=None):
        meeting = self.get_object()
        data = valid(StepRequest, request)
        return step(
            self, lambda: release_documents(meeting, actor=request.user, expected_version=data["version"])
        )

    @extend_schema(request=ApproveRequest, summary="Approve and lock the minutes (a new approved version)")
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        meeting = self.get_object()
        data = valid(ApproveRequest, request)
        people = Person.objects.in_institution(meeting.institution_id).in_bulk(data["adjusters"])
        missing = [number for number in data["adjusters"] if number not in people]
        if missing:
            raise ValidationError(
                {"adjusters": [_("There is no {number} to choose here.").format(number=f"#{missing[0]}")]}
            )

        def take():
            approve_minutes(
                meeting,
                adjusters=[people[number] for number in dict.fromkeys(data["adjusters"])],
                registry_number=data.get("registry_number", ""),
                correction_reason=data.get("correction_reason", ""),
                actor=request.user,
                expected_version=data["version"],
            )
            return meeting

        return step(self, take)

    @extend_schema(request=CorrectionRequest, summary="Open approved minutes for a correction")
    @action(detail=True, methods=["post"])
    def correct(self, request, pk=None):
        meeting = self.get_object()
        data = valid(CorrectionRequest, request)
        return step(
            self,
            lambda: start_correction(
                meeting, reason=data["reason"], actor=request.user, expected_version=data["version"]
            ),
        )


class ActionItemActions:
    """Moving an action item to another status, recorded in the audit trail."""

    @extend_schema(request=StatusRequest, summary="Change the status of an action item")
    @action(detail=True, methods=["post"], url_path="status", url_name="status")
    def change_status(self, request, pk=None):
        item = self.get_object()
        data = valid(StatusRequest, request)
        return step(
            self,
            lambda: change_action_status(
                item, data["status"], actor=request.user, expected_version=data["version"]
            ),
        )
