"""Root URLconf.

Public and internal pages are language-prefixed: Swedish (the default) has no
prefix, English lives under ``/en/``. Health check, admin and static files are
outside the language prefix.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from samverka.access import passwords
from samverka.access.views import LoginView, accept_invitation_view
from samverka.benchmark.views import PlainListView
from samverka.core.language import set_language
from samverka.core.views import healthz
from samverka.governance.feeds import calendar_feed, partnership_calendar_feed
from samverka.workspace.urls import area_patterns

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    # Single sign-on (docs/access.md): SAML 2.0 service provider and OpenID Connect relying party.
    path("saml2/", include("samverka.access.saml_urls")),
    path("oidc/", include("mozilla_django_oidc.urls")),
    path("api/v1/", include("samverka.api.urls")),
    # Calendar feeds (governance.calendar): calendar programs cannot log in, the secret address is the key.
    path("calendar/<str:token>.ics", calendar_feed, name="calendar-feed"),
    path(
        "calendar/<str:token>/partnership/<int:pk>.ics",
        partnership_calendar_feed,
        name="partnership-calendar-feed",
    ),
    path("admin/", admin.site.urls),
]
if settings.SAMVERKA_BENCH_FLOORS:  # the plain-page floor of `samverka bench`
    urlpatterns.append(path("bench/plain/<str:name>/", PlainListView.as_view(), name="bench-plain"))

urlpatterns += i18n_patterns(
    path("", RedirectView.as_view(pattern_name="public:partnership-list"), name="home"),
    path("", include("samverka.public.urls")),
    path("login/", LoginView.as_view(), name="login"),
    # Forgotten passwords (access/passwords.py): a link by e-mail, then a new password.
    path("login/password/", passwords.PasswordResetView.as_view(), name="password-reset"),
    path("login/password/sent/", passwords.PasswordResetDoneView.as_view(), name="password-reset-done"),
    path(
        "login/password/<uidb64>/<token>/",
        passwords.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "login/password/done/", passwords.PasswordResetCompleteView.as_view(), name="password-reset-complete"
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("invitation/<str:token>/", accept_invitation_view, name="accept-invitation"),
    path("account/", include("samverka.access.account_urls")),
    # The installation's administrators (superusers): its institutions (docs/install.md).
    path("installation/", include("samverka.access.installation_urls")),
    path("app/", include("samverka.workspace.urls")),
    path("app/", include(area_patterns)),
    prefix_default_language=False,
)
