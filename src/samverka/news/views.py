"""Workspace pages of news items."""

from django.utils.translation import gettext_lazy as _

from samverka.core.display import Column
from samverka.core.views import (
    RecordCreateView,
    RecordDeleteView,
    RecordDetailView,
    RecordListView,
    RecordUpdateView,
)
from samverka.news.filters import NewsItemFilter
from samverka.news.forms import NewsItemForm
from samverka.news.models import NewsItem


class NewsItemListView(RecordListView):
    model = NewsItem
    filterset_class = NewsItemFilter
    columns = (
        Column("title", _("Title"), "title", link=True),
        Column("published_on", _("Date"), "date"),
        Column("partnerships", _("Partnerships")),
        Column("published", _("Published")),
    )

    def base_queryset(self):
        return super().base_queryset().prefetch_related("partnerships")


class NewsItemDetailView(RecordDetailView):
    model = NewsItem
    detail_fields = (
        "title_sv",
        "title_en",
        "published_on",
        "summary_sv",
        "summary_en",
        "body_sv",
        "body_en",
        "link",
        "partnerships",
        "published",
    )


class NewsItemCreateView(RecordCreateView):
    model = NewsItem
    form_class = NewsItemForm


class NewsItemUpdateView(RecordUpdateView):
    model = NewsItem
    form_class = NewsItemForm


class NewsItemDeleteView(RecordDeleteView):
    model = NewsItem
