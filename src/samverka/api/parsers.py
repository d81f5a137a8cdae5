"""The API's one way to read a body: a JSON object, or a 400 in the client's language."""

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

NOT_AN_OBJECT = _('Send a JSON object as the body: {"field": value, …}.')


class JSONObjectParser(JSONParser):
    """A body of JSON that is an object. Every write and step reads its body as names and values;
    anything else (``null``, ``5``, ``true``, ``"x"``, ``[]``) is refused before any rule runs, so it
    changes nothing."""

    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        if not isinstance(data, dict):
            raise ParseError(NOT_AN_OBJECT)
        return data
