"""The timeline of a partnership, an organisation or a person through the API:
``GET /api/v1/<kind>/{id}/timeline/`` (``interactions.timeline``, as the workspace's page shows it)."""

from django.conf import settings
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from samverka.core.permissions import policy_for
from samverka.interactions.forms import TimelineForm
from samverka.interactions.timeline import KINDS, PAGE_EVENTS, kinds_seen_by, timeline


class TimelineEventSerializer(serializers.Serializer):
    date = serializers.DateField(source="day")
    kind = serializers.ChoiceField(
        choices=list(KINDS), help_text="contact, activity, meeting, decision or agreement"
    )
    kind_label = serializers.CharField(help_text="The kind in the request's language.")
    what = serializers.CharField(help_text="What happened, as the timeline page says it.")
    partnership = serializers.IntegerField(source="partnership.pk", allow_null=True, default=None)
    url = serializers.SerializerMethodField(help_text="The record's page in the workspace.")

    def get_url(self, event) -> str:
        return f"{settings.SAMVERKA_BASE_URL.rstrip('/')}{event.url}"


class TimelineActions:
    """The ``timeline`` action of a resource's viewset (``RecordViewSet``)."""

    @extend_schema(
        request=None,
        responses=TimelineEventSerializer(many=True),
        parameters=[
            OpenApiParameter(
                "kind",
                OpenApiTypes.STR,
                many=True,
                enum=list(KINDS),
                description="Only these kinds (repeat it).",
            ),
            OpenApiParameter("year", OpenApiTypes.INT, description="Only this year."),
        ],
        summary="What happened with the record, newest first",
        description=f"Contacts, activities, meetings, decisions and agreement events the caller may see, "
        f"newest first: the newest {PAGE_EVENTS}; a year narrows it to see earlier ones.",
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def timeline(self, request, pk=None):
        subject = self.get_object()
        policy = policy_for(request)
        form = TimelineForm(request.query_params, kinds=kinds_seen_by(policy))
        if not form.is_valid():
            raise ValidationError({name: list(errors) for name, errors in form.errors.items()})
        events = timeline(
            policy,
            subject,
            kinds=form.cleaned_data["kind"],
            year=form.cleaned_data["year"],
            limit=PAGE_EVENTS,
        )
        return Response(TimelineEventSerializer(events, many=True).data)
