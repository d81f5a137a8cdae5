import django_filters

from samverka.core.filters import InstitutionFilterSet
from samverka.search.models import Synonym


class SynonymFilter(InstitutionFilterSet):
    search_fields = ("words",)
    o = django_filters.OrderingFilter(fields=(("words", "words"),))

    class Meta:
        model = Synonym
        fields = ["q"]
