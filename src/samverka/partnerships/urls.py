from django.urls import path

from samverka.core.urls import record_urls
from samverka.interactions.views import TimelineView
from samverka.partnerships import views
from samverka.partnerships.forms import (
    AgreementForm,
    CoordinatorAssignmentForm,
    FocusAreaForm,
    PartnershipForm,
)
from samverka.partnerships.models import Agreement, CoordinatorAssignment, FocusArea, Partnership

app_name = "partnerships"

urlpatterns = [
    *record_urls(
        "",
        Partnership,
        form=PartnershipForm,
        list_view=views.PartnershipListView,
        detail_view=views.PartnershipDetailView,
    ),
    path("<int:pk>/status/", views.PartnershipStatusView.as_view(), name="partnership-status"),
    path("<int:pk>/criteria/", views.CriteriaUpdateView.as_view(), name="partnership-criteria"),
    path("<int:pk>/timeline/", TimelineView.as_view(model=Partnership), name="partnership-timeline"),
    *record_urls(
        "agreements/",
        Agreement,
        form=AgreementForm,
        detail_view=views.AgreementDetailView,
        create_view=views.AgreementCreateView,
        after_delete=("partnership",),
    ),
    path("agreements/<int:pk>/file/", views.AgreementFileView.as_view(), name="agreement-file"),
    path("agreements/<int:pk>/renew/", views.AgreementRenewView.as_view(), name="agreement-renew"),
    *record_urls(
        "focus-areas/",
        FocusArea,
        form=FocusAreaForm,
        create_view=views.PartnershipChildCreateView,
        after_delete=("partnership",),
    ),
    *record_urls(
        "coordinators/",
        CoordinatorAssignment,
        form=CoordinatorAssignmentForm,
        create_view=views.PartnershipChildCreateView,
        after_delete=("partnership", "person"),
    ),
]
