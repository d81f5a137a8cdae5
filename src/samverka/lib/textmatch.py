"""How typed text finds records: every word in one of the fields, or a record number written ``#12``.

One rule for the list search box, the related-record filters and the typed
references of forms, so a name that finds a record in one place finds it in all.
"""

import re

from django.db.models import Q

NUMBER_PATTERN = re.compile(r"^#(\d+)\b")


# The largest record number a database column holds (64-bit); larger is no record at all.
MAX_RECORD_NUMBER = 2**63 - 1


def record_number(text: str) -> int | None:
    """12 for "#12" or "#12 FIQA – …" (as references are shown); None for anything else."""
    match = NUMBER_PATTERN.match(text.strip())
    number = int(match.group(1)) if match else None
    return number if number is not None and number <= MAX_RECORD_NUMBER else None


def record_id(value: object) -> int | None:
    """The record number in a query parameter ("12"), or None for anything else or too large."""
    text = str(value or "").strip()
    return int(text) if text.isdigit() and int(text) <= MAX_RECORD_NUMBER else None


def out_of_range(value: object) -> bool:
    """A record number no database can hold (asking the database would fail, not answer "none")."""
    values = value if isinstance(value, list | tuple) else [value]
    return any(
        str(v).strip().lstrip("-").isdigit() and abs(int(str(v).strip())) > MAX_RECORD_NUMBER for v in values
    )


def words_condition(text: str, fields: tuple[str, ...] | list[str]) -> Q:
    """Every word of ``text`` occurs (case-insensitively) in at least one of ``fields``."""
    condition = Q()
    for word in text.split():
        either = Q()
        for field in fields:
            either |= Q(**{f"{field}__icontains": word})
        condition &= either
    return condition
