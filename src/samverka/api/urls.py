"""/api/v1/: the resources, the OpenAPI schema and its documentation page."""

from csp.decorators import csp_update
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from samverka.api import resources

app_name = "api"

router = SimpleRouter(trailing_slash=True)
router.register("partnerships", resources.PartnershipViewSet, basename="partnership")
router.register("focus-areas", resources.FocusAreaViewSet, basename="focusarea")
router.register("organisations", resources.OrganisationViewSet, basename="organisation")
router.register("people", resources.PersonViewSet, basename="person")
router.register("activities", resources.ActivityViewSet, basename="activity")
router.register("collaboration-forms", resources.ActivityTypeViewSet, basename="activitytype")
router.register("news", resources.NewsItemViewSet, basename="newsitem")

# Swagger UI sets inline styles (never scripts): only its page allows them.
docs = csp_update({"style-src": ["'unsafe-inline'"]})(
    SpectacularSwaggerSplitView.as_view(url_name="api:schema")
)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", docs, name="docs"),
    path("", include(router.urls)),
]
