from django.urls import include, path

from samverka.core.views import ReferenceSuggestionsView
from samverka.workspace.views import StartView

app_name = "workspace"

urlpatterns = [
    path("", StartView.as_view(), name="start"),
    path("references/", ReferenceSuggestionsView.as_view(), name="reference-suggestions"),
]

# The internal record pages, each area in its own app and namespace.
area_patterns = [
    path("partnerships/", include("samverka.partnerships.urls")),
    path("directory/", include("samverka.directory.urls")),
    path("activities/", include("samverka.activities.urls")),
    path("news/", include("samverka.news.urls")),
    path("contacts/", include("samverka.interactions.urls")),
    path("governance/", include("samverka.governance.urls")),
    path("followup/", include("samverka.followup.urls")),
    path("ideas/", include("samverka.ideas.urls")),
    path("imports/", include("samverka.imports.urls")),
    path("access/", include("samverka.access.urls")),
    path("privacy/", include("samverka.privacy.urls")),
    path("search/", include("samverka.search.urls")),
]
