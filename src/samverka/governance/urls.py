from django.urls import path

from samverka.core.urls import record_urls
from samverka.governance import feed_urls, views
from samverka.governance.forms import (
    ActionItemForm,
    AgendaItemForm,
    AttendanceForm,
    BodyForm,
    BodyMemberForm,
    BodyTypeForm,
    DecisionForm,
    MeetingForm,
)
from samverka.governance.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Body,
    BodyMember,
    BodyType,
    Decision,
    Meeting,
    MinutesVersion,
)
from samverka.partnerships.models import Partnership

app_name = "governance"

urlpatterns = [
    *record_urls("kinds/", BodyType, form=BodyTypeForm, list_view=views.BodyTypeListView),
    *record_urls(
        "bodies/",
        Body,
        form=BodyForm,
        list_view=views.BodyListView,
        detail_view=views.BodyDetailView,
        create_view=views.BodyCreateView,
        after_delete=("partnership",),
    ),
    *record_urls(
        "members/",
        BodyMember,
        form=BodyMemberForm,
        list_view=views.BodyMemberListView,
        create_view=views.BodyMemberCreateView,
        after_delete=("body",),
    ),
    *record_urls(
        "meetings/",
        Meeting,
        form=MeetingForm,
        list_view=views.MeetingListView,
        detail_view=views.MeetingDetailView,
        create_view=views.MeetingCreateView,
        after_delete=("body",),
    ),
    path("meetings/<int:pk>/send-out/", views.MeetingReleaseView.as_view(), name="meeting-release"),
    path("meetings/<int:pk>/attendance/", views.MeetingAttendanceView.as_view(), name="meeting-attendance"),
    path("meetings/<int:pk>/minutes/", views.MeetingMinutesView.as_view(), name="meeting-minutes"),
    path("meetings/<int:pk>/approve/", views.MeetingApproveView.as_view(), name="meeting-approve"),
    path("meetings/<int:pk>/correct/", views.MeetingCorrectionView.as_view(), name="meeting-correct"),
    path("meetings/<int:pk>/briefing/", views.MeetingBriefingView.as_view(), name="meeting-briefing"),
    path("meetings/<int:pk>/document/", views.MeetingDocumentView.as_view(), name="meeting-document"),
    *record_urls(
        "items/",
        AgendaItem,
        form=AgendaItemForm,
        detail_view=views.AgendaItemDetailView,
        create_view=views.AgendaItemCreateView,
        after_delete=("meeting",),
    ),
    path("items/<int:pk>/attachment/", views.AgendaItemAttachmentView.as_view(), name="agendaitem-file"),
    *record_urls(
        "attendance/",
        Attendance,
        form=AttendanceForm,
        create_view=views.AttendanceCreateView,
        after_delete=("meeting",),
    ),
    *record_urls(
        "decisions/",
        Decision,
        form=DecisionForm,
        list_view=views.DecisionListView,
        create_view=views.DecisionCreateView,
        after_delete=("meeting",),
    ),
    *record_urls(
        "actions/",
        ActionItem,
        form=ActionItemForm,
        list_view=views.ActionItemListView,
        detail_view=views.ActionItemDetailView,
        create_view=views.ActionItemCreateView,
        after_delete=("body",),
    ),
    path("actions/<int:pk>/status/", views.ActionStatusView.as_view(), name="actionitem-status"),
    path(
        "minutes/<int:pk>/",
        views.MinutesVersionDetailView.as_view(model=MinutesVersion),
        name="minutesversion-detail",
    ),
    path(
        "minutes/<int:pk>/document/",
        views.MinutesVersionDocumentView.as_view(),
        name="minutesversion-document",
    ),
    path(
        "partnerships/<int:pk>/levels/",
        views.LevelsView.as_view(model=Partnership),
        name="partnership-levels",
    ),
    *feed_urls.urlpatterns,
]
