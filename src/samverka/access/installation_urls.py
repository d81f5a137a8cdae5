from django.urls import path

from samverka.access.installation_views import InstitutionSetupView

app_name = "installation"

urlpatterns = [
    path("institutions/", InstitutionSetupView.as_view(), name="institutions"),
]
