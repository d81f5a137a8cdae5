"""How typed text finds records: every word in one of the fields, or a record number written ``#12``.

One rule for the list search box, the related-record filters and the typed
references of forms, so a name that finds a record in one place finds it in all.
"""

import re

from django.db.models import Q

NUMBER_PATTERN = re.compile(r"^#(\d+)\b")


def record_number(text: str) -> int | None:
    """12 for "#12" or "#12 FIQA – …" (as references are shown); None for anything else."""
    match = NUMBER_PATTERN.match(text.strip())
    return int(match.group(1)) if match else None


def words_condition(text: str, fields: tuple[str, ...] | list[str]) -> Q:
    """Every word of ``text`` occurs (case-insensitively) in at least one of ``fields``."""
    condition = Q()
    for word in text.split():
        either = Q()
        for field in fields:
            either |= Q(**{f"{field}__icontains": word})
        condition &= either
    return condition
