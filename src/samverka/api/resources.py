"""The API's resources: one serializer and one viewset per kind of record, with the workspace's filters."""

import django_filters
from rest_framework import serializers

from samverka.activities.filters import ActivityFilter, ActivityTypeFilter
from samverka.activities.models import Activity, ActivityType
from samverka.api.base import RecordSerializer, RecordViewSet
from samverka.core.filters import InstitutionFilterSet
from samverka.core.permissions import policy_for
from samverka.directory.filters import OrganisationFilter, PersonFilter
from samverka.directory.models import Organisation, Person
from samverka.news.filters import NewsItemFilter
from samverka.news.models import NewsItem
from samverka.partnerships.domain.queries import partnership_list
from samverka.partnerships.filters import PartnershipFilter
from samverka.partnerships.models import FocusArea, Partnership

COMMON = ["id", "created_at", "updated_at", "version"]


class PartnershipSerializer(RecordSerializer):
    activity_count = serializers.IntegerField(read_only=True, help_text="Activities of the partnership.")
    organisations = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    units = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    collaboration_forms = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Partnership
        fields = [
            *COMMON,
            "title_sv",
            "title_en",
            "slug",
            "status",
            "start_date",
            "start_precision",
            "next_review_date",
            "purpose_sv",
            "purpose_en",
            "public_description_sv",
            "public_description_en",
            "internal_notes",
            "organisations",
            "units",
            "collaboration_forms",
            "published",
            "activity_count",
        ]


class FocusAreaSerializer(RecordSerializer):
    class Meta:
        model = FocusArea
        fields = [
            *COMMON,
            "partnership",
            "agreement",
            "name_sv",
            "name_en",
            "description_sv",
            "description_en",
            "order",
            "is_current",
        ]


class OrganisationSerializer(RecordSerializer):
    class Meta:
        model = Organisation
        fields = [*COMMON, "name", "type", "org_number", "website", "parent", "notes"]


class PersonSerializer(RecordSerializer):
    class Meta:
        model = Person
        fields = [
            *COMMON,
            "first_name",
            "last_name",
            "title_sv",
            "title_en",
            "side",
            "organisation",
            "organisation_unit",
            "unit",
            "email",
            "phone",
            "is_public",
            "notes",
            "legal_basis",
            "source",
            "retention",
            "retain_until",
            "anonymised_at",
        ]


class ActivitySerializer(RecordSerializer):
    organisations = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    people = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    units = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Activity
        fields = [
            *COMMON,
            "title_sv",
            "title_en",
            "description_sv",
            "description_en",
            "type",
            "partnership",
            "focus_area",
            "parent",
            "status",
            "starts_on",
            "ends_on",
            "organisations",
            "people",
            "units",
        ]


class ActivityTypeSerializer(RecordSerializer):
    class Meta:
        model = ActivityType
        fields = [*COMMON, "code", "name_sv", "name_en", "counts_students", "is_active"]


class NewsItemSerializer(RecordSerializer):
    partnerships = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = NewsItem
        fields = [*COMMON, "title", "summary", "body", "link", "published_on", "partnerships", "published"]


class PartnershipViewSet(RecordViewSet):
    """Strategic partnerships, filtered as the workspace list (``q``, ``status``, …); ``o`` sorts."""

    queryset = Partnership.objects.all()
    serializer_class = PartnershipSerializer
    filterset_class = PartnershipFilter
    prefetch = ("organisations", "units", "collaboration_forms")

    def base_queryset(self):
        return partnership_list(policy_for(self.request).institution)


class FocusAreaFilter(InstitutionFilterSet):
    search_fields = ("name_sv", "name_en")

    partnership = django_filters.ModelChoiceFilter(queryset=Partnership.objects.all())
    is_current = django_filters.BooleanFilter()

    class Meta:
        model = FocusArea
        fields = ["q", "partnership", "is_current"]


class FocusAreaViewSet(RecordViewSet):
    """Focus areas of partnerships."""

    queryset = FocusArea.objects.all()
    serializer_class = FocusAreaSerializer
    filterset_class = FocusAreaFilter


class OrganisationViewSet(RecordViewSet):
    """Partner organisations."""

    queryset = Organisation.objects.all()
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter


class PersonViewSet(RecordViewSet):
    """People of both sides of the partnerships."""

    queryset = Person.objects.all()
    serializer_class = PersonSerializer
    filterset_class = PersonFilter


class ActivityViewSet(RecordViewSet):
    """Joint activities of every collaboration form."""

    queryset = Activity.objects.all()
    serializer_class = ActivitySerializer
    filterset_class = ActivityFilter
    prefetch = ("organisations", "people", "units")


class ActivityTypeViewSet(RecordViewSet):
    """The institution's collaboration forms (activity types)."""

    queryset = ActivityType.objects.all()
    serializer_class = ActivityTypeSerializer
    filterset_class = ActivityTypeFilter


class NewsItemViewSet(RecordViewSet):
    """News about the partnerships."""

    queryset = NewsItem.objects.all()
    serializer_class = NewsItemSerializer
    filterset_class = NewsItemFilter
    prefetch = ("partnerships",)
