from django.urls import path

from samverka.core.urls import record_urls
from samverka.partnerships import views as v

app_name = "partnerships"

urlpatterns = [
    *record_urls(
        "",
        "partnership",
        list_view=v.PartnershipListView,
        create=v.PartnershipCreateView,
        detail=v.PartnershipDetailView,
        edit=v.PartnershipUpdateView,
        delete=v.PartnershipDeleteView,
    ),
    path("<int:pk>/status/", v.PartnershipStatusView.as_view(), name="partnership-status"),
    path("<int:pk>/criteria/", v.CriteriaUpdateView.as_view(), name="partnership-criteria"),
    *record_urls(
        "agreements/",
        "agreement",
        create=v.AgreementCreateView,
        detail=v.AgreementDetailView,
        edit=v.AgreementUpdateView,
        delete=v.AgreementDeleteView,
    ),
    path("agreements/<int:pk>/file/", v.AgreementFileView.as_view(), name="agreement-file"),
    *record_urls(
        "focus-areas/",
        "focusarea",
        create=v.FocusAreaCreateView,
        detail=v.FocusAreaDetailView,
        edit=v.FocusAreaUpdateView,
        delete=v.FocusAreaDeleteView,
    ),
    *record_urls(
        "coordinators/",
        "coordinatorassignment",
        create=v.CoordinatorCreateView,
        detail=v.CoordinatorDetailView,
        edit=v.CoordinatorUpdateView,
        delete=v.CoordinatorDeleteView,
    ),
]
