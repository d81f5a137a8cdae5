from samverka.core.urls import record_urls
from samverka.news import views as v

app_name = "news"

urlpatterns = record_urls(
    "",
    "newsitem",
    list_view=v.NewsItemListView,
    create=v.NewsItemCreateView,
    detail=v.NewsItemDetailView,
    edit=v.NewsItemUpdateView,
    delete=v.NewsItemDeleteView,
)
