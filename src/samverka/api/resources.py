"""The API's resources: one row per kind of record, each built from the workspace's own form and filters.

A resource shows the fields of the record's workspace form (``Meta.fields``),
so the API and the pages never disagree on what a record holds, plus a few
read-only facts (``extra``). Lists filter and sort with the workspace's
filter set.
"""

from dataclasses import dataclass

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from samverka.activities.filters import ActivityFilter, ActivityTypeFilter
from samverka.activities.forms import ActivityForm, ActivityTypeForm
from samverka.api.base import RecordSerializer, RecordViewSet
from samverka.api.followup import AnnualReportActions, AssessmentActions
from samverka.api.governance import ActionItemActions, MeetingActions
from samverka.api.ideas import IdeaActions, StageChangeSerializer
from samverka.api.merge import MergeActions
from samverka.core.permissions import policy_for
from samverka.directory.filters import OrganisationFilter, PersonFilter
from samverka.directory.forms import OrganisationForm, PersonForm
from samverka.followup.filters import (
    AnnualReportFilter,
    AssessmentAnswerFilter,
    AssessmentFilter,
    GoalFilter,
    IndicatorFilter,
    IndicatorYearFilter,
    ResourceCommitmentFilter,
)
from samverka.followup.forms import (
    AnnualReportForm,
    AssessmentAnswerForm,
    AssessmentForm,
    GoalForm,
    IndicatorForm,
    IndicatorYearForm,
    ResourceCommitmentForm,
)
from samverka.followup.models import AnnualReport, ReportVersion
from samverka.governance.filters import (
    ActionItemFilter,
    AgendaItemFilter,
    AttendanceFilter,
    BodyFilter,
    BodyMemberFilter,
    BodyTypeFilter,
    DecisionFilter,
    MeetingFilter,
)
from samverka.governance.forms import (
    ActionItemForm,
    AgendaItemForm,
    AttendanceForm,
    BodyForm,
    BodyMemberForm,
    BodyTypeForm,
    DecisionForm,
    MeetingForm,
)
from samverka.governance.models import Meeting, MinutesVersion
from samverka.ideas.domain.pipeline import with_stuck
from samverka.ideas.filters import ExpertProfileFilter, IdeaContactFilter, IdeaFilter
from samverka.ideas.forms import ExpertProfileForm, IdeaContactForm, IdeaForm
from samverka.ideas.models import Idea
from samverka.news.filters import NewsItemFilter
from samverka.news.forms import NewsItemForm
from samverka.partnerships.domain.queries import partnership_list
from samverka.partnerships.filters import FocusAreaFilter, PartnershipFilter
from samverka.partnerships.forms import FocusAreaForm, PartnershipForm

COMMON = ("id", "created_at", "updated_at")
# Read with the record; sent back with a change, which is refused (409) if the record has moved on.
VERSION = serializers.IntegerField(
    read_only=True,
    help_text="The record's version: send the one you read with PUT and PATCH (409 if it has moved on).",
)
VERSION_READ = serializers.IntegerField(
    min_value=1,
    max_value=2**31 - 1,
    help_text="The version of the record you read (409 if it has moved on).",
)


class MinutesVersionSerializer(serializers.ModelSerializer):
    """An approved version of the minutes, as approved (read only: made by approving)."""

    adjusters = serializers.SlugRelatedField(slug_field="full_name", many=True, read_only=True)

    class Meta:
        model = MinutesVersion
        fields = [
            "id",
            "number",
            "approved_at",
            "adjusters",
            "registry_number",
            "correction_reason",
            "content",
        ]
        read_only_fields = fields


class ReportVersionSerializer(serializers.ModelSerializer):
    """An approved version of an annual report, as approved (read only: made by approving)."""

    class Meta:
        model = ReportVersion
        fields = ["id", "number", "approved_at", "registry_number", "reason", "content"]
        read_only_fields = fields


class AgendaItemApiForm(AgendaItemForm):
    """An agenda item as JSON: its attachment is uploaded on the workspace page."""

    class Meta(AgendaItemForm.Meta):
        fields = [name for name in AgendaItemForm.Meta.fields if name != "attachment"]


