import django_filters
from django.utils.translation import gettext_lazy as _

from samverka.core.filters import InstitutionFilterSet, RelatedNameFilter
from samverka.partnerships.models import FocusArea, Partnership, PartnershipStatus


class PartnershipFilter(InstitutionFilterSet):
    search_fields = ("title_sv", "title_en", "organisations__name", "purpose_sv")

    status = django_filters.ChoiceFilter(label=_("Status"), choices=PartnershipStatus.choices)
    organisations = RelatedNameFilter(label=_("Partner organisation"))
    published = django_filters.BooleanFilter(label=_("Published"))
    o = django_filters.OrderingFilter(
        fields=(
            ("title_sv", "title"),
            ("status", "status"),
            ("start_date", "start_date"),
            ("next_review_date", "next_review_date"),
            ("activity_count", "activity_count"),
        ),
    )

    class Meta:
        model = Partnership
        fields = ["q", "status", "organisations", "published"]

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.form.cleaned_data.get("q") or self.form.cleaned_data.get("organisations"):
            queryset = queryset.distinct()
        return queryset


class FocusAreaFilter(InstitutionFilterSet):
    search_fields = ("name_sv", "name_en")

    partnership = django_filters.ModelChoiceFilter(label=_("Partnership"), queryset=Partnership.objects.all())
    is_current = django_filters.BooleanFilter(label=_("Current"))

    class Meta:
        model = FocusArea
        fields = ["q", "partnership", "is_current"]
