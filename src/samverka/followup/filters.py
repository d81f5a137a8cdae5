"""Filters of the follow-up lists, shared by the workspace and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from samverka.core.filters import InstitutionFilterSet, RelatedNameFilter
from samverka.directory.models import Side
from samverka.followup.models import (
    AnnualReport,
    Assessment,
    AssessmentAnswer,
    AssessmentStatus,
    Goal,
    GoalOwner,
    Indicator,
    IndicatorYear,
    Measure,
    Rating,
    ReportStatus,
    ResourceCommitment,
    ResourceKind,
)
from samverka.governance.filters import YEAR
from samverka.governance.models import Level
from samverka.partnerships.models import FocusArea, Partnership


def partnership_filter(path: str = "partnership"):
    return django_filters.ModelChoiceFilter(
        label=_("Partnership"), field_name=path, queryset=Partnership.objects.all()
    )


class GoalFilter(InstitutionFilterSet):
    search_fields = ("title_sv", "title_en", "description_sv", "description_en")
    partnership = partnership_filter()
    focus_area = django_filters.ModelChoiceFilter(label=_("Focus area"), queryset=FocusArea.objects.all())
    owner = django_filters.ChoiceFilter(label=_("Whose goal"), choices=GoalOwner.choices)
    o = django_filters.OrderingFilter(fields=(("order", "order"), ("title_sv", "title")))

    class Meta:
        model = Goal
        fields = ["q", "partnership", "focus_area", "owner"]


class IndicatorFilter(InstitutionFilterSet):
    search_fields = ("name_sv", "name_en", "description_sv", "description_en")
    partnership = partnership_filter("goal__partnership")
    goal = RelatedNameFilter(label=_("Goal"))
    measure = django_filters.ChoiceFilter(label=_("Measured as"), choices=Measure.choices)
    o = django_filters.OrderingFilter(fields=(("order", "order"), ("name_sv", "name")))

    class Meta:
        model = Indicator
        fields = ["q", "partnership", "goal", "measure", "template"]


class IndicatorYearFilter(InstitutionFilterSet):
    search_fields = ("source",)
    indicator = RelatedNameFilter(label=_("Indicator"))
    year = django_filters.NumberFilter(label=_("Year"), **YEAR)
    o = django_filters.OrderingFilter(fields=(("year", "year"),))

    class Meta:
        model = IndicatorYear
        fields = ["q", "indicator", "year"]


class ResourceCommitmentFilter(InstitutionFilterSet):
    search_fields = ("purpose", "note")
    partnership = partnership_filter()
    year = django_filters.NumberFilter(label=_("Year"), **YEAR)
    party = django_filters.ChoiceFilter(label=_("Party"), choices=Side.choices)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ResourceKind.choices)
    level = django_filters.ChoiceFilter(label=_("Level"), choices=Level.choices)
    o = django_filters.OrderingFilter(
        fields=(("year", "year"), ("party", "party"), ("purpose", "purpose"), ("committed", "committed"))
    )

    class Meta:
        model = ResourceCommitment
        fields = ["q", "partnership", "year", "party", "kind", "level"]


class AssessmentFilter(InstitutionFilterSet):
    search_fields = ("summary",)
    partnership = partnership_filter()
    year = django_filters.NumberFilter(label=_("Year"), **YEAR)
    side = django_filters.ChoiceFilter(label=_("Side"), choices=Side.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=AssessmentStatus.choices)
    o = django_filters.OrderingFilter(fields=(("year", "year"), ("side", "side")))

    class Meta:
        model = Assessment
        fields = ["q", "partnership", "year", "side", "status"]


class AssessmentAnswerFilter(InstitutionFilterSet):
    search_fields = ("comment",)
    assessment = django_filters.ModelChoiceFilter(label=_("Assessment"), queryset=Assessment.objects.all())
    rating = django_filters.ChoiceFilter(label=_("Rating"), choices=Rating.choices)
    o = django_filters.OrderingFilter(fields=(("rating", "rating"),))

    class Meta:
        model = AssessmentAnswer
        fields = ["q", "assessment", "rating"]


class AnnualReportFilter(InstitutionFilterSet):
    search_fields = ("summary", "highlights", "challenges", "next_year", "registry_number")
    partnership = partnership_filter()
    year = django_filters.NumberFilter(label=_("Year"), **YEAR)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ReportStatus.choices)
    o = django_filters.OrderingFilter(fields=(("year", "year"), ("updated_at", "updated_at")))

    class Meta:
        model = AnnualReport
        fields = ["q", "partnership", "year", "status"]
