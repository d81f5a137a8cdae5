"""Filters of the governance lists, shared by the workspace and the API."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.core.filters import InstitutionFilterSet, RelatedNameFilter
from samverka.governance.domain.actions import actions_of_user, overdue_actions
from samverka.governance.models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Body,
    BodyMember,
    BodyType,
    Decision,
    Level,
    Meeting,
    MemberRole,
    MinutesStatus,
)
from samverka.lib.years import YEAR_BOUNDS
from samverka.partnerships.models import Partnership

YEAR = {**YEAR_BOUNDS, "decimal_places": 0}


class BodyTypeFilter(InstitutionFilterSet):
    search_fields = ("name_sv", "name_en", "code")
    o = django_filters.OrderingFilter(fields=(("order", "order"), ("name_sv", "name")))

    class Meta:
        model = BodyType
        fields = ["q"]


class BodyFilter(InstitutionFilterSet):
    search_fields = ("name_sv", "name_en", "remit")
    partnership = django_filters.ModelChoiceFilter(label=_("Partnership"), queryset=Partnership.objects.all())
    type = django_filters.ModelChoiceFilter(label=_("Kind of body"), queryset=BodyType.objects.all())
    level = django_filters.ChoiceFilter(label=_("Level"), choices=Level.choices)
    o = django_filters.OrderingFilter(
        fields=(("name_sv", "name"), ("level", "level"), ("partnership__title_sv", "partnership"))
    )

    class Meta:
        model = Body
        fields = ["q", "partnership", "type", "level", "is_active"]


class BodyMemberFilter(InstitutionFilterSet):
    search_fields = ("person__first_name", "person__last_name")
    body = django_filters.ModelChoiceFilter(label=_("Body"), queryset=Body.objects.all())
    role = django_filters.ChoiceFilter(label=_("Role"), choices=MemberRole.choices)
    person = RelatedNameFilter(label=_("Person"))
    o = django_filters.OrderingFilter(fields=(("person__last_name", "person"), ("starts_on", "starts_on")))

    class Meta:
        model = BodyMember
        fields = ["q", "body", "role", "person"]


class MeetingFilter(InstitutionFilterSet):
    search_fields = ("title", "place", "body__name_sv", "body__name_en")
    body = django_filters.ModelChoiceFilter(label=_("Body"), queryset=Body.objects.all())
    partnership = django_filters.ModelChoiceFilter(
        label=_("Partnership"), field_name="body__partnership", queryset=Partnership.objects.all()
    )
    year = django_filters.NumberFilter(label=_("Year"), field_name="starts_at", lookup_expr="year", **YEAR)
    minutes_status = django_filters.ChoiceFilter(label=_("Minutes"), choices=MinutesStatus.choices)
    coming = django_filters.BooleanFilter(label=_("Coming meetings only"), method="filter_coming")
    o = django_filters.OrderingFilter(fields=(("starts_at", "starts_at"), ("body__name_sv", "body")))

    class Meta:
        model = Meeting
        fields = ["q", "body", "partnership", "year", "minutes_status", "coming"]

    def filter_coming(self, queryset, name, value):
        return queryset.filter(starts_at__gte=timezone.now()) if value else queryset


class DecisionFilter(InstitutionFilterSet):
    search_fields = ("text",)
    body = django_filters.ModelChoiceFilter(label=_("Body"), queryset=Body.objects.all())
    partnership = django_filters.ModelChoiceFilter(
        label=_("Partnership"), field_name="body__partnership", queryset=Partnership.objects.all()
    )
    year = django_filters.NumberFilter(label=_("Year"), **YEAR)
    meeting = RelatedNameFilter(label=_("Meeting"))
    o = django_filters.OrderingFilter(fields=(("number", "number"), ("year", "year")))

    class Meta:
        model = Decision
        fields = ["q", "body", "partnership", "year", "meeting"]


class ActionItemFilter(InstitutionFilterSet):
    search_fields = ("title", "description")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ActionStatus.choices)
    body = django_filters.ModelChoiceFilter(label=_("Body"), queryset=Body.objects.all())
    partnership = django_filters.ModelChoiceFilter(
        label=_("Partnership"), field_name="body__partnership", queryset=Partnership.objects.all()
    )
    owner = RelatedNameFilter(label=_("Owner"))
    mine = django_filters.BooleanFilter(label=_("My actions only"), method="filter_mine")
    overdue = django_filters.BooleanFilter(label=_("Overdue only"), method="filter_overdue")
    o = django_filters.OrderingFilter(
        fields=(("due_on", "due_on"), ("title", "title"), ("status", "status"), ("owner__last_name", "owner"))
    )

    class Meta:
        model = ActionItem
        fields = ["q", "status", "body", "partnership", "owner", "mine", "overdue"]

    def filter_mine(self, queryset, name, value):
        return actions_of_user(queryset, self.policy.membership.user) if value else queryset

    def filter_overdue(self, queryset, name, value):
        return overdue_actions(queryset) if value else queryset


class AgendaItemFilter(InstitutionFilterSet):
    search_fields = ("title", "background", "minutes")
    meeting = RelatedNameFilter(label=_("Meeting"))
    o = django_filters.OrderingFilter(fields=(("number", "number"),))

    class Meta:
        model = AgendaItem
        fields = ["q", "meeting"]


class AttendanceFilter(InstitutionFilterSet):
    search_fields = ("person__first_name", "person__last_name")
    meeting = RelatedNameFilter(label=_("Meeting"))
    person = RelatedNameFilter(label=_("Person"))
    status = django_filters.ChoiceFilter(label=_("Attendance"), choices=AttendanceStatus.choices)
    o = django_filters.OrderingFilter(fields=(("person__last_name", "person"),))

    class Meta:
        model = Attendance
        fields = ["q", "meeting", "person", "status"]
