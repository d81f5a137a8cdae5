"""What every step of a record through the API shares (``POST …/{id}/<step>/``): the version the
client read, and the answers of the domain's refusals, as the workspace gives them."""

from rest_framework import serializers
from rest_framework.response import Response

VERSION = serializers.IntegerField(
    min_value=1,
    max_value=2**31 - 1,
    help_text="The record's version as you read it (409 if it has moved on).",
)


class StepRequest(serializers.Serializer):
    """A step with nothing more to send than the version read."""

    class Meta:
        ref_name = "RecordStep"

    version = VERSION


def valid(serializer_class, request) -> dict:
    body = serializer_class(data=request.data)
    body.is_valid(raise_exception=True)
    return body.validated_data


def step(view, take) -> Response:
    """Take a step (``take()`` returns the record) and answer with the record as saved; a refusal
    of the domain is answered by ``api.base.json_errors`` (409 if the record moved on since the
    client read it, 400 with the reason if the step does not fit its state)."""
    return view._saved(take())
