"""The API's resources: one for each kind of record that declares one, each built from the workspace's own
form and filters.

A kind's ``api`` entry in its app's ``records.py`` (``core.registry.ApiResource``)
names its path and description. A resource shows the fields of the record's
workspace form (``Meta.fields``), so the API and the pages never disagree on
what a record holds, plus a few read-only facts (``extra``). Lists filter and
sort with the workspace's filter set.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from django.utils.module_loading import import_string
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from samverka.api.base import RecordSerializer, RecordViewSet
from samverka.core import registry
from samverka.core.permissions import policy_for
from samverka.followup.models import ReportVersion
from samverka.governance.forms import AgendaItemForm
from samverka.governance.models import MinutesVersion

COMMON = ("id", "created_at", "updated_at")
# Read with the record; sent back with a change, which is refused (409) if the record has moved on.
VERSION = serializers.IntegerField(
    read_only=True,
    help_text="The record's version: send the one you read with PUT and PATCH (409 if it has moved on).",
)
VERSION_READ = serializers.IntegerField(
    min_value=1,
    max_value=2**31 - 1,
    help_text="The version of the record you read (409 if it has moved on).",
)


class MinutesVersionSerializer(serializers.ModelSerializer):
    """An approved version of the minutes, as approved (read only: made by approving)."""

    adjusters: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="full_name", many=True, read_only=True
    )

    class Meta:
        model = MinutesVersion
        fields = [
            "id",
            "number",
            "approved_at",
            "adjusters",
            "registry_number",
            "correction_reason",
            "content",
        ]
        read_only_fields = fields


class ReportVersionSerializer(serializers.ModelSerializer):
    """An approved version of an annual report, as approved (read only: made by approving)."""

    class Meta:
        model = ReportVersion
        fields = ["id", "number", "approved_at", "registry_number", "reason", "content"]
        read_only_fields = fields


# Fields the models do not have, named by the kinds' ``ApiResource.declared``.
ACTIVITY_COUNT = serializers.IntegerField(read_only=True)
MINUTES_VERSIONS = MinutesVersionSerializer(many=True, read_only=True)
REPORT_VERSIONS = ReportVersionSerializer(many=True, read_only=True)


class AgendaItemApiForm(AgendaItemForm):
    """An agenda item as JSON: its attachment is uploaded on the workspace page."""

    class Meta(AgendaItemForm.Meta):
        fields = [name for name in AgendaItemForm.Meta.fields if name != "attachment"]


@dataclass(frozen=True)
class Resource:
    prefix: str  # the path under /api/v1/
    form: type[Any]  # the workspace form (a ModelForm): its fields are the resource's
    filterset: type | None
    description: str
    extra: tuple[str, ...] = ()  # read-only facts beyond the form's fields
    declared: tuple[tuple[str, serializers.Field], ...] = ()  # fields the model does not have
    base_queryset: Callable[..., Any] | None = None  # (policy) -> queryset, when the workspace list annotates
    actions: tuple[type, ...] = ()  # mixins with more actions than the record's own (``api.merge``)

    @property
    def model(self) -> Any:  # the form's model class: Any, as type[Model] declares no ``objects``
        return self.form._meta.model

    def serializer(self) -> type:
        """The record as read, and as sent to create one."""
        fields = [*COMMON, "version", *self.form._meta.fields, *self.extra]
        read_only = [*COMMON, *self.extra]
        meta = type("Meta", (), {"model": self.model, "fields": fields, "read_only_fields": read_only})
        attrs = {"Meta": meta, "form_class": self.form, "version": VERSION, **dict(self.declared)}
        return type(f"{self.model.__name__}Serializer", (RecordSerializer,), attrs)

    def change_serializer(self, serializer: type) -> type:
        """The record as sent to change it (PUT, PATCH): with the version read, and the fields the
        form of a saved record no longer takes read-only."""
        attrs = {"saved": True, "version": VERSION_READ}
        return type(f"{self.model.__name__}ChangeSerializer", (serializer,), attrs)

    def viewset(self) -> type:
        serializer = self.serializer()
        attrs = {
            "__doc__": self.description,
            "queryset": self.model.objects.all(),
            "serializer_class": serializer,
            "change_serializer_class": self.change_serializer(serializer),
            "filterset_class": self.filterset,
            "form_class": self.form,
        }
        if self.base_queryset is not None:
            make = self.base_queryset
            attrs["base_queryset"] = lambda view: make(policy_for(view.request))
        viewset = type(f"{self.model.__name__}ViewSet", (*self.actions, RecordViewSet), attrs)
        # A change answers with the record as read, the one component of both.
        as_read = extend_schema(responses=serializer)
        return extend_schema_view(update=as_read, partial_update=as_read)(viewset)


def _resource(kind: registry.RecordKind, api: registry.ApiResource) -> Resource:
    return Resource(
        api.prefix,
        # A kind with a resource names its workspace form (``RecordKind.form``), or the API's own.
        cast(type[Any], import_string(api.form) if api.form else kind.form_class),
        kind.filterset_class,
        api.description,
        extra=api.extra,
        declared=tuple((name, import_string(path)) for name, path in api.declared.items()),
        base_queryset=api.base_queryset,
        actions=tuple(import_string(path) for path in api.actions),
    )


RESOURCES = [_resource(kind, kind.api) for kind in registry.kinds() if kind.api is not None]
