import django_filters
from django.utils.translation import gettext_lazy as _

from samverka.core.filters import InstitutionFilterSet
from samverka.imports.models import ImportJob, ImportKind, ImportState


class ImportJobFilter(InstitutionFilterSet):
    search_fields = ("original_name",)

    kind = django_filters.ChoiceFilter(label=_("Kind of record"), choices=ImportKind.choices)
    state = django_filters.ChoiceFilter(label=_("State"), choices=ImportState.choices)
    o = django_filters.OrderingFilter(fields=(("created_at", "created"), ("original_name", "name")))

    class Meta:
        model = ImportJob
        fields = ["q", "kind", "state"]
