"""What every API resource shares: authentication, the policy layer, filters, pages, JSON errors.

A resource is a ``RecordViewSet`` with a model, a serializer and the
workspace's own filter set: the API lists, filters and sorts exactly as the
lists in the workspace do, and every request asks the same ``Policy``
(``core.permissions``) the pages ask.
"""

from django.conf import settings
from django.db import models
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import serializers, viewsets
from rest_framework.pagination import PageNumberPagination
from rest_framework.views import exception_handler

from samverka.api.permissions import ACTIONS, PolicyPermission
from samverka.core.pagination import CappedPaginator
from samverka.core.permissions import policy_for


class PolicyFilterBackend(DjangoFilterBackend):
    """The workspace's filter sets, given the user's policy (their choices are scoped by it)."""

    def get_filterset_kwargs(self, request, queryset, view):
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        kwargs["policy"] = policy_for(request)
        return kwargs


class Pages(PageNumberPagination):
    """Pages of ``SAMVERKA_PAGE_SIZE`` rows (``?page_size=`` up to 200); counts capped as in the workspace."""

    django_paginator_class = CappedPaginator
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request):
        self.page_size = settings.SAMVERKA_PAGE_SIZE
        return super().get_page_size(request)


class RecordSerializer(serializers.ModelSerializer):
    """A record as JSON; its ``internal_fields`` are left out for partner representatives."""

    # A web or e-mail address may be empty (""), which an OpenAPI "uri" or "email" is not: "string".
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.URLField: serializers.CharField,
        models.EmailField: serializers.CharField,
    }

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is not None and not policy_for(request).sees_internal:
            for name in getattr(type(instance), "internal_fields", ()):
                data.pop(name, None)
        return data


class RecordViewSet(viewsets.ReadOnlyModelViewSet):
    """List and read the records of one kind that the user may see."""

    permission_classes = [PolicyPermission]
    filter_backends = [PolicyFilterBackend]
    pagination_class = Pages

    def base_queryset(self):
        """The records before the policy narrows them (annotated as the workspace list is)."""
        return self.queryset.model.objects.all()

    def get_queryset(self):
        model = self.queryset.model
        policy = policy_for(self.request)
        # Related records the rows show by id are loaded with the page, in one query each.
        shown = set(self.get_serializer_class().Meta.fields)
        many = [f.name for f in model._meta.many_to_many if f.name in shown]
        queryset = policy.scope(
            self.base_queryset().prefetch_related(*many), ACTIONS.get(self.action, "view")
        )
        return queryset.order_by(*(model._meta.ordering or ["pk"]), "pk")

    def filter_queryset(self, queryset):
        # A unique last sort key keeps pages stable, whatever ``?o=`` asked for.
        queryset = super().filter_queryset(queryset)
        ordering = list(queryset.query.order_by)
        if not {"pk", "-pk", "id", "-id"} & set(ordering):
            queryset = queryset.order_by(*ordering, "pk")
        return queryset


def json_errors(exc, context):
    """Every error as JSON: {"detail": …} or {field: [messages]}, with the status of the error."""
    response = exception_handler(exc, context)
    if response is not None and isinstance(response.data, list):
        response.data = {"detail": response.data}
    return response
