"""Base filter set of every workspace list: institution-scoped choices, a search box, sorting."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class InstitutionFilterSet(django_filters.FilterSet):
    """Subclasses set ``search_fields`` (searched by the ``q`` box) and an ``o`` OrderingFilter."""

    search_fields: tuple[str, ...] = ()

    q = django_filters.CharFilter(label=_("Search"), method="filter_search")

    def __init__(self, *args, institution, **kwargs):
        super().__init__(*args, **kwargs)
        self.institution = institution
        for name, field in self.form.fields.items():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and hasattr(queryset.model.objects, "in_institution"):
                self.form.fields[name].queryset = queryset.model.objects.in_institution(institution)

    def filter_search(self, queryset, name, value):
        words = value.split()
        for word in words:
            condition = Q()
            for field in self.search_fields:
                condition |= Q(**{f"{field}__icontains": word})
            queryset = queryset.filter(condition)
        return queryset


class RelatedNameFilter(django_filters.CharFilter):
    """A related record typed by (part of) its name, or by its number as ``#12`` (as links give it).

    A drop-down of every organisation would send thousands of options with
    each page at a university's scale; a text box costs nothing and finds the
    same records.
    """

    def __init__(self, *args, name_field: str = "name", **kwargs):
        self.name_field = name_field
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        value = (value or "").strip()
        if not value:
            return qs
        if value.startswith("#") and value[1:].isdigit():
            return qs.filter(**{f"{self.field_name}__pk": int(value[1:])}).distinct()
        return qs.filter(**{f"{self.field_name}__{self.name_field}__icontains": value}).distinct()
