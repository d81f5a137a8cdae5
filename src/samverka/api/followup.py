"""The steps of an assessment and of an annual report through the API, by the same domain
functions and policy (``api.permissions``) as their pages: ``POST /api/v1/assessments/{id}/submit/``
("change"), ``POST /api/v1/annual-reports/{id}/approve/`` ("approve") and ``…/new-version/``
("change")."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action

from samverka.api.steps import VERSION, StepRequest, step, valid
from samverka.core.domain.records import MIN_REASON
from samverka.followup.domain.assessments import submit_assessment
from samverka.followup.domain.report import approve_report, start_new_version


class ApproveReportRequest(serializers.Serializer):
    class Meta:
        ref_name = "ApproveReport"

    version = VERSION
    registry_number = serializers.CharField(max_length=60, required=False, allow_blank=True)


class NewVersionRequest(serializers.Serializer):
    class Meta:
        ref_name = "NewReportVersion"

    version = VERSION
    reason = serializers.CharField(
        min_length=MIN_REASON, max_length=2000, help_text=f"At least {MIN_REASON} characters."
    )


class AssessmentActions:
    """Submitting a side's assessment: the other side sees it from then on, and it is locked."""

    @extend_schema(request=StepRequest, summary="Submit the assessment to the other side (and lock it)")
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        assessment = self.get_object()
        data = valid(StepRequest, request)
        return step(
            self,
            lambda: submit_assessment(assessment, actor=request.user, expected_version=data["version"]),
        )


class AnnualReportActions:
    """Approving an annual report (frozen as a new version) and opening it for a new version."""

    @extend_schema(request=ApproveReportRequest, summary="Approve the report: freeze it as a new version")
    @action(detail=True, methods=["post"], url_path="approve", url_name="approve")
    def approve_report(self, request, pk=None):
        report = self.get_object()
        data = valid(ApproveReportRequest, request)

        def take():
            approve_report(
                report,
                registry_number=data.get("registry_number", ""),
                actor=request.user,
                expected_version=data["version"],
            )
            return report

        return step(self, take)

    @extend_schema(request=NewVersionRequest, summary="Open an approved report for a new version")
    @action(detail=True, methods=["post"], url_path="new-version", url_name="new-version")
    def new_version(self, request, pk=None):
        report = self.get_object()
        data = valid(NewVersionRequest, request)
        return step(
            self,
            lambda: start_new_version(
                report, reason=data["reason"], actor=request.user, expected_version=data["version"]
            ),
        )
