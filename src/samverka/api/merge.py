"""Merging duplicate organisations and people through the API: ``POST /api/v1/<kind>/{id}/merge/``.

The same domain function (``directory.domain.merge.merge_records``) and the same policy
(``Policy.permits_merging``) as the merge page of the workspace.
"""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.response import Response

from samverka.core.permissions import policy_for
from samverka.directory.domain.merge import (
    DUPLICATE,
    SURVIVOR,
    MergeRefused,
    MergeStale,
    merge_records,
)
from samverka.lib.textmatch import MAX_RECORD_NUMBER

VERSION_LIMIT = 2**31 - 1


class MergeVersions(serializers.Serializer):
    survivor = serializers.IntegerField(
        min_value=1, max_value=VERSION_LIMIT, help_text="The version of the record kept, as you read it."
    )
    duplicate = serializers.IntegerField(
        min_value=1,
        max_value=VERSION_LIMIT,
        help_text="The version of the record merged into it, as you read it.",
    )


class MergeRequest(serializers.Serializer):
    class Meta:
        ref_name = "Merge"  # the schema's component: "MergeRequest" (requests get the suffix)

    duplicate = serializers.IntegerField(
        min_value=1,
        max_value=MAX_RECORD_NUMBER,
        help_text="The number of the record merged into this one; it is deleted.",
    )
    keep = serializers.DictField(
        child=serializers.ChoiceField(choices=[SURVIVOR, DUPLICATE]),
        required=False,
        help_text='Field name → "survivor" or "duplicate": whose value the kept record takes. A field '
        "not named keeps the kept record's value, or takes the duplicate's where that is blank.",
    )
    versions = MergeVersions(help_text="Both versions as read: 409 if either record has moved on.")


class MergeActions:
    """The ``merge`` action of a resource's viewset (``RecordViewSet``)."""

    @extend_schema(
        request=MergeRequest,
        summary="Merge a duplicate into this record",
        description="Moves every link and the history of `duplicate` to this record, takes the chosen "
        "field values, deletes `duplicate` and answers with this record as saved. Needs the right to "
        "change this record and to delete the duplicate.",
    )
    @action(detail=True, methods=["post"])
    def merge(self, request, pk=None):
        survivor = self.get_object()
        body = MergeRequest(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        duplicate = self.get_queryset().filter(pk=data["duplicate"]).first()
        if duplicate is None:
            raise NotFound(_("There is no other record with that number that you may merge."))
        if not policy_for(request).permits_merging(survivor, duplicate):
            raise PermissionDenied
        try:
            merged = merge_records(
                survivor,
                duplicate,
                actor=request.user,
                survivor_version=data["versions"]["survivor"],
                duplicate_version=data["versions"]["duplicate"],
                keep=data.get("keep"),
            )
        except MergeStale as exc:
            return Response({"detail": exc.message}, status=status.HTTP_409_CONFLICT)
        except MergeRefused as exc:
            raise ValidationError({"detail": exc.message}) from None
        return self._saved(merged)
