import django_filters
from django.utils.translation import gettext_lazy as _

from samverka.core.filters import InstitutionFilterSet, RelatedNameFilter
from samverka.interactions.models import TO_FOLLOW_UP, Interaction, InteractionKind, Visibility
from samverka.partnerships.models import Partnership


class InteractionFilter(InstitutionFilterSet):
    search_fields = ("summary", "notes", "organisation__name", "people__last_name")

    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=InteractionKind.choices)
    partnership = django_filters.ModelChoiceFilter(label=_("Partnership"), queryset=Partnership.objects.all())
    organisation = RelatedNameFilter(label=_("Organisation"))
    people = RelatedNameFilter(label=_("Person"))
    visibility = django_filters.ChoiceFilter(label=_("Visibility"), choices=Visibility.choices)
    follow_up = django_filters.BooleanFilter(label=_("To follow up"), method="filter_follow_up")
    o = django_filters.OrderingFilter(fields=(("occurred_on", "date"), ("follow_up_on", "follow_up")))

    class Meta:
        model = Interaction
        fields = ["q", "kind", "partnership", "organisation", "people", "visibility", "follow_up"]

    def filter_follow_up(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(TO_FOLLOW_UP) if value else queryset.exclude(TO_FOLLOW_UP)

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset).distinct()
