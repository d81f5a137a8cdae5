"""/api/v1/: its root, the resources, the OpenAPI schema and its documentation page."""

from csp.decorators import csp_update
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from samverka.api import resources
from samverka.api.root import ApiRoot, NoSuchAddress

app_name = "api"

router = SimpleRouter(trailing_slash=True)
for resource in resources.RESOURCES:
    router.register(resource.prefix, resource.viewset(), basename=resource.model._meta.model_name)

# Swagger UI sets inline styles (never scripts): only its page allows them.
docs = csp_update({"style-src": ["'unsafe-inline'"]})(
    SpectacularSwaggerSplitView.as_view(url_name="api:schema")
)

urlpatterns = [
    path("", ApiRoot.as_view(), name="root"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", docs, name="docs"),
    path("", include(router.urls)),
    re_path(r"^.*/$", NoSuchAddress.as_view()),
]
