"""The news item (``core.registry``; docs/adding-a-record-kind.md)."""

from django.utils.translation import gettext_lazy as _

from samverka.core.models import Role
from samverka.core.registry import ApiResource, MenuEntry, Reach, RecordKind, SearchEntry, allow, register

register(
    RecordKind(
        "news.newsitem",
        form="samverka.news.forms.NewsItemForm",
        filterset="samverka.news.filters.NewsItemFilter",
        list_view="samverka.news.views.NewsItemListView",
        menu=(MenuEntry(150, "news:newsitem-list", _("News")),),
        # a partner representative reads the published news of their partnerships
        grants={Role.PARTNER: (allow("view", Reach.PARTNERSHIPS, published=True),)},
        search=SearchEntry(
            60,
            _("News"),
            title=("title_sv", "title_en"),
            body=("summary_sv", "summary_en", "body_sv", "body_en"),
        ),
        api=ApiResource("news", "News about the partnerships."),
    ),
)