@dataclass(frozen=True)
class Resource:
    prefix: str  # the path under /api/v1/
    form: type  # the workspace form: its fields are the resource's
    filterset: type
    description: str
    extra: tuple[str, ...] = ()  # read-only facts beyond the form's fields
    declared: tuple[tuple[str, serializers.Field], ...] = ()  # fields the model does not have
    base_queryset: object = None  # (policy) -> queryset, when the workspace list annotates
    actions: tuple[type, ...] = ()  # mixins with more actions than the record's own (``api.merge``)

    @property
    def model(self):
        return self.form._meta.model

    def serializer(self) -> type:
        """The record as read, and as sent to create one."""
        fields = [*COMMON, "version", *self.form._meta.fields, *self.extra]
        read_only = [*COMMON, *self.extra]
        meta = type("Meta", (), {"model": self.model, "fields": fields, "read_only_fields": read_only})
        attrs = {"Meta": meta, "form_class": self.form, "version": VERSION, **dict(self.declared)}
        return type(f"{self.model.__name__}Serializer", (RecordSerializer,), attrs)

    def change_serializer(self, serializer: type) -> type:
        """The record as sent to change it (PUT, PATCH): with the version read, and the fields the
        form of a saved record no longer takes read-only."""
        attrs = {"saved": True, "version": VERSION_READ}
        return type(f"{self.model.__name__}ChangeSerializer", (serializer,), attrs)

    def viewset(self) -> type:
        serializer = self.serializer()
        attrs = {
            "__doc__": self.description,
            "queryset": self.model.objects.all(),
            "serializer_class": serializer,
            "change_serializer_class": self.change_serializer(serializer),
            "filterset_class": self.filterset,
            "form_class": self.form,
        }
        if self.base_queryset is not None:
            make = self.base_queryset
            attrs["base_queryset"] = lambda view: make(policy_for(view.request))
        viewset = type(f"{self.model.__name__}ViewSet", (*self.actions, RecordViewSet), attrs)
        # A change answers with the record as read, the one component of both.
        as_read = extend_schema(responses=serializer)
        return extend_schema_view(update=as_read, partial_update=as_read)(viewset)


