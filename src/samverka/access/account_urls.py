from django.urls import path

from samverka.access import account_views as views
from samverka.access.passwords import PasswordChangeView

app_name = "account"

urlpatterns = [
    path("", views.AccountView.as_view(), name="overview"),
    path("password/", PasswordChangeView.as_view(), name="password-change"),
    path("email-language/", views.EmailLanguageView.as_view(), name="email-language"),
    path("two-factor/", views.TwoFactorSetupView.as_view(), name="two-factor-setup"),
    path("two-factor/verify/", views.TwoFactorVerifyView.as_view(), name="two-factor-verify"),
    path("two-factor/remove/", views.TwoFactorRemoveView.as_view(), name="two-factor-remove"),
    path("log-out-everywhere/", views.LogoutEverywhereView.as_view(), name="logout-everywhere"),
    path("api-tokens/new/", views.ApiTokenCreateView.as_view(), name="api-token-create"),
    path("api-tokens/<str:digest>/revoke/", views.ApiTokenRevokeView.as_view(), name="api-token-revoke"),
]
