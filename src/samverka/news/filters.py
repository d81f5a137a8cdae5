import django_filters
from django.utils.translation import gettext_lazy as _

from samverka.core.filters import InstitutionFilterSet
from samverka.news.models import NewsItem
from samverka.partnerships.models import Partnership


class NewsItemFilter(InstitutionFilterSet):
    search_fields = ("title_sv", "title_en", "summary_sv", "summary_en")

    partnerships = django_filters.ModelChoiceFilter(
        label=_("Partnership"), queryset=Partnership.objects.all()
    )
    published = django_filters.BooleanFilter(label=_("Published"))
    o = django_filters.OrderingFilter(fields=(("published_on", "date"), ("title_sv", "title")))

    class Meta:
        model = NewsItem
        fields = ["q", "partnerships", "published"]

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset).distinct()
