from django.urls import path

from samverka.core.urls import record_urls
from samverka.followup import views
from samverka.followup.forms import (
    AnnualReportForm,
    AssessmentForm,
    GoalForm,
    IndicatorForm,
    IndicatorYearForm,
    ResourceCommitmentForm,
)
from samverka.followup.models import (
    AnnualReport,
    Assessment,
    Goal,
    Indicator,
    IndicatorYear,
    ResourceCommitment,
)

app_name = "followup"

urlpatterns = [
    *record_urls(
        "goals/",
        Goal,
        form=GoalForm,
        list_view=views.GoalListView,
        detail_view=views.GoalDetailView,
        create_view=views.GoalCreateView,
        after_delete=("partnership",),
    ),
    *record_urls(
        "indicators/",
        Indicator,
        form=IndicatorForm,
        list_view=views.IndicatorListView,
        detail_view=views.IndicatorDetailView,
        create_view=views.IndicatorCreateView,
        after_delete=("goal",),
    ),
    *record_urls(
        "indicator-years/",
        IndicatorYear,
        form=IndicatorYearForm,
        create_view=views.IndicatorYearCreateView,
        after_delete=("indicator",),
    ),
    *record_urls(
        "resources/",
        ResourceCommitment,
        form=ResourceCommitmentForm,
        list_view=views.ResourceCommitmentListView,
        create_view=views.ResourceCommitmentCreateView,
        after_delete=("partnership",),
    ),
    *record_urls(
        "assessments/",
        Assessment,
        form=AssessmentForm,
        list_view=views.AssessmentListView,
        detail_view=views.AssessmentDetailView,
        create_view=views.AssessmentCreateView,
        after_delete=("partnership",),
    ),
    path("assessments/<int:pk>/answers/", views.AssessmentAnswersView.as_view(), name="assessment-answers"),
    path("assessments/<int:pk>/submit/", views.AssessmentSubmitView.as_view(), name="assessment-submit"),
    *record_urls(
        "reports/",
        AnnualReport,
        form=AnnualReportForm,
        list_view=views.AnnualReportListView,
        detail_view=views.AnnualReportDetailView,
        create_view=views.AnnualReportCreateView,
        after_delete=("partnership",),
    ),
    path("reports/<int:pk>/approve/", views.ReportApproveView.as_view(), name="annualreport-approve"),
    path(
        "reports/<int:pk>/new-version/", views.ReportNewVersionView.as_view(), name="annualreport-new-version"
    ),
    path(
        "report-versions/<int:pk>/",
        views.ReportVersionDetailView.as_view(),
        name="reportversion-detail",
    ),
    path("portfolio/", views.PortfolioView.as_view(), name="portfolio"),
    path("coverage/", views.CoverageView.as_view(), name="coverage"),
    path(
        "partnerships/<int:pk>/",
        views.PartnershipFollowUpView.as_view(),
        name="partnership-followup",
    ),
]
