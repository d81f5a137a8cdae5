"""The API's front door, ``/api/v1/``: the resources the user may read, with the schema and its
documentation, and a JSON 404 for any other address under it."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from samverka.api.base import ClientLanguage
from samverka.api.permissions import MemberPermission
from samverka.core.permissions import policy_for

NO_SUCH_ADDRESS = _("There is no such address in the API: /api/v1/ lists its resources.")

Root = inline_serializer(
    "Root",
    {
        "resources": serializers.DictField(
            child=serializers.URLField(), help_text="Each resource the user may read → its address."
        ),
        "schema": serializers.URLField(help_text="The OpenAPI schema."),
        "docs": serializers.URLField(help_text="The documentation page."),
    },
)


class ApiRoot(ClientLanguage, APIView):
    """The resources the user's role may read, each with its address, and the schema and
    documentation: what an integrator starts from. As every address of the API, for a member of
    an institution (401 without a token, 403 for a user of none)."""

    permission_classes = [MemberPermission]

    @extend_schema(responses=Root, summary="The resources you may read, the schema and its documentation")
    def get(self, request):
        from samverka.api.urls import router  # noqa: PLC0415 - circular import: the router's resources import this

        policy = policy_for(request)
        resources = {
            prefix: request.build_absolute_uri(reverse(f"api:{basename}-list"))
            for prefix, viewset, basename in router.registry
            if policy.allows("view", viewset.queryset.model)
        }
        return Response(
            {
                "resources": resources,
                "schema": request.build_absolute_uri(reverse("api:schema")),
                "docs": request.build_absolute_uri(reverse("api:docs")),
            }
        )


@extend_schema(exclude=True)
class NoSuchAddress(ClientLanguage, APIView):
    """Any other address under /api/v1/ (ending in a slash: one without is first sent to it with
    one, as Django does): 404 as JSON, after the same sign-in as every address."""

    permission_classes = [MemberPermission]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        raise NotFound(NO_SUCH_ADDRESS)
