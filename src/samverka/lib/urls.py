"""The address of a record's page, made by Django's ``reverse()`` once per page and language.

A list of 25 records links each of them and the records in its columns: some 130 calls of
``reverse()`` a page, each resolving the pattern again (issue 25). ``reverse_id`` reverses a
page's pattern once, with a marker for the record's number, and then only puts the number in.
"""

import functools

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

MARKER = 918273645  # a number no address has elsewhere: where the record's number goes


def reverse_id(name: str, pk: int) -> str:
    """``reverse(name, args=[pk])`` for a page whose one argument is a record's number."""
    if not isinstance(pk, int) or isinstance(pk, bool):
        return reverse(name, args=[pk])  # not a number: Django's own answer (or NoReverseMatch)
    before, after = _around_marker(
        name, get_language(), get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF
    )
    return f"{before}{pk}{after}"


@functools.lru_cache(maxsize=1024)
def _around_marker(name: str, language: str | None, prefix: str, urlconf: str) -> tuple[str, str]:
    """The address of page ``name`` in ``language`` under ``prefix``, split where the number goes
    (the arguments other than ``name`` are the key: ``reverse()`` reads them from the request)."""
    address = reverse(name, args=[MARKER], urlconf=urlconf)
    before, marker, after = address.partition(str(MARKER))
    if not marker or str(MARKER) in after:
        raise ValueError(f"{name}: the record's number is not in one place of {address}")
    return before, after