RESOURCES = [
    Resource(
        "partnerships",
        PartnershipForm,
        PartnershipFilter,
        "Strategic partnerships, filtered as the workspace list (``q``, ``status``, …); ``o`` sorts.",
        extra=("activity_count",),
        declared=(("activity_count", serializers.IntegerField(read_only=True)),),
        base_queryset=lambda policy: partnership_list(policy.institution),
    ),
    Resource("focus-areas", FocusAreaForm, FocusAreaFilter, "Focus areas of partnerships."),
    Resource(
        "organisations",
        OrganisationForm,
        OrganisationFilter,
        "Partner organisations.",
        actions=(MergeActions,),
    ),
    Resource(
        "people",
        PersonForm,
        PersonFilter,
        "People of both sides of the partnerships.",
        extra=("anonymised_at",),
        actions=(MergeActions,),
    ),
    Resource("activities", ActivityForm, ActivityFilter, "Joint activities of every collaboration form."),
    Resource(
        "collaboration-forms",
        ActivityTypeForm,
        ActivityTypeFilter,
        "The institution's collaboration forms (activity types).",
    ),
    Resource("news", NewsItemForm, NewsItemFilter, "News about the partnerships."),
    Resource("body-kinds", BodyTypeForm, BodyTypeFilter, "The institution's kinds of governance body."),
    Resource("bodies", BodyForm, BodyFilter, "Governance bodies of the partnerships, at their levels."),
    Resource("body-members", BodyMemberForm, BodyMemberFilter, "Seats in the bodies, with role and period."),
    Resource(
        "meetings",
        MeetingForm,
        MeetingFilter,
        "Meetings of the bodies; ``send-out``, ``approve`` and ``correct`` are its steps.",
        extra=("documents_released", "minutes_status", "minutes_versions"),
        declared=(("minutes_versions", MinutesVersionSerializer(many=True, read_only=True)),),
        base_queryset=lambda policy: Meeting.objects.prefetch_related("minutes_versions__adjusters"),
        actions=(MeetingActions,),
    ),
    Resource(
        "agenda-items",
        AgendaItemApiForm,
        AgendaItemFilter,
        "Numbered agenda items of a meeting, with their minutes.",
    ),
    Resource("attendance", AttendanceForm, AttendanceFilter, "Who attended a meeting."),
    Resource(
        "decisions",
        DecisionForm,
        DecisionFilter,
        "Decisions, numbered per body and year (``year``:``number``).",
        extra=("body", "year", "number"),
    ),
    Resource(
        "action-items",
        ActionItemForm,
        ActionItemFilter,
        "Action items with owner and due date; ``status`` changes their status.",
        extra=("status",),
        actions=(ActionItemActions,),
    ),
    Resource(
        "goals", GoalForm, GoalFilter, "Goals of the partnerships and their focus areas, joint or one side's."
    ),
    Resource(
        "indicators",
        IndicatorForm,
        IndicatorFilter,
        "Indicators of the goals: entered by hand per year, or computed from the records (``measure``).",
    ),
    Resource(
        "indicator-years",
        IndicatorYearForm,
        IndicatorYearFilter,
        "An indicator's target per year and, for one entered by hand, its value and source.",
    ),
    Resource(
        "resources",
        ResourceCommitmentForm,
        ResourceCommitmentFilter,
        "Resources each party earmarks for a partnership per year, committed and used.",
    ),
    Resource(
        "assessments",
        AssessmentForm,
        AssessmentFilter,
        "Each side's yearly mutual-benefit assessment; ``submit`` shows it to the other side and locks it.",
        extra=("status", "submitted_at"),
        actions=(AssessmentActions,),
    ),
    Resource(
        "assessment-answers",
        AssessmentAnswerForm,
        AssessmentAnswerFilter,
        "The answers of an assessment: a rating (1–5) and a comment per goal, focus area or the whole.",
    ),
    Resource(
        "annual-reports",
        AnnualReportForm,
        AnnualReportFilter,
        "Annual follow-up reports with their narrative; ``approve`` freezes one as a new version "
        "(``versions``, the report as approved) and ``new-version`` opens it again.",
        extra=("status", "versions"),
        declared=(("versions", ReportVersionSerializer(many=True, read_only=True)),),
        base_queryset=lambda policy: AnnualReport.objects.prefetch_related("versions"),
        actions=(AnnualReportActions,),
    ),
    Resource(
        "ideas",
        IdeaForm,
        IdeaFilter,
        "Ideas, needs, challenges and contact requests on their way to a joint activity: ``move`` moves "
        "one to another stage (``stage_changes``: who moved it when is in the audit trail), "
        "``suggestions`` ranks the people, units and past activities it resembles, and ``judge`` accepts "
        "or rejects one of them.",
        extra=("source", "stage", "stage_since", "stuck", "decline_reason", "stage_changes"),
        declared=(
            ("stage_changes", StageChangeSerializer(many=True, read_only=True)),
            (
                "stuck",
                serializers.BooleanField(
                    read_only=True,
                    help_text="Open and in its stage longer than the institution's idea_stuck_days.",
                ),
            ),
        ),
        base_queryset=lambda policy: with_stuck(
            Idea.objects.prefetch_related("stage_changes"), policy.institution
        ),
        actions=(IdeaActions,),
    ),
    Resource(
        "idea-contacts",
        IdeaContactForm,
        IdeaContactFilter,
        "Contacts brokered for an idea (an expertise profile, a person or a unit) and how they went.",
    ),
    Resource(
        "expert-profiles",
        ExpertProfileForm,
        ExpertProfileFilter,
        "Expertise profiles of researchers, teachers and units, as the research information system "
        "exports them (``external_id``) and as edited here.",
    ),
]
