from django.urls import path

from samverka.core.urls import record_urls
from samverka.search.forms import SynonymForm
from samverka.search.models import Synonym
from samverka.search.views import SearchView, SynonymListView

app_name = "search"

urlpatterns = [
    path("", SearchView.as_view(), name="results"),
    *record_urls("synonyms/", Synonym, form=SynonymForm, list_view=SynonymListView),
]
