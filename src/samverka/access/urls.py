from django.urls import path

from samverka.access import setup_views, views
from samverka.access.audit_views import AuditListView
from samverka.access.member_views import (
    MembershipListView,
    MembershipPasswordLinkView,
    MembershipUpdateView,
)

app_name = "access"

urlpatterns = [
    path("invitations/", views.InvitationListView.as_view(), name="invitation-list"),
    path("invitations/new/", views.InvitationCreateView.as_view(), name="invitation-create"),
    path(
        "invitations/<int:pk>/withdraw/", views.InvitationWithdrawView.as_view(), name="invitation-withdraw"
    ),
    path("members/<int:pk>/end/", views.EndAccessView.as_view(), name="membership-end"),
    path("audit/", AuditListView.as_view(), name="audit-list"),
    path("members/", MembershipListView.as_view(), name="membership-list"),
    path("members/<int:pk>/", MembershipUpdateView.as_view(), name="membership-edit"),
    path(
        "members/<int:pk>/password-link/",
        MembershipPasswordLinkView.as_view(),
        name="membership-password-link",
    ),
    # A new institution's first half hour (docs/onboarding.md).
    path("getting-started/", setup_views.GettingStartedView.as_view(), name="getting-started"),
    path("getting-started/publish/", setup_views.PublishActiveView.as_view(), name="publish-active"),
    path("institution/", setup_views.InstitutionSettingsView.as_view(), name="institution-settings"),
]
