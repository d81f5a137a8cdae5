"""The SAML service provider's addresses: log-in, the assertion consumer service and the
metadata. No single logout service (``access/saml.py``): the metadata advertises none."""

from django.urls import path
from djangosaml2 import views

from samverka.access.saml import SamlLoginView, metadata_view

urlpatterns = [
    path("login/", SamlLoginView.as_view(), name="saml2_login"),
    path("acs/", views.AssertionConsumerServiceView.as_view(), name="saml2_acs"),
    path("metadata/", metadata_view, name="saml2_metadata"),
]
