from samverka.activities import views
from samverka.activities.forms import ActivityForm, ActivityTypeForm
from samverka.activities.models import Activity, ActivityType
from samverka.core.urls import record_urls

app_name = "activities"

urlpatterns = [
    *record_urls(
        "",
        Activity,
        form=ActivityForm,
        list_view=views.ActivityListView,
        detail_view=views.ActivityDetailView,
        create_view=views.ActivityCreateView,
    ),
    *record_urls("forms/", ActivityType, form=ActivityTypeForm, list_view=views.ActivityTypeListView),
]
