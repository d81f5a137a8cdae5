"""Text people can read and every file format can hold: no control characters.

A control character (an escape sequence pasted from a terminal, a form feed from an old
system) is invisible on the page, and Excel's file format cannot hold it at all. Forms and
the API refuse one at its field (``refuse_control_characters``); whatever is stored already
loses them where files are written (``printable``).
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# C0 and C1 controls and DEL, but tab and line breaks; lone surrogates, which no UTF-8 text
# (nor PostgreSQL) can hold; and the two non-characters XML refuses.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
MESSAGE = _(
    "Remove the invisible control character {code} (it is often copied along from another "
    "program); Samverka cannot store it."
)


def refuse_control_characters(value: object) -> None:
    """A field validator: the first control character in ``value`` is named in the error."""
    if isinstance(value, str) and (found := CONTROL.search(value)):
        raise ValidationError(MESSAGE.format(code=f"U+{ord(found.group()):04X}"), code="control_character")


def printable(text: str) -> str:
    """``text`` without control characters, for the files Samverka writes (Excel's and Word's
    XML cannot hold them; a CSV or PDF would show them as garbage)."""
    return CONTROL.sub("", text)


# Bidirectional embeddings and overrides: pasted into a name, an override turns the rest of its
# line around in a laid-out document ("namyN"); Unicode's bidirectional algorithm places
# right-to-left script without them.
BIDI_OVERRIDE = re.compile("[\u202a-\u202e]")


def plain(value: object) -> str:
    """Any value as text that prints as typed in every document format (line breaks kept; control
    characters and bidirectional overrides not)."""
    text = "" if value is None else str(value)
    return printable(BIDI_OVERRIDE.sub("", text.replace("\r\n", "\n").replace("\r", "\n")))
