from samverka.activities import views as v
from samverka.core.urls import record_urls

app_name = "activities"

urlpatterns = [
    *record_urls(
        "",
        "activity",
        list_view=v.ActivityListView,
        create=v.ActivityCreateView,
        detail=v.ActivityDetailView,
        edit=v.ActivityUpdateView,
        delete=v.ActivityDeleteView,
    ),
    *record_urls(
        "forms/",
        "activitytype",
        list_view=v.ActivityTypeListView,
        create=v.ActivityTypeCreateView,
        detail=v.ActivityTypeDetailView,
        edit=v.ActivityTypeUpdateView,
        delete=v.ActivityTypeDeleteView,
    ),
]
