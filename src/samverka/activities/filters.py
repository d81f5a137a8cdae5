import django_filters
from django.utils.translation import gettext_lazy as _

from samverka.activities.models import Activity, ActivityStatus, ActivityType
from samverka.core.filters import InstitutionFilterSet, RelatedNameFilter
from samverka.lib.textmatch import record_id
from samverka.lib.years import YEAR_BOUNDS
from samverka.partnerships.models import FocusArea, Partnership


class ActivityFilter(InstitutionFilterSet):
    search_fields = ("title_sv", "title_en", "description_sv")

    type = django_filters.ModelChoiceFilter(
        label=_("Collaboration form"), queryset=ActivityType.objects.all()
    )
    partnership = django_filters.ModelChoiceFilter(label=_("Partnership"), queryset=Partnership.objects.all())
    focus_area = django_filters.ModelChoiceFilter(label=_("Focus area"), queryset=FocusArea.objects.all())
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ActivityStatus.choices)
    year = django_filters.NumberFilter(
        label=_("Year"),
        field_name="starts_on",
        lookup_expr="year",
        decimal_places=0,
        **YEAR_BOUNDS,
    )
    parent = RelatedNameFilter(label=_("Part of"))
    o = django_filters.OrderingFilter(
        fields=(
            ("title_sv", "title"),
            ("type__name_sv", "type"),
            ("starts_on", "starts_on"),
            ("status", "status"),
            ("partnership__title_sv", "partnership"),
        )
    )

    class Meta:
        model = Activity
        fields = ["q", "type", "partnership", "focus_area", "status", "year", "parent"]

    def limit_choices(self, form):
        super().limit_choices(form)
        # Focus areas belong to one partnership: offer those of the chosen one only
        # (a flat list of every partnership's areas is long and ambiguous).
        field = form.fields["focus_area"]
        if (chosen := record_id((self.data or {}).get("partnership"))) is not None:
            field.queryset = field.queryset.filter(partnership_id=chosen)
        else:
            field.queryset = field.queryset.none()
            field.help_text = _("Choose a partnership first.")


class ActivityTypeFilter(InstitutionFilterSet):
    search_fields = ("name_sv", "name_en", "code")
    o = django_filters.OrderingFilter(fields=(("order", "order"), ("name_sv", "name")))

    class Meta:
        model = ActivityType
        fields = ["q"]
