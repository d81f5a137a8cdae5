import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samverka.core.filters import InstitutionFilterSet, RelatedNameFilter
from samverka.directory.domain.affiliations import current
from samverka.directory.models import (
    Affiliation,
    Organisation,
    OrganisationType,
    Person,
    Side,
    Unit,
    UnitKind,
)


class OrganisationFilter(InstitutionFilterSet):
    search_fields = ("name", "org_number")

    type = django_filters.ChoiceFilter(label=_("Type"), choices=OrganisationType.choices)
    o = django_filters.OrderingFilter(
        fields=(("name", "name"), ("type", "type"), ("org_number", "org_number"))
    )

    class Meta:
        model = Organisation
        fields = ["q", "type"]


class PlacedInOrganisationFilter(RelatedNameFilter):
    """People of an organisation (typed as ``#12`` or words of its name): their main organisation
    or any of their affiliations with it, current or former (``Affiliation``)."""

    def filter(self, qs, value):
        if not (value or "").strip():
            return qs
        main = super().filter(qs, value)
        placed = RelatedNameFilter(field_name="organisation").filter(Affiliation.objects.all(), value)
        return qs.filter(Q(pk__in=main.values("pk")) | Q(pk__in=placed.values("person")))


class PersonFilter(InstitutionFilterSet):
    search_fields = (
        "first_name",
        "last_name",
        "email",
        "title_sv",
        "title_en",
        "organisation__name",
    )

    side = django_filters.ChoiceFilter(label=_("Side"), choices=Side.choices)
    organisation = PlacedInOrganisationFilter(
        label=_("Organisation"), help_text=_("Its people now and before, main organisation or not.")
    )
    unit = django_filters.ModelChoiceFilter(label=_("Unit"), queryset=Unit.objects.all())
    o = django_filters.OrderingFilter(
        fields=(("last_name", "name"), ("side", "side"), ("organisation__name", "organisation"))
    )

    class Meta:
        model = Person
        fields = ["q", "side", "organisation", "unit"]


class UnitFilter(InstitutionFilterSet):
    search_fields = ("name_sv", "name_en")

    side = django_filters.ChoiceFilter(label=_("Side"), choices=Side.choices, method="filter_side")
    organisation = RelatedNameFilter(label=_("Partner organisation"))
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=UnitKind.choices)
    o = django_filters.OrderingFilter(fields=(("name_sv", "name"), ("kind", "kind")))

    class Meta:
        model = Unit
        fields = ["q", "side", "organisation", "kind"]

    def filter_side(self, queryset, name, value):
        own = queryset.own()
        return own if value == Side.UNIVERSITY else queryset.exclude(pk__in=own.values("pk"))


class AffiliationFilter(InstitutionFilterSet):
    search_fields = ("role", "department", "person__last_name", "organisation__name")

    person = RelatedNameFilter(label=_("Person"))
    organisation = RelatedNameFilter(label=_("Organisation"))
    current = django_filters.BooleanFilter(label=_("In force today"), method="filter_current")
    o = django_filters.OrderingFilter(fields=(("starts_on", "starts_on"), ("ends_on", "ends_on")))

    class Meta:
        model = Affiliation
        fields = ["q", "person", "organisation", "current"]

    def filter_current(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(current()) if value else queryset.exclude(current())
