"""Workspace pages of news items."""

from django.utils.translation import gettext_lazy as _

from samverka.core.display import Column
from samverka.core.views import (
    RecordListView,
)
from samverka.news.filters import NewsItemFilter
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
