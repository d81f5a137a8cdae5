"""The API's one way to read a body: a JSON object, or a 400 in the client's language."""

import codecs
import json

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser, get_encoding  # type: ignore[attr-defined]  # not in the stubs
from rest_framework.utils.json import strict_constant

NOT_AN_OBJECT = _('Send a JSON object as the body: {"field": value, …}.')
NOT_JSON_AT = _("The body is not valid JSON (line {line}, column {column}).")
NOT_JSON = _("The body is not valid JSON text in the character set its Content-Type names.")


class JSONObjectParser(JSONParser):
    """A body of JSON that is an object. Every write and step reads its body as names and values;
    anything else (``null``, ``5``, ``true``, ``"x"``, ``[]``) is refused before any rule runs, so it
    changes nothing. Reads as ``JSONParser`` does, with the errors in the client's language (its
    own are English)."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            text = codecs.getreader(get_encoding(parser_context or {}))(stream)
            data = json.load(text, parse_constant=strict_constant if self.strict else None)
        except json.JSONDecodeError as exc:
            raise ParseError(NOT_JSON_AT.format(line=exc.lineno, column=exc.colno)) from None
        except (ParseError, ValueError):  # a charset that is not one, bytes not in it, NaN
            raise ParseError(NOT_JSON) from None
        if not isinstance(data, dict):
            raise ParseError(NOT_AN_OBJECT)
        return data
