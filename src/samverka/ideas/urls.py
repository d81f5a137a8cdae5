from django.urls import path

from samverka.core.urls import record_urls
from samverka.ideas import views
from samverka.ideas.forms import ExpertProfileForm, IdeaContactForm, IdeaForm
from samverka.ideas.models import ExpertProfile, Idea, IdeaContact

app_name = "ideas"

urlpatterns = [
    path("board/", views.IdeaBoardView.as_view(), name="idea-board"),
    path("statistics/", views.IdeaStatisticsView.as_view(), name="idea-statistics"),
    *record_urls(
        "",
        Idea,
        form=IdeaForm,
        list_view=views.IdeaListView,
        detail_view=views.IdeaDetailView,
        create_view=views.IdeaCreateView,
        after_delete=("partnership",),
    ),
    path("<int:pk>/move/", views.IdeaMoveView.as_view(), name="idea-move"),
    path("<int:pk>/judge/", views.IdeaJudgeView.as_view(), name="idea-judge"),
    path("<int:pk>/new-activity/", views.IdeaActivityCreateView.as_view(), name="idea-new-activity"),
    *record_urls(
        "contacts/",
        IdeaContact,
        form=IdeaContactForm,
        list_view=views.IdeaContactListView,
        create_view=views.IdeaContactCreateView,
        after_delete=("idea",),
    ),
    *record_urls(
        "profiles/",
        ExpertProfile,
        form=ExpertProfileForm,
        list_view=views.ExpertProfileListView,
        detail_view=views.ExpertProfileDetailView,
    ),
]
