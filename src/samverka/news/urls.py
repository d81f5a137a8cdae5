from samverka.core.urls import record_urls
from samverka.news.forms import NewsItemForm
from samverka.news.models import NewsItem
from samverka.news.views import NewsItemListView

app_name = "news"

urlpatterns = record_urls("", NewsItem, form=NewsItemForm, list_view=NewsItemListView)
