from django.urls import path
from django.utils.translation import pgettext_lazy

from samverka.privacy.views import privacy_notice
from samverka.public import views

app_name = "public"

urlpatterns = [
    path(
        pgettext_lazy("URL", "partnerskap/"),
        views.PartnershipListPage.as_view(),
        name="partnership-list",
    ),
    path(
        pgettext_lazy("URL", "partnerskap/<slug:slug>/"),
        views.PartnershipPage.as_view(),
        name="partnership",
    ),
    path(pgettext_lazy("URL", "integritet/"), privacy_notice, name="privacy-notice"),
]
