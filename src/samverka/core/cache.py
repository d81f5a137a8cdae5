"""Cached read-mostly pages, invalidated the moment the records behind them change.

``core.middleware.PublicPageCacheMiddleware`` stores and serves the pages
views mark with ``cache_publicly``, before sessions, log-in and the view run;
``cached_for_institution`` keeps read-mostly values such as the start page's totals.

Each institution has a *version token* in the cache; a cached page's key
includes it, so changing any record of the institution (``core.signals``)
makes a new token and every page built from the old data is never served
again (it simply expires). The same code works with the local-memory cache
(one process), the file cache (``samverka serve`` without Redis: shared by
the workers of one machine) and Redis (``REDIS_URL``: shared by all servers).
"""

import functools
import hashlib
import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db.models import QuerySet
from django.http import HttpRequest
from django.http.response import HttpResponseBase

T = TypeVar("T")

VERSION_KEY = "samverka:version:{institution_id}"
NATIONAL = 0  # the "institution" of the national overview: its token changes with every institution's


def institution_version(institution_id: int) -> str:
    key = VERSION_KEY.format(institution_id=institution_id)
    token: str | None = cache.get(key)
    if token is None:
        token = uuid.uuid4().hex
        # add() keeps a token another process made meanwhile; read back whichever won.
        cache.add(key, token, timeout=None)
        token = cache.get(key, token)
    return str(token)


def invalidate_institution(institution_id: int) -> None:
    """Everything cached from this institution's records is out of date from now on, and so is
    the national overview, made from every institution's."""
    cache.set_many(
        {VERSION_KEY.format(institution_id=pk): uuid.uuid4().hex for pk in (institution_id, NATIONAL)},
        timeout=None,
    )


def _key(kind: str, institution_id: int, name: str) -> str:
    return f"samverka:{kind}:{institution_id}:{institution_version(institution_id)}:{name}"


def page_key(institution_id: int, path: str) -> str:
    """The cache key of a page: the path names the page and its language (``/en/…``)."""
    return _key("page", institution_id, path)


def cached_for_institution(institution_id: int, name: str, compute: Callable[[], T]) -> T:
    """A value computed from the institution's records (e.g. totals over a large table), kept until
    any of those records changes."""
    key = _key("value", institution_id, name)
    value: T | None = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=settings.SAMVERKA_PAGE_CACHE_SECONDS)
    return value


def query_key(queryset: QuerySet[Any], *also: object) -> str | None:
    """A cache key for what ``queryset`` reads (its SQL and parameters, and ``also``), for a value
    made from it and kept with ``cached_for_institution``; None for a query that reads nothing."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:
        return None
    return hashlib.blake2b(repr((sql, tuple(params), also)).encode(), digest_size=16).hexdigest()


def cache_publicly(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Mark a view's pages as the same for every visitor, to be cached by ``PublicPageCacheMiddleware``.

    Such a page must show nothing personal: no CSRF token, messages or user name.
    """

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        response.cache_publicly = True  # type: ignore[attr-defined]  # read by the middleware
        return response

    return wrapper
