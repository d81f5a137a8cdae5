"""Ideas through the API, by the same domain functions and policy as their pages: a new idea is
taken in (``pipeline.take_in``: its source, receipt and the coordinators told), and
``POST /api/v1/ideas/{id}/move/`` and ``…/judge/`` ("handle", ``api.permissions``) move it to
another stage and accept or reject a suggestion; ``GET …/suggestions/`` ranks the people, units
and past activities it resembles, with the reasons."""

from django.utils.translation import get_language
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from samverka.api.base import RecordViewSet
from samverka.api.steps import VERSION, step, valid
from samverka.core.permissions import policy_for
from samverka.ideas.domain.pipeline import DECLINE_REASON, move_idea, shown_note, source_of, take_in
from samverka.ideas.domain.statistics import idea_tables
from samverka.ideas.domain.suggestions import judge, suggest
from samverka.ideas.models import ExpertProfile, Idea, Stage, StageChange, Verdict


class StageChangeSerializer(serializers.ModelSerializer):
    """One move of the idea: from which stage to which, when, and the note (for a partner
    representative only a decline's reason: the other notes are the university's own)."""

    class Meta:
        model = StageChange
        fields = ["from_stage", "to_stage", "changed_at", "note"]
        read_only_fields = fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is not None:
            data["note"] = shown_note(instance, policy_for(request))
        return data


# The idea resource's fields beyond the model's (``ideas/records.py``).
STAGE_CHANGES = StageChangeSerializer(many=True, read_only=True)
STUCK = serializers.BooleanField(
    read_only=True, help_text="Open and in its stage longer than the institution's idea_stuck_days."
)


class MoveRequest(serializers.Serializer):
    class Meta:
        ref_name = "MoveIdea"

    version = VERSION
    stage = serializers.ChoiceField(choices=Stage.choices)
    note = serializers.CharField(
        max_length=2000,
        required=False,
        allow_blank=True,
        help_text="For “declined”: the reason (10 characters or more).",
    )


class JudgeRequest(serializers.Serializer):
    class Meta:
        ref_name = "JudgeSuggestion"

    version = VERSION
    suggestion = serializers.CharField(
        max_length=40, help_text="The suggestion's key as ``suggestions`` gives it, e.g. person-12."
    )
    verdict = serializers.ChoiceField(choices=Verdict.choices)


class ReasonSerializer(serializers.Serializer):
    query_word = serializers.CharField(help_text="The idea's word.")
    record_word = serializers.CharField(help_text="The word of the record it matched.")
    field = serializers.CharField(help_text="Where in the record.")
    partial = serializers.BooleanField(  # type: ignore[assignment]  # a field: the metaclass takes it
        help_text="A stem's extension or a compound's part, not the whole word."
    )


class SuggestionSerializer(serializers.Serializer):
    key = serializers.CharField()
    kind = serializers.ChoiceField(choices=[("person", "person"), ("unit", "unit"), ("activity", "activity")])
    id = serializers.IntegerField(source="record.pk")
    name = serializers.CharField(source="record")
    rank = serializers.IntegerField()
    score = serializers.FloatField()
    reasons = ReasonSerializer(many=True)
    people = serializers.SerializerMethodField(help_text="For a unit: its people who match.")
    verdict = serializers.CharField(allow_null=True)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_people(self, suggestion) -> list[str]:
        return [profile.name for profile in suggestion.people]


class SuggestionsSerializer(serializers.Serializer):
    people = SuggestionSerializer(many=True)
    units = SuggestionSerializer(many=True)
    activities = SuggestionSerializer(many=True)


class TableSerializer(serializers.Serializer):
    title = serializers.CharField()
    headers = serializers.ListField(child=serializers.CharField())
    rows = serializers.ListField(
        child=serializers.ListField(), help_text="A name, a count per stage, the total."
    )


class IdeaActions:
    reason_fields = {**RecordViewSet.reason_fields, "move": ("note", DECLINE_REASON)}  # its reason: the note

    @extend_schema(
        request=None,
        responses=TableSerializer(many=True),
        summary="Ideas per source, kind, partnership and focus area against their stage (the list's filters)",
    )
    @action(detail=False, methods=["get"], pagination_class=None)
    def statistics(self, request):
        tables = idea_tables(self.filter_queryset(self.get_queryset()))
        return Response(TableSerializer(tables, many=True).data)

    def create(self, request, *args, **kwargs):
        policy = policy_for(request)
        instance = Idea(institution=policy.institution, created_by=request.user)
        form = self._valid_form(instance, partial=False, action="add")
        idea, _secret = take_in(
            form,
            institution=policy.institution,
            actor=request.user,
            source=source_of(policy.membership),
            language=get_language(),
        )
        return self._saved(idea, status.HTTP_201_CREATED)

    @extend_schema(request=MoveRequest, summary="Move the idea to another stage")
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        idea = self.get_object()
        data = valid(MoveRequest, request)

        return step(
            self,
            lambda: move_idea(
                idea,
                to_stage=data["stage"],
                note=data.get("note", ""),
                actor=request.user,
                expected_version=data["version"],
            ),
        )

    @extend_schema(
        request=None, responses=SuggestionsSerializer, summary="People, units and past activities to suggest"
    )
    @action(detail=True, methods=["get"])
    def suggestions(self, request, pk=None):
        idea = self.get_object()
        policy = policy_for(request)
        if not policy.allows("view", ExpertProfile):
            raise PermissionDenied
        return Response(SuggestionsSerializer(suggest(idea, policy)).data)

    @extend_schema(request=JudgeRequest, summary="Accept or reject one of the idea's suggestions")
    @action(detail=True, methods=["post"])
    def judge(self, request, pk=None):
        idea = self.get_object()
        data = valid(JudgeRequest, request)

        def take():
            judge(
                idea,
                data["suggestion"],
                data["verdict"],
                policy=policy_for(request),
                actor=request.user,
                expected_version=data["version"],
            )
            return idea

        return step(self, take)
